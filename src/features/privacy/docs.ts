import type { Unparsed } from '../../platform/cosmos/docs';
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { CONTAINERS, type ContainerName } from '../../platform/cosmos/containers';
import { isConflict, isNotFound, isPreconditionFailed } from '../../platform/cosmos/errors';

// Raw document access for erasure and retention: every container, any document type, always
// conditional (If-Match on replace and delete, create-or-conflict for new deterministic ids).

export type Doc = Record<string, unknown>;

const SYSTEM = new Set(['_rid', '_self', '_etag', '_ts', '_attachments', '_lsn']);
const DocSchema = z.record(z.string(), z.unknown());
const Stamped = z.object({ id: z.string(), _etag: z.string().optional() });

export interface StoredDoc {
  container: ContainerName;
  doc: Doc;
  id: string;
  etag: string | undefined;
}

/** The document without the server's own properties. */
export function bare(doc: Doc): Doc {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !SYSTEM.has(k)));
}

/** The partition key value of a document in its container (every key here is a top-level path). */
function partitionOf(name: ContainerName, doc: Doc): string {
  const field = CONTAINERS[name].partitionKey.slice(1);
  const v = doc[field];
  return typeof v === 'string' ? v : '';
}

function stored(name: ContainerName, raw: unknown): StoredDoc | null {
  const doc = DocSchema.safeParse(raw);
  const stamp = Stamped.safeParse(raw);
  if (!doc.success || !stamp.success) return null;
  return { container: name, doc: doc.data, id: stamp.data.id, etag: stamp.data._etag };
}

export async function query(container: Container, name: ContainerName, text: string, parameters: { name: string; value: string | number | string[] }[] = []): Promise<StoredDoc[]> {
  const { resources } = await container.items.query({ query: text, parameters }).fetchAll();
  return resources.flatMap((r: unknown) => {
    const s = stored(name, r);
    return s ? [s] : [];
  });
}

export async function read(container: Container, name: ContainerName, id: string, pk: string): Promise<StoredDoc | null> {
  try {
    const { resource } = await container.item(id, pk).read<Unparsed>();
    return resource ? stored(name, resource) : null;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

export type Outcome = 'done' | 'changedMeanwhile';

/** Replaces (or, when the id or key changes, creates the new and deletes the old) under If-Match. */
export async function rewrite(container: Container, s: StoredDoc, next: Doc | null): Promise<Outcome> {
  const oldPk = partitionOf(s.container, s.doc);
  const cond = s.etag ? { accessCondition: { type: 'IfMatch' as const, condition: s.etag } } : {};
  try {
    if (next === null) {
      await container.item(s.id, oldPk).delete(cond);
      return 'done';
    }
    const body = bare(next);
    const sameKey = body.id === s.id && partitionOf(s.container, body) === oldPk;
    if (sameKey) {
      await container.item(s.id, oldPk).replace(body, cond);
      return 'done';
    }
    try {
      await container.items.create(body);
    } catch (err) {
      // A deterministic id written by another instance (or an earlier run): the same content.
      if (!isConflict(err)) throw err;
    }
    await container.item(s.id, oldPk).delete(cond);
    return 'done';
  } catch (err) {
    if (isNotFound(err)) return 'done';
    if (isPreconditionFailed(err)) return 'changedMeanwhile';
    throw err;
  }
}

/** Creates a document with a deterministic id unless it is there already. */
export async function createOnce(container: Container, doc: Doc): Promise<void> {
  try {
    await container.items.create(doc);
  } catch (err) {
    if (!isConflict(err)) throw err;
  }
}
