import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { Writable } from 'node:stream';
import type { OutgoingActivity, SendOutcome } from '../../../src/platform/outbox/connector';
import { Dispatcher, type DispatchJobs, type JobDelivery, type JobRenderer } from '../../../src/platform/outbox/dispatcher';
import type { Job, VersionedJob } from '../../../src/platform/outbox/jobs';

// Faults of the job store and the renderer the dispatcher must survive: each is logged with ids
// only, tried again on a later tick, and never an unhandled rejection.

const SECRET = 'Anna Andersson <anna.andersson@example.se>';
const refused = () => Object.assign(new Error(`connect ECONNREFUSED while writing ${SECRET}`), { code: 'ECONNREFUSED' });

/** Jobs in memory with ETags, and switches that make the store refuse. */
class MemoryJobs implements DispatchJobs {
  readonly docs = new Map<string, VersionedJob>();
  refuseReads = false;
  /** Refuse this many writes that record a job's fate after its request. */
  refuseFateWrites = 0;
  private seq = 0;

  add(id: string, now: number): void {
    const job: Job = {
      id,
      day: 'b00',
      type: 'job',
      kind: 'notice',
      toUserId: `u-${id}`,
      lang: 'sv',
      payload: { text: SECRET },
      status: 'pending',
      dueAt: new Date(now).toISOString(),
      attempts: 0,
      throttles: 0,
    };
    this.docs.set(id, { job, etag: String(++this.seq) });
  }

  async due(now: Date, limit: number): Promise<VersionedJob[]> {
    if (this.refuseReads) throw refused();
    const t = now.toISOString();
    return [...this.docs.values()].filter((v) => (v.job.status === 'pending' && v.job.dueAt <= t) || (v.job.status === 'leased' && (v.job.leaseUntil ?? '') < t)).slice(0, limit);
  }

  async staleSending(now: Date): Promise<VersionedJob[]> {
    if (this.refuseReads) throw refused();
    return [...this.docs.values()].filter((v) => v.job.status === 'sending' && (v.job.leaseUntil ?? '') < now.toISOString());
  }

  async transition(current: VersionedJob, next: Job): Promise<VersionedJob | null> {
    if (current.job.status === 'sending' && this.refuseFateWrites > 0) {
      this.refuseFateWrites--;
      throw refused();
    }
    const stored = this.docs.get(next.id);
    if (!stored || stored.etag !== current.etag) return null;
    const v = { job: next, etag: String(++this.seq) };
    this.docs.set(next.id, v);
    return v;
  }

  status(id: string): string | undefined {
    return this.docs.get(id)?.job.status;
  }
}

function setUp(renderer: JobRenderer = { render: async () => ({ activity: { type: 'message', text: SECRET } }) }, speed = 0) {
  const lines: string[] = [];
  const log = pino({ level: 'debug' }, new Writable({ write: (chunk: Buffer, _enc, cb) => (lines.push(chunk.toString()), cb()) }));
  const sent: string[] = [];
  const delivery: JobDelivery = {
    send: async (job: Job, _activity: OutgoingActivity): Promise<SendOutcome> => {
      sent.push(job.id);
      return { kind: 'ok', id: `m-${job.id}` };
    },
    unreachable: async () => undefined,
  };
  const jobs = new MemoryJobs();
  const now = Date.parse('2027-01-04T08:00:00Z');
  // The business clock stands still, or runs `speed` times faster than the wall clock.
  const wallStart = Date.now();
  const clock = () => now + (Date.now() - wallStart) * speed;
  const dispatcher = new Dispatcher(jobs, renderer, delivery, log, { limits: { globalPerSecond: 50, perConversation: [] }, pollMs: 50, leaseMs: 10_000, maxAttempts: 3, now: clock });
  return { jobs, dispatcher, sent, lines, now };
}

const until = async (check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return check();
};

describe('dispatcher faults', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const s of stops.splice(0)) await s();
    expect(unhandled).toEqual([]);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('sends nothing before start(): kicks on an instance whose scheduler is disabled do nothing', async () => {
    const { jobs, dispatcher, sent, now } = setUp();
    jobs.add('j1', now);
    dispatcher.kick();
    await dispatcher.idle();
    await new Promise((r) => setTimeout(r, 150));
    expect(sent).toEqual([]);
    expect(jobs.status('j1')).toBe('pending');
  });

  it('survives a store that refuses every read, logs it without the error text, and delivers once the store answers', async () => {
    const { jobs, dispatcher, sent, lines, now } = setUp();
    jobs.add('j1', now);
    jobs.refuseReads = true;
    dispatcher.start();
    stops.push(() => dispatcher.stop());
    expect(await until(() => lines.filter((l) => l.includes('dispatch round failed')).length >= 3)).toBe(true);
    expect(sent).toEqual([]);
    jobs.refuseReads = false;
    expect(await until(() => jobs.status('j1') === 'sent')).toBe(true);
    expect(sent).toEqual(['j1']);
    const logged = lines.join('');
    expect(logged).toContain('ECONNREFUSED');
    expect(logged).toContain('dispatching resumed');
    expect(logged).not.toContain('anna');
    expect(logged).not.toContain('Andersson');
  });

  it('records a job as sent when the store refuses the first writes after its request', async () => {
    const { jobs, dispatcher, sent, lines, now } = setUp();
    jobs.add('j1', now);
    jobs.refuseFateWrites = 2;
    dispatcher.start();
    stops.push(() => dispatcher.stop());
    expect(await until(() => jobs.status('j1') === 'sent')).toBe(true);
    expect(sent).toEqual(['j1']);
    expect(jobs.docs.get('j1')?.job.sentBy).toBe(dispatcher.owner);
    expect(lines.filter((l) => l.includes('recording a job failed'))).toHaveLength(2);
  });

  it('puts back a job whose rendering throws, dead-letters it after the attempts, and sends the others meanwhile', async () => {
    const renderer: JobRenderer = {
      render: async (job) => {
        if (job.id === 'bad') throw new TypeError(`cannot read title of ${SECRET}`);
        return { activity: { type: 'message', text: 'ok' } };
      },
    };
    // The business clock runs fast, so the put-back job falls due again within the test.
    const { jobs, dispatcher, sent, lines, now } = setUp(renderer, 10);
    jobs.add('bad', now);
    jobs.add('good', now);
    dispatcher.start();
    stops.push(() => dispatcher.stop());
    expect(await until(() => jobs.status('bad') === 'failed' && jobs.status('good') === 'sent')).toBe(true);
    expect(sent).toEqual(['good']);
    expect(jobs.docs.get('bad')?.job).toMatchObject({ attempts: 3, lastError: 'not sent: TypeError' });
    const logged = lines.join('');
    expect(logged).toContain('job dead-lettered before sending');
    expect(logged).not.toContain('anna');
  });
});
