import type { Container } from '@azure/cosmos';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isConflict, isPreconditionFailed } from '../cosmos/errors';
import { pointOp } from '../cosmos/batch';

const JOB_KINDS = ['notice', 'reminder', 'survey', 'nudge', 'lowRegistration'] as const;
type JobKind = (typeof JOB_KINDS)[number];

/**
 * pending → leased (an instance holds it, may be taken over when the lease expires)
 *         → sending (written just before the request; if the instance dies now the job is
 *           "indoubt" and is not sent again: a duplicate is worse than asking the coordinator)
 *         → sent | skipped (no longer relevant) | failed (dead letter) | cancelled
 * held: for someone the bot cannot reach yet (known by e-mail, or never met in Teams); never
 * due, handed on as a new pending job when they first turn up (teams-registration/heldNotices).
 */
const JOB_STATUSES = ['pending', 'leased', 'sending', 'sent', 'skipped', 'failed', 'indoubt', 'cancelled', 'held'] as const;

const JobSchema = z.object({
  /** The job's identity: one planned message, whatever day it is due or sent (see jobPartition). */
  id: z.string(),
  /** The container's partition key field: the identity's bucket (jobPartition), never a date. */
  day: z.string(),
  type: z.literal('job'),
  kind: z.enum(JOB_KINDS),
  toUserId: z.string(),
  activityId: z.string().optional(),
  lang: z.enum(['sv', 'en']),
  payload: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  status: z.enum(JOB_STATUSES),
  dueAt: z.string(),
  attempts: z.number().int(),
  throttles: z.number().int().default(0),
  leaseUntil: z.string().optional(),
  owner: z.string().optional(),
  lastError: z.string().optional(),
  sentAt: z.string().optional(),
  messageId: z.string().optional(),
  /** The dispatcher (instance) that sent it. */
  sentBy: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type Job = z.infer<typeof JobSchema>;

export interface NewJob {
  /**
   * Deterministic identity: kind, activity, session (or seat list), recipient, and a revision
   * only where the message legitimately repeats (a moved session's start, a new registration's
   * time). Never the day it is planned or due.
   */
  id: string;
  kind: JobKind;
  toUserId: string;
  activityId?: string;
  lang: 'sv' | 'en';
  payload: Job['payload'];
  dueAt: Date;
}

export interface VersionedJob {
  job: Job;
  etag: string;
}

const BUCKETS = 256;

/**
 * Where a job lives: a bucket derived from its id alone. The old partition was the UTC day the
 * job was first due, and the planner's due time is max(planned, now), so the same job landed in
 * a new partition every day and was created (and sent) again. Derived from the id, a second
 * create of one identity always meets the first in the same partition and gets 409.
 */
export function jobPartition(id: string): string {
  const n = createHash('sha256').update(id).digest().readUInt16BE(0) % BUCKETS;
  return `b${n.toString(16).padStart(2, '0')}`;
}

/** Jobs in Cosmos, one document per identity; every change is If-Match. */
export class JobRepository {
  constructor(
    private readonly container: Container,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Ids of jobs stored outside the partition their id names: written before partitions were
   * derived from the id, or moved by an erasure. Read once per process (ids and partitions
   * only), so a new job costs one create instead of a point read and a cross-partition query
   * (three round trips, and a scan of the container on the embedded store, on every
   * registration's confirmation). Nothing in this code writes such a job again, except an
   * erasure in another process, which moves only jobs it also cancels; a job planned again for
   * the erased stand-in is skipped by the dispatcher, never sent.
   */
  private strays: Promise<Set<string>> | undefined;

  private strayIds(): Promise<Set<string>> {
    this.strays ??= this.container.items
      .query<{ id: string; day: string }>("SELECT c.id, c.day FROM c WHERE c.type = 'job'")
      .fetchAll()
      .then(({ resources }) => new Set(resources.filter((r) => r.day !== jobPartition(r.id)).map((r) => r.id)));
    // A failed read is tried again by the next create, not remembered.
    this.strays.catch(() => (this.strays = undefined));
    return this.strays;
  }

  /**
   * Creates the job unless its identity exists anywhere. Returns whether it was new. In its own
   * partition a second create meets the first (409); elsewhere, the stray ids say so.
   */
  async create(input: NewJob, status: 'pending' | 'held' = 'pending'): Promise<boolean> {
    const partition = jobPartition(input.id);
    if ((await this.strayIds()).has(input.id)) return false;
    const job: Job = {
      id: input.id,
      day: partition,
      type: 'job',
      kind: input.kind,
      toUserId: input.toUserId,
      ...(input.activityId ? { activityId: input.activityId } : {}),
      lang: input.lang,
      payload: input.payload,
      status,
      dueAt: input.dueAt.toISOString(),
      attempts: 0,
      throttles: 0,
      updatedAt: this.now().toISOString(),
    };
    try {
      // Batched with the other jobs planned at the same moment (a burst's confirmations).
      await pointOp(this.container, { kind: 'create', pk: partition, body: job });
      return true;
    } catch (err) {
      if (isConflict(err)) return false; // it exists: planned again, or another instance created it first
      throw err;
    }
  }

  /** Due work: pending and due, or leased by an instance whose lease ran out. Oldest first. */
  async due(now: Date, limit: number): Promise<VersionedJob[]> {
    const { resources } = await this.container.items
      .query(
        {
          query: `SELECT TOP ${Math.max(1, Math.floor(limit))} * FROM c WHERE c.type = 'job' AND ((c.status = 'pending' AND c.dueAt <= @now) OR (c.status = 'leased' AND c.leaseUntil < @now)) ORDER BY c.dueAt`,
          parameters: [{ name: '@now', value: now.toISOString() }],
        },
        { maxItemCount: limit },
      )
      .fetchAll();
    return this.parse(resources);
  }

  /** Jobs an instance died while sending: their fate is unknown. */
  async staleSending(now: Date): Promise<VersionedJob[]> {
    const { resources } = await this.container.items
      .query({
        query: "SELECT * FROM c WHERE c.type = 'job' AND c.status = 'sending' AND c.leaseUntil < @now",
        parameters: [{ name: '@now', value: now.toISOString() }],
      })
      .fetchAll();
    return this.parse(resources);
  }

  async list(filter: { statuses?: Job['status'][]; activityId?: string; toUserId?: string } = {}): Promise<Job[]> {
    const where = ["c.type = 'job'"];
    const parameters: { name: string; value: string | string[] }[] = [];
    if (filter.statuses) {
      where.push('ARRAY_CONTAINS(@statuses, c.status)');
      parameters.push({ name: '@statuses', value: filter.statuses });
    }
    if (filter.activityId) {
      where.push('c.activityId = @a');
      parameters.push({ name: '@a', value: filter.activityId });
    }
    if (filter.toUserId) {
      where.push('c.toUserId = @u');
      parameters.push({ name: '@u', value: filter.toUserId });
    }
    const { resources } = await this.container.items.query({ query: `SELECT * FROM c WHERE ${where.join(' AND ')}`, parameters }).fetchAll();
    return this.parse(resources).map((v) => v.job);
  }

  /** Jobs held for someone until they first turn up. */
  async held(toUserId: string): Promise<VersionedJob[]> {
    const { resources } = await this.container.items
      .query({ query: "SELECT * FROM c WHERE c.type = 'job' AND c.status = 'held' AND c.toUserId = @u", parameters: [{ name: '@u', value: toUserId }] })
      .fetchAll();
    return this.parse(resources);
  }

  /** Replaces under If-Match; null when another instance changed the job first. */
  async transition(current: VersionedJob, next: Job): Promise<VersionedJob | null> {
    try {
      const res = await this.container.item(next.id, next.day).replace(
        { ...next, updatedAt: this.now().toISOString() },
        {
          accessCondition: { type: 'IfMatch', condition: current.etag },
        },
      );
      return { job: next, etag: res.etag };
    } catch (err) {
      if (isPreconditionFailed(err)) return null;
      throw err;
    }
  }

  private parse(resources: unknown[]): VersionedJob[] {
    return resources.flatMap((r) => {
      const p = JobSchema.safeParse(r);
      const etag = r && typeof r === 'object' && '_etag' in r && typeof r._etag === 'string' ? r._etag : '';
      return p.success && etag ? [{ job: p.data, etag }] : [];
    });
  }
}
