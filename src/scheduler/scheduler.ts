import type { Logger } from 'pino';
import type { Dispatcher } from './dispatcher';
import type { JobRepository, NewJob } from './jobs';
import type { Planner } from './planner';

/** The durable scheduler: a planner that writes due jobs and a dispatcher that sends them. */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private planning: Promise<void> | null = null;

  constructor(
    readonly jobs: JobRepository,
    readonly dispatcher: Dispatcher,
    private readonly planner: Planner,
    private readonly log: Logger,
    private readonly planEveryMs = 60_000,
  ) {}

  /** Writes a job now (idempotent by id) and wakes the dispatcher. */
  async enqueue(job: NewJob): Promise<void> {
    await this.jobs.create(job);
    this.dispatcher.kick();
  }

  start(): void {
    this.dispatcher.start();
    this.timer = setInterval(() => void this.planNow(), this.planEveryMs);
    this.timer.unref();
    void this.planNow();
  }

  /** Plans at once (after a publish or an edit, and in tests); concurrent calls share one run. */
  planNow(): Promise<void> {
    this.planning ??= this.planner
      .plan()
      .then((created) => {
        if (created > 0) this.dispatcher.kick();
      })
      .catch((err: unknown) => this.log.error({ err }, 'planning failed'))
      .finally(() => {
        this.planning = null;
      });
    return this.planning;
  }

  async idle(): Promise<void> {
    if (this.planning) await this.planning;
    await this.dispatcher.idle();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.planning) await this.planning;
    await this.dispatcher.stop();
  }
}
