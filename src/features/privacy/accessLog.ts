import type { Container } from '@azure/cosmos';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { AccessEvent } from '../reports';
import { isNotFound } from '../../platform/cosmos/errors';
import { query } from './docs';

// Who looked at or exported others' personal data: ids and the kind of question, never the
// rows. In the directory container, one partition per month ("accesslog-2025-03"), so listing
// the latest and dropping expired months are single-partition queries.

const AccessEntrySchema = z.object({
  id: z.string(),
  pk: z.string().regex(/^accesslog-\d{4}-\d{2}$/),
  type: z.literal('accessLog'),
  at: z.iso.datetime(),
  viewerId: z.string(),
  /** The question kind ("attended", "registered", "stats", …), "myData", "erase". */
  purpose: z.string().max(40),
  export: z.boolean(),
  scope: z.string().max(20),
  organizationId: z.string().optional(),
  activityIds: z.array(z.string()).max(50),
  activities: z.number().int().min(0),
  rows: z.number().int().min(0),
  /** Another person the entry is about (an erasure: their stand-in id). */
  subjectId: z.string().optional(),
  /** The network whose roster was read. */
  networkId: z.string().optional(),
  /** Seconds; Azure's TTL removes the entry if the purge has not (the container needs TTL on). */
  ttl: z.number().int().positive(),
});
export type AccessEntry = z.infer<typeof AccessEntrySchema>;

const monthPk = (d: Date) => `accesslog-${d.toISOString().slice(0, 7)}`;

export function addMonths(d: Date, months: number): Date {
  const out = new Date(d);
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
}

export class AccessLog {
  private writes = new Set<Promise<void>>();

  constructor(
    private readonly container: Container,
    private readonly deps: { now(): Date; retentionMonths: number; log: Logger },
  ) {}

  /** Records a read of others' records (reads of one's own are not logged). Never throws. */
  record(e: Omit<AccessEvent, 'purpose'> & { purpose: AccessEvent['purpose'] | 'erase' | 'roster' | 'teams'; subjectId?: string; networkId?: string }): void {
    if (e.scope === 'self') return;
    const at = this.deps.now();
    const entry: AccessEntry = {
      id: `access-${randomUUID()}`,
      pk: monthPk(at),
      type: 'accessLog',
      at: at.toISOString(),
      viewerId: e.viewerId,
      purpose: e.purpose,
      export: e.export,
      scope: e.scope,
      ...(e.organizationId ? { organizationId: e.organizationId } : {}),
      activityIds: e.activityIds.slice(0, 50),
      activities: e.activityIds.length,
      rows: e.rows,
      ...(e.subjectId ? { subjectId: e.subjectId } : {}),
      ...(e.networkId ? { networkId: e.networkId } : {}),
      ttl: Math.round((addMonths(at, this.deps.retentionMonths).getTime() - at.getTime()) / 1000),
    };
    const p = this.container.items
      .create(entry)
      .then(() => undefined)
      .catch((err: unknown) => this.deps.log.error({ err, viewer: e.viewerId }, 'access log write failed'));
    this.writes.add(p);
    void p.finally(() => this.writes.delete(p));
  }

  /** Waits for entries being written (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.writes]);
  }

  /** The latest entries, newest first, from this month and the ones before. */
  async latest(limit: number, months = 3): Promise<AccessEntry[]> {
    const now = this.deps.now();
    const out: AccessEntry[] = [];
    for (let i = 0; i < months && out.length < limit; i++) {
      const pk = monthPk(addMonths(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), -i));
      const docs = await query(this.container, 'directory', "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'accessLog'", [{ name: '@pk', value: pk }]);
      const parsed = docs.flatMap((d) => {
        const r = AccessEntrySchema.safeParse(d.doc);
        return r.success ? [r.data] : [];
      });
      out.push(...parsed.sort((a, b) => b.at.localeCompare(a.at)));
    }
    return out.slice(0, limit);
  }

  /** Deletes entries older than the retention period; returns how many. */
  async purge(): Promise<number> {
    const cut = addMonths(this.deps.now(), -this.deps.retentionMonths).toISOString();
    const old = await query(this.container, 'directory', "SELECT c.id, c.pk FROM c WHERE c.type = 'accessLog' AND c.at < @cut", [{ name: '@cut', value: cut }]);
    let n = 0;
    for (const d of old) {
      const pk = typeof d.doc.pk === 'string' ? d.doc.pk : '';
      try {
        await this.container.item(d.id, pk).delete();
        n++;
      } catch (err) {
        // Another instance deleted it first.
        if (!isNotFound(err)) throw err;
      }
    }
    return n;
  }
}
