import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { isConflict, isPreconditionFailed } from '../store/errors';

export const JOB_KINDS = ['notice', 'reminder', 'survey', 'nudge', 'lowRegistration'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * pending → leased (an instance holds it, may be taken over when the lease expires)
 *         → sending (written just before the request; if the instance dies now the job is
 *           "indoubt" and is not sent again: a duplicate is worse than asking the coordinator)
 *         → sent | skipped (no longer relevant) | failed (dead letter) | cancelled
 */
export const JOB_STATUSES = ['pending', 'leased', 'sending', 'sent', 'skipped', 'failed', 'indoubt', 'cancelled'] as const;

export const JobSchema = z.object({
  id: z.string(),
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
  updatedAt: z.string().optional(),
});
export type Job = z.infer<typeof JobSchema>;

export interface NewJob {
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

const dayOf = (iso: string) => iso.slice(0, 10);

/** Jobs in Cosmos, partitioned by the UTC day they were first due; every change is If-Match. */
export class JobRepository {
  constructor(private readonly container: Container) {}

  /** Creates the job unless one with this (deterministic) id exists. Returns whether it was new. */
  async create(input: NewJob): Promise<boolean> {
    const due = input.dueAt.toISOString();
    const job: Job = {
      id: input.id,
      day: dayOf(due),
      type: 'job',
      kind: input.kind,
      toUserId: input.toUserId,
      ...(input.activityId ? { activityId: input.activityId } : {}),
      lang: input.lang,
      payload: input.payload,
      status: 'pending',
      dueAt: due,
      attempts: 0,
      throttles: 0,
      updatedAt: new Date().toISOString(),
    };
    try {
      await this.container.items.create(job);
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  /** Due work: pending and due, or leased by an instance whose lease ran out. Oldest first. */
  async due(now: Date, limit: number): Promise<VersionedJob[]> {
    const { resources } = await this.container.items
      .query(
        {
          query:
            `SELECT TOP ${Math.max(1, Math.floor(limit))} * FROM c WHERE c.type = 'job' AND ((c.status = 'pending' AND c.dueAt <= @now) OR (c.status = 'leased' AND c.leaseUntil < @now)) ORDER BY c.dueAt`,
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

  /** Replaces under If-Match; null when another instance changed the job first. */
  async transition(current: VersionedJob, next: Job): Promise<VersionedJob | null> {
    try {
      const res = await this.container.item(next.id, next.day).replace({ ...next, updatedAt: new Date().toISOString() }, {
        accessCondition: { type: 'IfMatch', condition: current.etag },
      });
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
