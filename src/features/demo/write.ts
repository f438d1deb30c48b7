import type { Container, JSONObject, OperationInput } from '@azure/cosmos';
import { DEMO_PREFIX, type DemoData } from './build';

// Writing the demo into a store, and the check that keeps it out of a store with real data.

/** Ids of activities that are not the demo's: real data the demo must never mix with. */
export async function realActivityIds(activities: Container): Promise<string[]> {
  const { resources } = await activities.items.query<{ id: string }>("SELECT c.id FROM c WHERE c.type = 'activity'").fetchAll();
  return resources.map((r) => r.id).filter((id) => !id.startsWith(DEMO_PREFIX));
}

async function upsertAll(container: Container, docs: readonly JSONObject[], key: (d: JSONObject) => string): Promise<number> {
  for (let i = 0; i < docs.length; i += 100) {
    const ops: OperationInput[] = docs.slice(i, i + 100).map((d) => ({ operationType: 'Upsert', partitionKey: key(d), resourceBody: d }));
    const res = await container.items.bulk(ops);
    const failed = res.filter((r) => r.statusCode >= 300);
    if (failed.length > 0) throw new Error(`demo: ${failed.length} writes to ${container.id} failed (status ${failed[0]?.statusCode})`);
  }
  return docs.length;
}

const str = (d: JSONObject, k: string): string => {
  const v = d[k];
  if (typeof v !== 'string') throw new Error(`demo: document without ${k}`);
  return v;
};

const json = (docs: readonly object[]): JSONObject[] => docs.map((d) => JSON.parse(JSON.stringify(d)) as JSONObject);

/** Upserts every demo document; running it again changes nothing. */
export async function writeDemo(containers: { activities: Container; directory: Container }, data: DemoData): Promise<{ activities: number; seats: number; attendance: number; people: number }> {
  const byActivity = (d: JSONObject) => str(d, 'activityId');
  return {
    activities: await upsertAll(containers.activities, json(data.activities), byActivity),
    seats: await upsertAll(containers.activities, json(data.seats), byActivity),
    attendance: await upsertAll(containers.activities, json(data.attendance), byActivity),
    people: await upsertAll(containers.directory, json(data.people), (d) => str(d, 'pk')),
  };
}
