import type { Logger } from 'pino';
import { applySeatOps, emptySeats, seatsId, type SeatEntry, type SeatOp, type SeatResult, type Seats } from '../../kernel/seats';
import type { ActivityRepository } from '../activities';
import { isConflict, isPreconditionFailed } from '../../platform/cosmos/errors';
import { StoreDeadlineError } from '../../platform/cosmos/httpClient';
import { activeTurn, outsideTurn, withStoreDeadline } from '../../kernel/turnScope';

interface Pending {
  op: SeatOp;
  /** The store deadline of the turn waiting for this (epoch ms); none for background work. */
  deadline: number | undefined;
  resolve: (r: SeatCommit) => void;
  reject: (err: unknown) => void;
}

export interface SeatCommit {
  result: SeatResult;
  state: Seats;
  /** People moved up because the capacity was raised; reported once, with the first request of the batch. */
  promotedByCapacity: SeatEntry[];
}

interface Queue {
  activityId: string;
  scope: string;
  capacity: number;
  pending: Pending[];
  running: boolean;
  cached?: { doc: Seats; etag: string };
}

const MAX_ATTEMPTS = 40;

/**
 * Group commit for seat lists. Requests for one seat document queue up in this process and
 * are applied together in one If-Match replace; another process writing in between makes
 * the replace fail with 412, and the batch is re-applied to the fresh document. The ETag,
 * not the queue, is what makes it correct across processes.
 */
export class SeatCommitter {
  private readonly queues = new Map<string, Queue>();
  private readonly recent = new Map<string, { doc: Seats; etag: string }>();

  private remember(key: string, v: { doc: Seats; etag: string }): void {
    this.recent.delete(key);
    this.recent.set(key, v);
    if (this.recent.size > 500) this.recent.delete(this.recent.keys().next().value as string);
  }

  constructor(
    private readonly repo: ActivityRepository,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  submit(input: { activityId: string; scope: string; capacity: number; op: SeatOp }): Promise<SeatCommit> {
    const key = `${input.activityId}/${input.scope}`;
    let q = this.queues.get(key);
    if (!q) {
      const cached = this.recent.get(key);
      q = { activityId: input.activityId, scope: input.scope, capacity: input.capacity, pending: [], running: false, ...(cached ? { cached } : {}) };
      this.queues.set(key, q);
    }
    q.capacity = input.capacity;
    const deadline = activeTurn()?.storeDeadline;
    return new Promise((resolve, reject) => {
      const queue = q;
      queue.pending.push({ op: input.op, deadline, resolve, reject });
      // The drain serves every turn that queues behind this one: it must not carry this turn's deadline.
      if (!queue.running) outsideTurn(() => void this.drain(key, queue));
    });
  }

  private async drain(key: string, q: Queue): Promise<void> {
    q.running = true;
    try {
      while (q.pending.length > 0) {
        // A turn whose deadline passed while it waited in the queue is answered "try again";
        // its request was never applied, so nothing of it is written.
        const now = Date.now();
        const late = q.pending.filter((p) => p.deadline !== undefined && p.deadline <= now);
        const batch = q.pending.splice(0).filter((p) => !late.includes(p));
        for (const p of late) p.reject(new StoreDeadlineError());
        if (batch.length === 0) continue;
        // The batch may take as long as the most patient of its turns; background requests, as long as the SDK allows.
        const deadlines = batch.map((b) => b.deadline);
        const deadline = deadlines.every((d) => d !== undefined) ? Math.max(...deadlines) : undefined;
        try {
          const { state, results, promotedByCapacity } = await withStoreDeadline(deadline, () =>
            this.commit(
              q,
              batch.map((b) => b.op),
            ),
          );
          batch.forEach((b, i) => b.resolve({ result: results[i] as SeatResult, state, promotedByCapacity: i === 0 ? promotedByCapacity : [] }));
        } catch (err) {
          batch.forEach((b) => b.reject(err));
        }
      }
    } finally {
      q.running = false;
      // Forget idle queues so memory does not grow with the number of sessions ever touched,
      // but keep the last document a while: the next wave of clicks then starts without a read.
      if (q.pending.length === 0) {
        this.queues.delete(key);
        if (q.cached) this.remember(key, q.cached);
      }
    }
  }

  private async commit(q: Queue, ops: SeatOp[]): Promise<ReturnType<typeof applySeatOps>> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const fromCache = q.cached !== undefined;
      const current = q.cached ?? (await this.repo.getSeats(q.activityId, seatsId(q.scope)));
      const now = this.now();
      try {
        if (!current) {
          const fresh = emptySeats(q.activityId, q.scope, q.capacity);
          const applied = applySeatOps(fresh, ops, now);
          const etag = await this.repo.createSeats(applied.state);
          q.cached = { doc: applied.state, etag };
          return applied;
        }
        const base = current.doc.capacity === q.capacity ? current.doc : { ...current.doc, capacity: q.capacity };
        const applied = applySeatOps(base, ops, now);
        // Double clicks and retries change nothing: answer from the document without rewriting it.
        if (base === current.doc && JSON.stringify(applied.state.entries) === JSON.stringify(current.doc.entries)) {
          // Only trust "nothing to do" from a fresh read: a cached copy may miss another process's write.
          if (fromCache) {
            q.cached = undefined;
            continue;
          }
          q.cached = current;
          return applied;
        }
        const etag = await this.repo.replaceSeats(applied.state, current.etag);
        q.cached = { doc: applied.state, etag };
        return applied;
      } catch (err) {
        if (!isPreconditionFailed(err) && !isConflict(err)) {
          q.cached = undefined;
          throw err;
        }
        // Someone else wrote first: read again and re-apply, with a little jitter.
        q.cached = undefined;
        this.log.debug({ activityId: q.activityId, scope: q.scope, attempt }, 'seat write lost a race; retrying');
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 + attempt * 5)));
      }
    }
    throw new Error('seat update kept conflicting');
  }
}
