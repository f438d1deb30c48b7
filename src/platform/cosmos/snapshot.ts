import type { Database, JSONObject, OperationInput } from '@azure/cosmos';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// Persistence for the embedded server, which keeps data in memory only. Everything goes
// through the SDK, so the file is independent of the server's internals.

const SnapshotSchema = z.object({
  version: z.literal(1),
  savedAt: z.string(),
  containers: z.array(
    z.object({
      id: z.string(),
      partitionKey: z.string(),
      items: z.array(z.record(z.string(), z.unknown())),
    }),
  ),
});

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_attachments', '_ts'];

export async function saveSnapshot(db: Database, file: string): Promise<number> {
  const { resources: defs } = await db.containers.readAll().fetchAll();
  const containers = [];
  let count = 0;
  for (const def of defs) {
    const { resources } = await db.container(def.id).items.readAll<Record<string, unknown>>().fetchAll();
    const items = resources.map((r) => {
      const copy = { ...r };
      for (const f of SYSTEM_FIELDS) delete copy[f];
      return copy;
    });
    count += items.length;
    containers.push({ id: def.id, partitionKey: def.partitionKey?.paths?.[0] ?? '/id', items });
  }
  const body = JSON.stringify({ version: 1, savedAt: new Date().toISOString(), containers });
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, body);
  await fs.rename(tmp, file);
  return count;
}

/** Loads a snapshot into an empty embedded database. Returns the number of items, or null without a file. */
export async function loadSnapshot(db: Database, file: string): Promise<number | null> {
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const snap = SnapshotSchema.parse(JSON.parse(raw));
  let count = 0;
  for (const c of snap.containers) {
    const { container } = await db.containers.createIfNotExists({ id: c.id, partitionKey: { paths: [c.partitionKey] } });
    const key = c.partitionKey.replace(/^\//, '');
    for (let i = 0; i < c.items.length; i += 100) {
      const ops: OperationInput[] = c.items.slice(i, i + 100).map((item) => ({
        operationType: 'Upsert',
        partitionKey: item[key] as string,
        resourceBody: item as JSONObject,
      }));
      const res = await container.items.bulk(ops);
      for (const r of res) {
        if (r.statusCode >= 300) throw new Error(`snapshot load failed in ${c.id}: status ${r.statusCode}`);
      }
      count += ops.length;
    }
  }
  return count;
}
