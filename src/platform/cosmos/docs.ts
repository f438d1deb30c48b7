import type { Container } from '@azure/cosmos';
import type { z } from 'zod';
import { pointOp } from './batch';

/** An item as read from the store, before its schema has looked at it. */
export interface Unparsed {
  id?: string;
  ttl?: number;
  [field: string]: unknown;
}

export interface Versioned<T> {
  doc: T;
  etag: string;
}

/**
 * Point read parsed with the document's schema: null when absent or not of that shape. Reads
 * made at the same moment go to the store together (batch.ts).
 */
export async function readDoc<T>(container: Container, id: string, pk: string, schema: z.ZodType<T>): Promise<Versioned<T> | null> {
  const found = await pointOp(container, { kind: 'read', id, pk });
  if (!found) return null;
  const parsed = schema.safeParse(found.resource);
  return parsed.success ? { doc: parsed.data, etag: found.etag } : null;
}

/** Query results parsed with a schema; documents of another shape are left out. */
export function parseAll<T>(resources: readonly unknown[], schema: z.ZodType<T>): T[] {
  return resources.flatMap((r) => {
    const p = schema.safeParse(r);
    return p.success ? [p.data] : [];
  });
}
