import type { Logger } from 'pino';
import type { Dispatcher } from '../../platform/outbox/dispatcher';
import { errorInfo } from '../../platform/outbox/errorInfo';
import type { JobRepository, NewJob } from '../../platform/outbox/jobs';
import type { Planner } from './planner';
import { isStoreUnavailable } from '../../platform/cosmos/errors';

/**
 * The durable scheduler: a planner that writes due jobs and a dispatcher that sends them.
 * Until start() (never, with SCHEDULER_ENABLED=false) it only writes the jobs a turn enqueues:
 * no planning, no dispatching, nothing sent; an enabled instance on the same store sends them.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private planning: Promise<void> | null = null;
  private started = false;
  /** Planning runs failed in a row; the next one comes sooner than the interval. */
  private failures = 0;

  constructor(
    readonly jobs: JobRepository,
    readonly dispatcher: Dispatcher,
    private readonly planner: Planner,
    private readonly log: Logger,
    private readonly planEveryMs = 60_000,
  ) {}

  /** Writes a job durably (idempotent by id) and, on a running scheduler, wakes the dispatcher. */
  async enqueue(job: NewJob): Promise<void> {
    await this.jobs.create(job);
    if (this.started) this.dispatcher.kick();
  }

  get running(): boolean {
    return this.started;
  }

  start(): void {
    this.started = true;
    this.dispatcher.start();
    this.timer = setInterval(() => void this.planNow(), this.planEveryMs);
    this.timer.unref();
    void this.planNow();
  }

  /**
   * Plans at once (after a publish or an edit, and in tests); concurrent calls share one run.
   * Never rejects: a failed run is logged and tried again soon, then on every interval.
   */
  planNow(): Promise<void> {
    if (!this.started) return Promise.resolve();
    this.planning ??= this.planner
      .plan()
      .then(({ created, failed }) => {
        if (created > 0) this.dispatcher.kick();
        this.settled(failed === 0 ? null : new Error(`${failed} activities failed`));
      })
      .catch((err: unknown) => this.settled(err))
      .finally(() => {
        this.planning = null;
      });
    return this.planning;
  }

  private settled(err: unknown): void {
    if (err === null) {
      if (this.failures > 0) this.log.info({ failures: this.failures }, 'planning resumed');
      this.failures = 0;
      return;
    }
    this.failures++;
    const log = this.failures === 1 && !isStoreUnavailable(err) ? this.log.error.bind(this.log) : this.log.warn.bind(this.log);
    log({ err: errorInfo(err), failures: this.failures }, 'planning failed; retrying');
    // Sooner than the interval while the store is away: 5 s, 10 s, 20 s … up to the interval.
    if (this.started && !this.retry) {
      this.retry = setTimeout(
        () => {
          this.retry = undefined;
          void this.planNow();
        },
        Math.min(this.planEveryMs, 5_000 * 2 ** Math.min(this.failures - 1, 6)),
      );
      this.retry.unref();
    }
  }

  async idle(): Promise<void> {
    if (this.planning) await this.planning;
    await this.dispatcher.idle();
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    if (this.planning) await this.planning;
    await this.dispatcher.stop();
  }
}
