import type { Logger } from 'pino';
import { errorInfo } from './errorInfo';
import type { OutgoingActivity, SendOutcome } from './connector';
import type { Job, JobRepository, VersionedJob } from './jobs';
import { Pacer, type PaceLimits } from './pacer';
import { isStoreUnavailable } from '../cosmos/errors';
import { SpanKind, type Span } from '@opentelemetry/api';
import { countDeadLetter, countSend, countThrottled, inSpan } from '../observability';

/** What the dispatcher needs of the job store. */
export type DispatchJobs = Pick<JobRepository, 'due' | 'staleSending' | 'transition'>;

/** Turns a job into a message for its recipient, or says why it is no longer wanted. */
export interface JobRenderer {
  render(job: Job): Promise<{ activity: OutgoingActivity } | { skip: string }>;
}

/** Sends to a recipient's 1:1 chat (creating it when needed). */
export interface JobDelivery {
  send(job: Job, activity: OutgoingActivity): Promise<SendOutcome>;
  /** Called on 403/404: the user blocked or removed the bot. */
  unreachable(job: Job): Promise<void>;
}

export interface DispatcherOptions {
  limits: PaceLimits;
  leaseMs?: number;
  batch?: number;
  maxInFlight?: number;
  maxAttempts?: number;
  pollMs?: number;
  now?: () => number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * The one way proactive messages leave the bot. Instances lease due jobs under ETag
 * conditions, pace requests to Teams' limits, and record each job's fate. A throttled
 * recipient waits alone; everyone else goes on.
 */
export class Dispatcher {
  private readonly pacer: Pacer;
  /** This instance's name on the jobs it leases and sends. */
  readonly owner = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private running: Promise<void> | null = null;
  private again = false;
  /** Nothing is sent before start(): an instance with the scheduler disabled only writes jobs. */
  private stopped = true;
  /** Rounds failed in a row (the store away); logged once as an error, then quietly until it returns. */
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  /** Business time: due times, leases (a test clock may stand still). */
  private readonly now: () => number;
  /** Real time for pacing: requests are spaced in wall-clock time whatever the business clock says. */
  private readonly wall = () => Date.now();
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly maxInFlight: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly jobs: DispatchJobs,
    private readonly renderer: JobRenderer,
    private readonly delivery: JobDelivery,
    private readonly log: Logger,
    private readonly options: DispatcherOptions,
  ) {
    this.pacer = new Pacer(options.limits);
    this.now = options.now ?? Date.now;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.batch = options.batch ?? 100;
    this.maxInFlight = options.maxInFlight ?? 32;
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 2_000);
    this.timer.unref();
    this.kick();
  }

  /** Stops taking work, waits for requests in flight, and gives back leased jobs. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          while (!this.stopped && (await this.round()) > 0) {
            // keep going while there is due work
          }
          if (this.failures > 0) this.log.info({ failures: this.failures }, 'dispatching resumed');
          this.failures = 0;
        } catch (err) {
          // The next tick (pollMs) tries again; leased jobs return when their lease runs out.
          this.failures++;
          // The store away is an outage to wait out (a warning); anything else is a bug (an error).
          if (this.failures === 1) this.log[isStoreUnavailable(err) ? 'warn' : 'error']({ err: errorInfo(err) }, 'dispatch round failed; retrying on the next tick');
          else this.log.warn({ err: errorInfo(err), failures: this.failures }, 'dispatch round failed again');
        }
      } while (this.again && !this.stopped);
      await Promise.all(this.inFlight);
    })().finally(() => {
      this.running = null;
      // A kick that came while the last sends were awaited would otherwise be lost until the next poll.
      if (this.again && !this.stopped) this.kick();
    });
  }

  /** One round: settle in-doubt jobs, lease a batch, work through it. Returns jobs handled. */
  async round(): Promise<number> {
    const now = this.now();
    for (const stale of await this.jobs.staleSending(new Date(now))) {
      await this.jobs.transition(stale, { ...stale.job, status: 'indoubt', lastError: 'instance stopped while sending' });
      this.log.warn({ jobId: stale.job.id }, 'job in doubt: the instance sending it stopped');
    }
    const leased = await this.lease();
    if (leased.length === 0) return 0;
    return this.work(leased);
  }

  /** Leases due jobs, a few conditional writes at a time; jobs another instance took are skipped. */
  private async lease(): Promise<VersionedJob[]> {
    const now = this.now();
    const due = await this.jobs.due(new Date(now), this.batch);
    const out: VersionedJob[] = [];
    for (let i = 0; i < due.length; i += 16) {
      const part = await Promise.all(
        due.slice(i, i + 16).map((v) => this.jobs.transition(v, { ...v.job, status: 'leased', owner: this.owner, leaseUntil: new Date(now + this.leaseMs).toISOString() })),
      );
      for (const v of part) if (v) out.push(v);
    }
    return out;
  }

  /** Sends a leased batch in pace, leasing the next one in the background before it runs out. */
  private async work(queue: VersionedJob[]): Promise<number> {
    const deadline = this.wall() + this.leaseMs / 2;
    let handled = queue.length;
    let refill: Promise<void> | null = null;
    let exhausted = false;
    while ((queue.length > 0 || refill) && !this.stopped) {
      if (!refill && !exhausted && queue.length < 25) {
        refill = this.lease()
          .then((more) => {
            if (more.length === 0) exhausted = true;
            handled += more.length;
            queue.push(...more);
          })
          .catch((err: unknown) => {
            exhausted = true;
            this.log[isStoreUnavailable(err) ? 'warn' : 'error']({ err: errorInfo(err) }, 'leasing the next batch failed');
          })
          .finally(() => {
            refill = null;
          });
      }
      if (queue.length === 0) {
        await refill;
        continue;
      }
      const now = this.wall();
      // The first job whose conversation may receive now; others keep their place.
      const idx = queue.findIndex((v) => this.pacer.conversationReadyAt(v.job.toUserId, now) <= now);
      if (idx < 0) {
        const soonest = Math.min(...queue.map((v) => this.pacer.conversationReadyAt(v.job.toUserId, now)));
        if (soonest > deadline || soonest - now > 5_000) break;
        await sleep(Math.min(soonest - now, 1_000));
        continue;
      }
      const item = queue.splice(idx, 1)[0] as VersionedJob;
      try {
        await this.process(item);
      } catch (err) {
        // Not sent (the failure came before the request): it may go again later.
        await this.putBack(item, err);
      }
      while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
    }
    if (refill) await refill;
    // Whatever is left goes back, due when its conversation is ready.
    for (const v of queue) {
      const delay = this.pacer.conversationReadyAt(v.job.toUserId, this.wall()) - this.wall();
      try {
        await this.jobs.transition(v, { ...v.job, status: 'pending', dueAt: new Date(this.now() + delay).toISOString(), owner: undefined, leaseUntil: undefined });
      } catch (err) {
        // Its lease runs out and any instance takes it over.
        this.log.warn({ err: errorInfo(err), jobId: v.job.id }, 'could not give back a leased job');
      }
    }
    return handled;
  }

  /** After a failure before the request (rendering, the store): due again later, or a dead letter. */
  private async putBack(v: VersionedJob, cause: unknown): Promise<void> {
    const attempts = v.job.attempts + 1;
    const failed = attempts >= this.maxAttempts;
    const lastError = `not sent: ${errorInfo(cause).name}`;
    this.log.error({ err: errorInfo(cause), jobId: v.job.id, kind: v.job.kind, attempts }, failed ? 'job dead-lettered before sending' : 'job not sent, retrying later');
    const base = { ...v.job, attempts, lastError, owner: undefined, leaseUntil: undefined };
    if (failed) countDeadLetter(v.job.kind);
    try {
      await this.jobs.transition(v, failed ? { ...base, status: 'failed' } : { ...base, status: 'pending', dueAt: new Date(this.now() + this.backoff(attempts)).toISOString() });
    } catch (err) {
      this.log.warn({ err: errorInfo(err), jobId: v.job.id }, 'could not give back a job; its lease will run out');
    }
  }

  private async process(v: VersionedJob): Promise<void> {
    const rendered = await this.renderer.render(v.job);
    if ('skip' in rendered) {
      await this.jobs.transition(v, { ...v.job, status: 'skipped', lastError: rendered.skip, owner: undefined, leaseUntil: undefined });
      return;
    }
    // Slots lie on a fixed grid booked ahead, so the 'sending' write after the wait delays this
    // request a little but never the ones after it. The write comes last before the request: a
    // crash between the two leaves a job "in doubt" that is not sent again, so that gap is kept
    // to the write's own answer, well under a millisecond on a healthy store.
    const slot = this.pacer.bookGlobal(this.wall());
    const wait = slot - this.wall();
    if (wait > 0) await sleep(wait);
    let sending: VersionedJob | null;
    try {
      sending = await this.jobs.transition(v, {
        ...v.job,
        status: 'sending',
        attempts: v.job.attempts + 1,
        leaseUntil: new Date(this.now() + this.leaseMs / 2).toISOString(),
      });
    } catch (err) {
      this.pacer.release();
      throw err;
    }
    if (!sending) {
      this.pacer.release(); // another instance took it over
      return;
    }
    const sentAt = this.wall();
    this.pacer.markSent(sentAt);
    this.pacer.record(v.job.toUserId, sentAt);
    const p: Promise<void> = this.deliver(sending, rendered.activity)
      .catch((err: unknown) => this.log.error({ err: errorInfo(err), jobId: v.job.id }, 'job delivery failed; it stays in doubt and is not sent again'))
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** One span per delivery: the request to Teams and the write of the job's fate. */
  private deliver(v: VersionedJob, activity: OutgoingActivity): Promise<void> {
    const attributes = { 'traffpunkt.job.kind': v.job.kind, 'traffpunkt.job.id': v.job.id, 'traffpunkt.job.attempt': v.job.attempts };
    return inSpan(`deliver ${v.job.kind}`, { kind: SpanKind.CONSUMER, attributes }, (span) => this.deliverIn(span, v, activity));
  }

  private async deliverIn(span: Span, v: VersionedJob, activity: OutgoingActivity): Promise<void> {
    const outcome = await this.delivery.send(v.job, activity).catch((): SendOutcome => ({ kind: 'retry', status: 0 }));
    span.setAttribute('traffpunkt.send.outcome', outcome.kind);
    if ('status' in outcome) span.setAttribute('http.response.status_code', outcome.status);
    countSend(v.job.kind, outcome.kind);
    if (outcome.kind === 'throttled') countThrottled('connector');
    const now = this.now();
    const base = { ...v.job, owner: undefined, leaseUntil: undefined };
    let next: Job;
    switch (outcome.kind) {
      case 'ok':
        next = { ...base, status: 'sent', sentAt: new Date(now).toISOString(), sentBy: this.owner, ...(outcome.id ? { messageId: outcome.id } : {}) };
        break;
      case 'throttled': {
        const wait = outcome.retryAfterMs > 0 ? outcome.retryAfterMs : this.backoff(v.job.throttles + 1);
        this.pacer.pause(v.job.toUserId, this.wall() + wait);
        // A throttled attempt is not a failed one; it does not count towards the dead letter.
        next = { ...base, status: 'pending', attempts: v.job.attempts - 1, throttles: v.job.throttles + 1, dueAt: new Date(now + wait).toISOString(), lastError: 'http 429' };
        break;
      }
      case 'blocked':
        await this.delivery.unreachable(v.job);
        next = { ...base, status: 'failed', lastError: `http ${outcome.status}` };
        break;
      case 'rejected':
        next = { ...base, status: 'failed', lastError: `http ${outcome.status}` };
        break;
      case 'retry':
        next =
          v.job.attempts >= this.maxAttempts
            ? { ...base, status: 'failed', lastError: `http ${outcome.status}` }
            : { ...base, status: 'pending', dueAt: new Date(now + this.backoff(v.job.attempts)).toISOString(), lastError: `http ${outcome.status}` };
        break;
    }
    if (next.status === 'failed') {
      this.log.warn({ jobId: v.job.id, kind: v.job.kind, error: next.lastError }, 'job dead-lettered');
      countDeadLetter(v.job.kind);
      span.setAttribute('traffpunkt.job.dead_lettered', true);
    }
    await this.record(v, next);
    if (next.status === 'pending') this.scheduleKick(Date.parse(next.dueAt) - now);
  }

  /**
   * Writes a job's fate after the request, retrying while the store refuses: a message that went
   * out but is not recorded becomes "in doubt" when its lease runs out (never sent twice, but
   * reported to the coordinator for nothing).
   */
  private async record(v: VersionedJob, next: Job): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.jobs.transition(v, next);
        return;
      } catch (err) {
        const until = Date.parse(v.job.leaseUntil ?? '') - this.now();
        if (attempt >= 6 || this.stopped || !(until > 0)) throw err;
        this.log.warn({ err: errorInfo(err), jobId: v.job.id, attempt }, 'recording a job failed; retrying');
        await sleep(Math.min(until / 2, 250 * 2 ** attempt));
      }
    }
  }

  /** Exponential backoff with jitter: 1 s, 2 s, 4 s … capped at 10 min. */
  private backoff(attempt: number): number {
    const base = Math.min(600_000, 1_000 * 2 ** Math.max(0, attempt - 1));
    return Math.round(base * (0.75 + Math.random() * 0.5));
  }

  private scheduleKick(ms: number): void {
    const t = setTimeout(() => this.kick(), Math.max(10, ms));
    t.unref();
  }
}
