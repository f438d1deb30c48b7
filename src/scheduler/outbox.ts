import type { Container } from '@azure/cosmos';
import type { Logger } from 'pino';
import { z } from 'zod';
import { isConflict, isPreconditionFailed } from '../store/errors';

export const JobSchema = z.object({
  id: z.string(),
  day: z.string(),
  type: z.literal('job'),
  kind: z.literal('notice'),
  toUserId: z.string(),
  lang: z.enum(['sv', 'en']),
  text: z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }),
  status: z.enum(['pending', 'sending', 'sent', 'failed']),
  dueAt: z.string(),
  attempts: z.number().int(),
  leaseUntil: z.string().optional(),
  owner: z.string().optional(),
  lastError: z.string().optional(),
  sentAt: z.string().optional(),
});
export type Job = z.infer<typeof JobSchema>;

export interface JobSender {
  /** Delivers a notice; throws a RestError-like error on failure. */
  send(job: Job): Promise<void>;
}

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 8;

const dayOf = (iso: string) => iso.slice(0, 10);

function statusOf(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null && 'statusCode' in err) {
    const s = (err as { statusCode: unknown }).statusCode;
    return typeof s === 'number' ? s : undefined;
  }
  return undefined;
}

/**
 * Durable outgoing notices. A job is written first (deterministic id: enqueueing twice is
 * harmless), then claimed under an ETag lease, sent and marked sent. A crash between
 * claim and mark leaves a lease that expires, and the job is tried again.
 */
export class Outbox {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly owner = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly container: Container,
    private readonly sender: JobSender,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async enqueue(input: { id: string; toUserId: string; lang: Job['lang']; text: Job['text']; dueAt?: Date }): Promise<void> {
    const due = (input.dueAt ?? this.now()).toISOString();
    const job: Job = { id: input.id, day: dayOf(due), type: 'job', kind: 'notice', toUserId: input.toUserId, lang: input.lang, text: input.text, status: 'pending', dueAt: due, attempts: 0 };
    try {
      await this.container.items.create(job);
    } catch (err) {
      if (!isConflict(err)) throw err;
    }
    this.kick();
  }

  start(intervalMs = 2000): void {
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }

  /** Resolves when no dispatch round is running; tests and shutdown wait on it. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.dispatchDue();
        } catch (err) {
          this.log.error({ err }, 'outbox round failed');
        }
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
  }

  async jobs(toUserId?: string): Promise<Job[]> {
    const { resources } = await this.container.items
      .query({
        query: "SELECT * FROM c WHERE c.type = 'job'" + (toUserId ? ' AND c.toUserId = @u' : ''),
        parameters: toUserId ? [{ name: '@u', value: toUserId }] : [],
      })
      .fetchAll();
    return resources.map((r) => JobSchema.parse(r));
  }

  private async dispatchDue(): Promise<void> {
    const now = this.now().toISOString();
    const { resources } = await this.container.items
      .query({
        query:
          "SELECT * FROM c WHERE c.type = 'job' AND ((c.status = 'pending' AND c.dueAt <= @now) OR (c.status = 'sending' AND c.leaseUntil < @now))",
        parameters: [{ name: '@now', value: now }],
      })
      .fetchAll();
    for (const raw of resources) {
      const parsed = JobSchema.safeParse(raw);
      if (!parsed.success) continue;
      await this.runOne(parsed.data, String((raw as { _etag: string })._etag));
    }
  }

  private async runOne(job: Job, etag: string): Promise<void> {
    const item = this.container.item(job.id, job.day);
    const claimed: Job = { ...job, status: 'sending', owner: this.owner, attempts: job.attempts + 1, leaseUntil: new Date(this.now().getTime() + LEASE_MS).toISOString() };
    let claimEtag: string;
    try {
      claimEtag = (await item.replace(claimed, { accessCondition: { type: 'IfMatch', condition: etag } })).etag;
    } catch (err) {
      if (isPreconditionFailed(err)) return; // another instance has it
      throw err;
    }
    let next: Job;
    try {
      await this.sender.send(claimed);
      next = { ...claimed, status: 'sent', sentAt: this.now().toISOString() };
    } catch (err) {
      const status = statusOf(err);
      const permanent = status === 403 || status === 404 || status === 400 || claimed.attempts >= MAX_ATTEMPTS;
      const backoff = Math.min(3_600_000, 5_000 * 2 ** (claimed.attempts - 1)) * (0.8 + Math.random() * 0.4);
      next = {
        ...claimed,
        status: permanent ? 'failed' : 'pending',
        dueAt: new Date(this.now().getTime() + backoff).toISOString(),
        lastError: status ? `http ${status}` : err instanceof Error ? err.name : 'error',
      };
      this.log.warn({ jobId: job.id, status, attempts: claimed.attempts, permanent }, 'notice not delivered');
    }
    delete next.leaseUntil;
    delete next.owner;
    try {
      await item.replace(next, { accessCondition: { type: 'IfMatch', condition: claimEtag } });
    } catch (err) {
      if (!isPreconditionFailed(err)) throw err;
    }
  }
}
