import type { Container } from '@azure/cosmos';
import type { z } from 'zod';
import { isNotFound } from './errors';

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

/** Point read parsed with the document's schema: null when absent or not of that shape. */
export async function readDoc<T>(container: Container, id: string, pk: string, schema: z.ZodType<T>): Promise<Versioned<T> | null> {
  try {
    const { resource, etag } = await container.item(id, pk).read<Unparsed>();
    if (!resource) return null;
    const parsed = schema.safeParse(resource);
    return parsed.success ? { doc: parsed.data, etag } : null;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** Query results parsed with a schema; documents of another shape are left out. */
export function parseAll<T>(resources: readonly unknown[], schema: z.ZodType<T>): T[] {
  return resources.flatMap((r) => {
    const p = schema.safeParse(r);
    return p.success ? [p.data] : [];
  });
}
