/**
 * Reminder fan-out: 1,000 notices due at the same moment, sent by the app's own scheduler
 * (planner + paced dispatcher, started as in production) to 1,000 people who each have a
 * stored 1:1 conversation, through a fake Bot Connector over HTTP that enforces Teams'
 * limits (support/limitedConnectorWorker.ts, in a worker thread):
 *
 *   per app           ≤ 50 requests in any sliding 1-second window
 *   per conversation  7 / 1 s, 8 / 2 s, 60 / 30 s
 *   plus              429 with Retry-After: 1 to a seeded-random 5 % of otherwise-allowed calls
 *
 * It prints delivered, lost, duplicates, limit violations, the time from the first request to
 * the last accepted message, the minimum the limits allow for the requests that had to be made
 * (1,000 + one retry per injected 429, at 50/s) and their ratio.
 * Goals: 0 lost, 0 duplicates, 0 violations, ratio ≤ 1.15.
 *
 * To explain the time it also records, without touching src/: when the dispatcher queried for
 * due jobs and how long each job-state write took (by wrapping the JobRepository instance),
 * the Cosmos requests of the send phase, gaps between requests at the connector, and how long
 * a recipient who got an injected 429 waited before the retry.
 *
 * Options (all optional; a non-default run writes a separate result file):
 *   BENCH_SEND_RATE=45       the app's SEND_RATE_PER_SECOND (default: the app default, 50)
 *   BENCH_LEASE_MS=60000     the app's SCHEDULER_LEASE_MS (default: the app default)
 *   BENCH_RETRY_AFTER_S=1    Retry-After of the injected 429s
 *   BENCH_SEED=5             seed of the injected 429s
 *   BENCH_LOG_LEVEL=warn     the app's log level (default silent)
 *   BENCH_SNAPSHOT_MS=600000 the embedded store's SNAPSHOT_INTERVAL_MS (default: the app default, 5 s;
 *                            each snapshot reads every container and stalls the event loop)
 *   BENCH_STORE_DELAY_MS=5   add this latency to every job-store call and conversation read the
 *                            scheduler makes (the embedded store answers in ~1 ms; Azure Cosmos DB
 *                            in the same region takes a few ms per write)
 *                            the output says WHAT-IF and the results go to a separate file
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { startApp, type App } from '../src/compose';
import { loadConfig } from '../src/config';
import type { Job, JobRepository, VersionedJob } from '../src/platform/outbox/jobs';
import { userRefId } from '../src/platform/teams/conversations';
import { traceCosmos, type CosmosOpStats } from './support/cosmosTrace';
import { cpuMeter, machineLoad } from './support/cpuMeter';
import { mapLimit } from './support/http';
import { startLimitedConnector, type ConnectorEvent, type ConnectorReport, type LimitedConnector } from './support/limitedConnector';
import { round, summarize, table, type Summary } from './support/stats';
import type { Benchmark, BenchmarkResult } from './support/types';

const RECIPIENTS = 1000;
const APP_PER_SECOND = 50;
const PER_CONVERSATION: [number, number][] = [
  [7, 1_000],
  [8, 2_000],
  [60, 30_000],
];
const INJECT_RATE = 0.05;
const RETRY_AFTER_S = Number(process.env.BENCH_RETRY_AFTER_S ?? 1);
const SEED = Number(process.env.BENCH_SEED ?? 5);
const CAP_MS = 3 * 60_000;
const GOAL_RATIO = 1.15;
const TENANT = '6e0b6c1e-0000-4000-8000-00000000aaaa';
const TERMINAL: ReadonlySet<Job['status']> = new Set(['sent', 'skipped', 'failed', 'indoubt', 'cancelled']);

const SEND_RATE = process.env.BENCH_SEND_RATE;
const LEASE_MS = process.env.BENCH_LEASE_MS;
const SNAPSHOT_MS = process.env.BENCH_SNAPSHOT_MS;
const STORE_DELAY_MS = Number(process.env.BENCH_STORE_DELAY_MS ?? 0);
// Validated when the benchmark runs, not on import (run.ts imports every benchmark).
const WHAT_IFS = (process.env.BENCH_FANOUT_WHATIF ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .sort();
const VARIANT = [
  ...WHAT_IFS.map((w) => `whatif-${w}`),
  ...(SNAPSHOT_MS ? [`snapshot${SNAPSHOT_MS}`] : []),
  ...(STORE_DELAY_MS > 0 ? [`storedelay${STORE_DELAY_MS}`] : []),
  ...(SEND_RATE ? [`rate${SEND_RATE}`] : []),
  ...(LEASE_MS ? [`lease${LEASE_MS}`] : []),
  ...(RETRY_AFTER_S !== 1 ? [`retryafter${RETRY_AFTER_S}`] : []),
  ...(SEED !== 5 ? [`seed${SEED}`] : []),
].join('.');
const RESULT_FILE = path.join(__dirname, 'results', `reminder-fanout${VARIANT ? `.${VARIANT}` : ''}.json`);

const aadOf = (i: number) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
const conversationOf = (aad: string) => `a:personal-${aad}`;
const jobIdOf = (i: number) => `bench-fanout-notice-${String(i + 1).padStart(4, '0')}`;
/** Epoch ms with sub-ms precision; the connector worker uses the same clock. */
const epochNow = () => performance.timeOrigin + performance.now();

/** Emulates a store with network latency: the scheduler's job-store calls and conversation reads wait `ms` first. */
function addStoreLatency(app: App, ms: number): void {
  if (ms <= 0) return;
  const delay = () => new Promise((r) => setTimeout(r, ms));
  const jobs = app.scheduler.jobs;
  const conversations = app.conversations;
  const due = jobs.due.bind(jobs);
  const staleSending = jobs.staleSending.bind(jobs);
  const transition = jobs.transition.bind(jobs);
  const get = conversations.get.bind(conversations);
  jobs.due = async (now, limit) => (await delay(), due(now, limit));
  jobs.staleSending = async (now) => (await delay(), staleSending(now));
  jobs.transition = async (current, next) => (await delay(), transition(current, next));
  conversations.get = async (id) => (await delay(), get(id));
}

// ---------------------------------------------------------------------------------------------
// Watching the dispatcher from outside: wrap the JobRepository instance it shares with the app.

interface DueCall {
  start: number;
  end: number;
  found: number;
}
interface Transition {
  start: number;
  end: number;
  jobId: string;
  to: Job['status'];
  ok: boolean;
}

interface Probe {
  due: DueCall[];
  stale: { start: number; end: number; found: number }[];
  transitions: Transition[];
  status: Map<string, Job['status']>;
  /** When the last of our jobs reached a terminal state. */
  allTerminalAt: number | undefined;
  restore(): void;
}

function probeJobs(jobs: JobRepository, ids: readonly string[]): Probe {
  const status = new Map<string, Job['status']>(ids.map((id) => [id, 'pending']));
  let open = ids.length;
  const probe: Probe = { due: [], stale: [], transitions: [], status, allTerminalAt: undefined, restore: () => undefined };
  const due = jobs.due.bind(jobs);
  const staleSending = jobs.staleSending.bind(jobs);
  const transition = jobs.transition.bind(jobs);
  jobs.due = async (now: Date, limit: number) => {
    const start = epochNow();
    const r = await due(now, limit);
    probe.due.push({ start, end: epochNow(), found: r.length });
    return r;
  };
  jobs.staleSending = async (now: Date) => {
    const start = epochNow();
    const r = await staleSending(now);
    probe.stale.push({ start, end: epochNow(), found: r.length });
    return r;
  };
  jobs.transition = async (current: VersionedJob, next: Job) => {
    const start = epochNow();
    const r = await transition(current, next);
    const end = epochNow();
    probe.transitions.push({ start, end, jobId: next.id, to: next.status, ok: r !== null });
    if (r && status.has(next.id)) {
      const was = status.get(next.id) as Job['status'];
      status.set(next.id, next.status);
      if (!TERMINAL.has(was) && TERMINAL.has(next.status) && --open === 0) probe.allTerminalAt = end;
      if (TERMINAL.has(was) && !TERMINAL.has(next.status)) open++;
    }
    return r;
  };
  probe.restore = () => {
    jobs.due = due;
    jobs.staleSending = staleSending;
    jobs.transition = transition;
  };
  return probe;
}

/** Event-loop stalls of the main thread (bot + embedded Cosmos) longer than `thresholdMs`. */
function stallMonitor(thresholdMs = 40, tickMs = 10): { stop(): { start: number; end: number }[] } {
  const stalls: { start: number; end: number }[] = [];
  let last = epochNow();
  const timer = setInterval(() => {
    const now = epochNow();
    if (now - last - tickMs > thresholdMs) stalls.push({ start: last + tickMs, end: now });
    last = now;
  }, tickMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return stalls;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Analysis of what the connector saw

interface Gap {
  from: number;
  to: number;
  ms: number;
  /** Main-thread event-loop stall inside the gap. */
  stallMs: number;
  /** What the dispatcher was doing meanwhile. */
  dueQueries: number;
  dueQueryMs: number;
  staleQueryMs: number;
  leaseWrites: number;
  leaseWriteMs: number;
}

function overlapMs(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    while ((times[lo] as number) <= (times[hi] as number) - windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

function analyse(report: ConnectorReport, probe: Probe, rate: number, stalls: readonly { start: number; end: number }[]) {
  const events = [...report.events].sort((a, b) => a.t - b.t);
  const accepted = events.filter((e) => e.outcome === 'accepted');
  const first = events[0]?.t ?? NaN;
  const lastDelivery = accepted[accepted.length - 1]?.t ?? NaN;
  const spacing = 1000 / rate;

  // Gaps between consecutive requests: time the connector sat idle beyond the pacing interval.
  let idleBeyondPacingMs = 0;
  const gaps: Gap[] = [];
  // Inside a batch (gaps < 100 ms): the interval between requests and how much it exceeds 1/rate.
  const intervals: number[] = [];
  let driftMs = 0;
  for (let i = 1; i < events.length; i++) {
    const a = (events[i - 1] as ConnectorEvent).t;
    const b = (events[i] as ConnectorEvent).t;
    const extra = b - a - spacing;
    if (extra > 0) idleBeyondPacingMs += extra;
    if (b - a < 100) {
      intervals.push(b - a);
      driftMs += extra;
    }
    if (b - a >= 100) {
      const dues = probe.due.filter((d) => overlapMs(a, b, d.start, d.end) > 0);
      const leases = probe.transitions.filter((t) => t.to === 'leased' && overlapMs(a, b, t.start, t.end) > 0);
      gaps.push({
        from: a,
        to: b,
        ms: b - a,
        stallMs: stalls.reduce((s, x) => s + overlapMs(a, b, x.start, x.end), 0),
        dueQueries: dues.length,
        dueQueryMs: dues.reduce((s, d) => s + overlapMs(a, b, d.start, d.end), 0),
        staleQueryMs: probe.stale.reduce((s, d) => s + overlapMs(a, b, d.start, d.end), 0),
        leaseWrites: leases.length,
        leaseWriteMs: leases.reduce((s, t) => s + overlapMs(a, b, t.start, t.end), 0),
      });
    }
  }

  // Requests per second after the first one, and the busiest windows.
  const perSecond: { second: number; received: number; accepted: number; injected: number; violations: number }[] = [];
  for (const e of events) {
    const s = Math.floor((e.t - first) / 1000);
    while (perSecond.length <= s) perSecond.push({ second: perSecond.length, received: 0, accepted: 0, injected: 0, violations: 0 });
    const row = perSecond[s] as (typeof perSecond)[number];
    row.received++;
    if (e.outcome === 'accepted') row.accepted++;
    else if (e.outcome === 'injected') row.injected++;
    else if (e.outcome === 'appLimit' || e.outcome === 'conversationLimit') row.violations++;
  }
  const times = events.map((e) => e.t);

  // How long someone who got a 429 waited for the next try.
  const byConversation = new Map<string, ConnectorEvent[]>();
  for (const e of events) {
    const list = byConversation.get(e.conversation) ?? [];
    list.push(e);
    byConversation.set(e.conversation, list);
  }
  const retryWaits: number[] = [];
  for (const list of byConversation.values()) {
    for (let i = 0; i + 1 < list.length; i++) {
      const e = list[i] as ConnectorEvent;
      if (e.outcome !== 'accepted') retryWaits.push((list[i + 1] as ConnectorEvent).t - e.t);
    }
  }
  // Retries that became the tail: accepted after the last first-attempt request.
  const firstAttempts = [...byConversation.values()].map((l) => (l[0] as ConnectorEvent).t);
  const lastFirstAttempt = Math.max(...firstAttempts);

  // Dispatcher rounds, from the due queries that found work.
  const rounds = probe.due.filter((d) => d.found > 0);
  const leaseWrites = probe.transitions.filter((t) => t.to === 'leased');
  const sendingWrites = probe.transitions.filter((t) => t.to === 'sending');
  const finalWrites = probe.transitions.filter((t) => t.to !== 'leased' && t.to !== 'sending');
  const roundDetails = rounds.map((d) => {
    const leases = leaseWrites.filter((t) => t.start >= d.end);
    const next = rounds.find((r) => r.start > d.end);
    const inRound = leases.filter((t) => !next || t.end <= next.start).slice(0, d.found);
    const leaseEnd = inRound.length ? Math.max(...inRound.map((t) => t.end)) : d.end;
    return { at: d.start - first, dueQueryMs: d.end - d.start, found: d.found, leasePhaseMs: leaseEnd - d.end };
  });

  return {
    first,
    lastDelivery,
    totalMs: lastDelivery - first,
    idleBeyondPacingMs,
    intervals: summarize(intervals),
    driftMs,
    stalls: { count: stalls.length, totalMs: stalls.reduce((s, x) => s + x.end - x.start, 0), maxMs: Math.max(0, ...stalls.map((x) => x.end - x.start)) },
    gaps,
    perSecond,
    maxPerAnySecond: maxInWindow(times, 1000),
    retryWaits: retryWaits.length ? summarize(retryWaits) : undefined,
    tailAfterLastFirstAttemptMs: lastDelivery - lastFirstAttempt,
    firstAttemptsSpanMs: lastFirstAttempt - first,
    rounds: roundDetails,
    writes: {
      leased: summarize(leaseWrites.map((t) => t.end - t.start)),
      sending: summarize(sendingWrites.map((t) => t.end - t.start)),
      final: summarize(finalWrites.map((t) => t.end - t.start)),
    },
    dueQueries: probe.due.length,
    emptyDueQueries: probe.due.filter((d) => d.found === 0).length,
    staleQueries: probe.stale.length,
  };
}

// ---------------------------------------------------------------------------------------------

async function setup(app: App, serviceUrl: string, dueAt: Date): Promise<void> {
  const indexes = Array.from({ length: RECIPIENTS }, (_, i) => i);
  await mapLimit(indexes, 32, async (i) => {
    const aad = aadOf(i);
    await app.conversations.save(userRefId(aad), 'user', {
      serviceUrl,
      channelId: 'msteams',
      conversation: { id: conversationOf(aad), conversationType: 'personal', isGroup: false, name: '', tenantId: TENANT },
      user: { id: `29:${aad}`, name: `Användare ${i + 1}` },
    });
    await app.directory.updatePerson(
      aad,
      (p) => ({ ...p, mri: `29:${aad}`, name: `Användare ${i + 1}`, serviceUrl, tenantId: TENANT, locale: 'sv-SE', organizationId: 'sundsvall', jobRole: 'teacher' }),
      null,
    );
    const created = await app.scheduler.jobs.create({
      id: jobIdOf(i),
      kind: 'notice',
      toUserId: aad,
      lang: 'sv',
      payload: { textKey: 'notice_promoted', title: 'Bench', when: 'x' },
      dueAt,
    });
    if (!created) throw new Error(`job ${jobIdOf(i)} already existed in a fresh store`);
  });
}

async function run(): Promise<BenchmarkResult> {
  mkdirSync(path.dirname(RESULT_FILE), { recursive: true });
  const connector: LimitedConnector = await startLimitedConnector({
    appPerSecond: APP_PER_SECOND,
    perConversation: PER_CONVERSATION,
    injectRate: INJECT_RATE,
    retryAfterSeconds: RETRY_AFTER_S,
    violationRetryAfterSeconds: 1,
    seed: SEED,
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'traffpunkt-bench-fanout-'));
  let app: App | undefined;
  try {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      // Started by hand below, once the 1,000 jobs exist, so the clock does not include setup.
      SCHEDULER_ENABLED: 'false',
      ...(SEND_RATE ? { SEND_RATE_PER_SECOND: SEND_RATE } : {}),
      ...(LEASE_MS ? { SCHEDULER_LEASE_MS: LEASE_MS } : {}),
      ...(SNAPSHOT_MS ? { SNAPSHOT_INTERVAL_MS: SNAPSHOT_MS } : {}),
    });
    app = await startApp(config, pino({ level: config.LOG_LEVEL }));
    const setup0 = performance.now();
    await setup(app, connector.url, new Date());
    const setupMs = performance.now() - setup0;

    const ids = Array.from({ length: RECIPIENTS }, (_, i) => jobIdOf(i));
    addStoreLatency(app, STORE_DELAY_MS);
    const probe = probeJobs(app.scheduler.jobs, ids);
    const stallWatch = stallMonitor();
    const trace = traceCosmos(app.store.endpoint);
    const loadBefore = machineLoad();
    const meter = cpuMeter();
    const started = epochNow();
    app.scheduler.start();

    // Until every job is in a terminal state (seen through the probe, no polling queries), or the cap.
    let capped = false;
    for (;;) {
      if (probe.allTerminalAt !== undefined) break;
      if (epochNow() - started > CAP_MS) {
        capped = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const cpu = meter.stop();
    const stalls = stallWatch.stop();
    const cosmos: Record<string, CosmosOpStats> = trace.stop();
    await app.scheduler.stop();
    probe.restore();
    const stored = (await app.scheduler.jobs.list()).filter((j) => j.id.startsWith('bench-fanout-'));
    const report = await connector.report();

    // Outcome per recipient, from what the connector accepted.
    const acceptedPer = new Map(report.acceptedPer);
    let delivered = 0;
    let duplicates = 0;
    const lostSample: { recipient: string; job?: Pick<Job, 'status' | 'attempts' | 'throttles' | 'lastError'> }[] = [];
    const storedById = new Map(stored.map((j) => [j.id, j]));
    for (let i = 0; i < RECIPIENTS; i++) {
      const n = acceptedPer.get(conversationOf(aadOf(i))) ?? 0;
      if (n >= 1) delivered++;
      if (n > 1) duplicates++;
      if (n === 0 && lostSample.length < 10) {
        const j = storedById.get(jobIdOf(i));
        lostSample.push({ recipient: aadOf(i), ...(j ? { job: { status: j.status, attempts: j.attempts, throttles: j.throttles, lastError: j.lastError } } : {}) });
      }
    }
    const lost = RECIPIENTS - delivered;
    const statuses: Record<string, number> = {};
    for (const j of stored) statuses[j.status] = (statuses[j.status] ?? 0) + 1;
    const sentButNotAccepted = stored.filter((j) => j.status === 'sent' && !acceptedPer.get(conversationOf(j.toUserId))).length;
    const acceptedButNotSent = stored.filter((j) => j.status !== 'sent' && acceptedPer.get(conversationOf(j.toUserId))).length;

    const s = report.stats;
    const appViolations = report.events.filter((e) => e.outcome === 'appLimit').length;
    const conversationViolations = report.events.filter((e) => e.outcome === 'conversationLimit').length;
    const rate = Number(SEND_RATE ?? config.SEND_RATE_PER_SECOND);
    const a = analyse(report, probe, rate, stalls);
    const minimumRequests = RECIPIENTS + s.injected;
    const minimumMs = (minimumRequests / APP_PER_SECOND) * 1000;
    const ratio = a.totalMs / minimumMs;

    const goals = {
      lost: { goal: 0, actual: lost, met: lost === 0 },
      duplicates: { goal: 0, actual: duplicates, met: duplicates === 0 },
      violations: { goal: 0, actual: s.violations, met: s.violations === 0 },
      ratio: { goal: GOAL_RATIO, actual: round(ratio, 3), met: ratio <= GOAL_RATIO },
    };
    const goalsMet = !capped && Object.values(goals).every((g) => g.met);

    const summary = {
      benchmark: 'reminder-fanout',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', node: process.version, platform: `${process.platform}-${process.arch}` },
      setup: {
        recipients: RECIPIENTS,
        job: 'notice (textKey notice_promoted), due at once, sent by app.scheduler.start() after setup',
        appSendRatePerSecond: rate,
        leaseMs: config.SCHEDULER_LEASE_MS,
        snapshotIntervalMs: config.SNAPSHOT_INTERVAL_MS,
        addedStoreLatencyMs: STORE_DELAY_MS,
        connector: {
          appPerSecond: APP_PER_SECOND,
          perConversation: PER_CONVERSATION,
          injectRate: INJECT_RATE,
          retryAfterSeconds: RETRY_AFTER_S,
          seed: SEED,
          countsRejectedRequests: true,
          arrivalClock: 'worker thread, request headers received',
        },
        setupMs: round(setupMs, 0),
        loadBefore,
      },
      capped,
      delivered,
      lost,
      duplicates,
      violations: { total: s.violations, app: appViolations, conversation: conversationViolations },
      requests: { received: s.received, accepted: s.accepted, injected429: s.injected, other: report.events.filter((e) => e.outcome === 'other').length },
      jobs: { statuses, sentButNotAccepted, acceptedButNotSent },
      time: {
        totalMs: round(a.totalMs, 1),
        minimumMs: round(minimumMs, 1),
        minimumFormula: `(${RECIPIENTS} + ${s.injected} injected-429 retries) / ${APP_PER_SECOND} per s`,
        ratio: round(ratio, 3),
        startToFirstRequestMs: round(a.first - started, 1),
        allTerminalAfterStartMs: probe.allTerminalAt !== undefined ? round(probe.allTerminalAt - started, 1) : null,
        firstAttemptsSpanMs: round(a.firstAttemptsSpanMs, 1),
        tailAfterLastFirstAttemptMs: round(a.tailAfterLastFirstAttemptMs, 1),
        idleBeyondPacingMs: round(a.idleBeyondPacingMs, 1),
        intervalWithinBatchMs: roundSummary(a.intervals),
        driftWithinBatchMs: round(a.driftMs, 1),
        mainThreadStalls: { count: a.stalls.count, totalMs: round(a.stalls.totalMs, 1), maxMs: round(a.stalls.maxMs, 1) },
        maxRequestsInAnySecond: a.maxPerAnySecond,
        waitBefore429Retry: a.retryWaits ? roundSummary(a.retryWaits) : null,
      },
      dispatcher: {
        roundsWithWork: a.rounds.length,
        dueQueries: a.dueQueries,
        emptyDueQueries: a.emptyDueQueries,
        staleSendingQueries: a.staleQueries,
        rounds: a.rounds.map((r) => ({ atMs: round(r.at, 0), found: r.found, dueQueryMs: round(r.dueQueryMs, 1), leasePhaseMs: round(r.leasePhaseMs, 1) })),
        writeMs: { leased: roundSummary(a.writes.leased), sending: roundSummary(a.writes.sending), final: roundSummary(a.writes.final) },
        gapsOver100ms: a.gaps.map((g) => ({
          atMs: round(g.from - a.first, 0),
          ms: round(g.ms, 1),
          stallMs: round(g.stallMs, 1),
          dueQueries: g.dueQueries,
          dueQueryMs: round(g.dueQueryMs, 1),
          staleQueryMs: round(g.staleQueryMs, 1),
          leaseWrites: g.leaseWrites,
          leaseWriteMs: round(g.leaseWriteMs, 1),
        })),
      },
      perSecond: a.perSecond,
      cosmos,
      cpu: { processCpuMs: round(cpu.processCpuMs, 0), mainThreadBusy: cpu.mainThreadBusy },
      lostSample,
      goals,
      goalsMet,
    };
    writeFileSync(RESULT_FILE, `${JSON.stringify(summary, null, 2)}\n`);
    print(summary);
    return { goalsMet, resultFile: RESULT_FILE };
  } finally {
    if (app) await app.close();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function roundSummary(s: Summary): Summary {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'n' ? v : round(v, 2)])) as unknown as Summary;
}

type Printed = {
  setup: { appSendRatePerSecond: number; leaseMs: number; setupMs: number; loadBefore: { loadavg1: number; cpus: number } };
  capped: boolean;
  delivered: number;
  lost: number;
  duplicates: number;
  violations: { total: number; app: number; conversation: number };
  requests: { received: number; accepted: number; injected429: number; other: number };
  jobs: { statuses: Record<string, number>; sentButNotAccepted: number; acceptedButNotSent: number };
  time: {
    totalMs: number;
    minimumMs: number;
    minimumFormula: string;
    ratio: number;
    startToFirstRequestMs: number;
    allTerminalAfterStartMs: number | null;
    firstAttemptsSpanMs: number;
    tailAfterLastFirstAttemptMs: number;
    idleBeyondPacingMs: number;
    intervalWithinBatchMs: Summary;
    driftWithinBatchMs: number;
    mainThreadStalls: { count: number; totalMs: number; maxMs: number };
    maxRequestsInAnySecond: number;
    waitBefore429Retry: Summary | null;
  };
  dispatcher: {
    roundsWithWork: number;
    dueQueries: number;
    emptyDueQueries: number;
    staleSendingQueries: number;
    rounds: { atMs: number; found: number; dueQueryMs: number; leasePhaseMs: number }[];
    writeMs: { leased: Summary; sending: Summary; final: Summary };
    gapsOver100ms: { atMs: number; ms: number; stallMs: number; dueQueries: number; dueQueryMs: number; staleQueryMs: number; leaseWrites: number; leaseWriteMs: number }[];
  };
  cosmos: Record<string, CosmosOpStats>;
  cpu: { processCpuMs: number; mainThreadBusy: number };
  lostSample: unknown[];
  goals: Record<string, { goal: number; actual: number; met: boolean }>;
};

function print(r: Printed): void {
  const sec = (ms: number) => `${round(ms / 1000, 2)} s`;
  const mark = (met: boolean | undefined) => (met ? 'ok' : 'MISSED');
  const g = r.goals;
  const t = r.time;
  console.log(
    `\n${RECIPIENTS} notices due at once → fake Bot Connector (≤ ${APP_PER_SECOND}/s per app, 7/1 s · 8/2 s · 60/30 s per conversation, ` +
      `429 Retry-After ${RETRY_AFTER_S} s to ${INJECT_RATE * 100} % of allowed calls, seed ${SEED}); app sends at ${r.setup.appSendRatePerSecond}/s, lease ${r.setup.leaseMs} ms${STORE_DELAY_MS > 0 ? `, +${STORE_DELAY_MS} ms per job-store call` : ''} (setup ${sec(r.setup.setupMs)})\n`,
  );
  if (r.capped) console.log(`STOPPED AT THE ${CAP_MS / 60_000}-MINUTE CAP: not every job reached a terminal state.\n`);
  console.log(
    table([
      ['', 'value', 'goal'],
      ['delivered (recipients with ≥ 1 accepted message)', r.delivered, ''],
      ['lost (recipients with none)', r.lost, `0  ${mark(g.lost?.met)}`],
      ['duplicates (recipients with > 1)', r.duplicates, `0  ${mark(g.duplicates?.met)}`],
      ['limit violations (429 for exceeding a limit)', `${r.violations.total} (app ${r.violations.app}, conversation ${r.violations.conversation})`, `0  ${mark(g.violations?.met)}`],
      ['requests received / accepted / injected 429', `${r.requests.received} / ${r.requests.accepted} / ${r.requests.injected429}`, ''],
      ['total time, first request → last delivery', sec(t.totalMs), ''],
      ['minimum the limits allow', `${sec(t.minimumMs)}  ${t.minimumFormula}`, ''],
      ['ratio', `${t.ratio} ×`, `≤ ${GOAL_RATIO}  ${mark(g.ratio?.met)}`],
    ]),
  );
  console.log('');
  console.log(
    table([
      ['where the time went', ''],
      ['scheduler start → first request', sec(t.startToFirstRequestMs)],
      ['first request → last first attempt', sec(t.firstAttemptsSpanMs)],
      ['last first attempt → last delivery (retry tail)', sec(t.tailAfterLastFirstAttemptMs)],
      ['connector idle beyond the pacing interval (Σ)', sec(t.idleBeyondPacingMs)],
      [
        'interval between requests within a batch',
        `median ${round(t.intervalWithinBatchMs.p50, 2)} ms, mean ${round(t.intervalWithinBatchMs.mean, 2)} ms (1/rate = ${round(1000 / r.setup.appSendRatePerSecond, 2)} ms); drift Σ ${sec(t.driftWithinBatchMs)}`,
      ],
      ['main-thread event-loop stalls > 40 ms', `${t.mainThreadStalls.count}, Σ ${sec(t.mainThreadStalls.totalMs)}, max ${t.mainThreadStalls.maxMs} ms`],
      ['gaps ≥ 100 ms between requests', `${r.dispatcher.gapsOver100ms.length}, Σ ${sec(r.dispatcher.gapsOver100ms.reduce((s, x) => s + x.ms, 0))}`],
      ['most requests in any 1-s window', `${t.maxRequestsInAnySecond} (limit ${APP_PER_SECOND})`],
      [
        '429 → next try of that recipient',
        t.waitBefore429Retry ? `median ${sec(t.waitBefore429Retry.p50)}, p90 ${sec(t.waitBefore429Retry.p90)}, max ${sec(t.waitBefore429Retry.max)} (n=${t.waitBefore429Retry.n})` : '-',
      ],
      ['dispatcher rounds with work / due queries (empty)', `${r.dispatcher.roundsWithWork} / ${r.dispatcher.dueQueries} (${r.dispatcher.emptyDueQueries})`],
      [
        'lease phase per round (due query + lease writes)',
        r.dispatcher.rounds.length
          ? `median ${round(median(r.dispatcher.rounds.map((x) => x.dueQueryMs + x.leasePhaseMs)), 0)} ms, Σ ${sec(r.dispatcher.rounds.reduce((s, x) => s + x.dueQueryMs + x.leasePhaseMs, 0))}`
          : '-',
      ],
      ['job write (replace If-Match) leased/sending/final', `median ${r.dispatcher.writeMs.leased.p50} / ${r.dispatcher.writeMs.sending.p50} / ${r.dispatcher.writeMs.final.p50} ms`],
      ['all jobs terminal after start', t.allTerminalAfterStartMs === null ? 'never (cap)' : sec(t.allTerminalAfterStartMs)],
      [
        'job states at the end',
        Object.entries(r.jobs.statuses)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
      ],
      ['sent but not accepted / accepted but not sent', `${r.jobs.sentButNotAccepted} / ${r.jobs.acceptedButNotSent}`],
      ['process CPU / main thread busy', `${sec(r.cpu.processCpuMs)} / ${Math.round(r.cpu.mainThreadBusy * 100)} %`],
      ['load average before (cores)', `${r.setup.loadBefore.loadavg1} (${r.setup.loadBefore.cpus})`],
    ]),
  );
  if (r.dispatcher.gapsOver100ms.length > 0) {
    console.log('\nlongest gaps between requests at the connector, and what the dispatcher did meanwhile:');
    console.log(
      table([
        ['at', 'gap', 'loop stalled ms', 'due queries', 'due query ms', 'stale query ms', 'lease writes', 'lease write ms'],
        ...[...r.dispatcher.gapsOver100ms]
          .sort((x, y) => y.ms - x.ms)
          .slice(0, 12)
          .map((x) => [sec(x.atMs), `${x.ms} ms`, x.stallMs, x.dueQueries, x.dueQueryMs, x.staleQueryMs, x.leaseWrites, x.leaseWriteMs]),
      ]),
    );
  }
  console.log('\nCosmos requests during the send phase:');
  console.log(table([['request', 'count', 'mean', 'max', 'sum'], ...Object.entries(r.cosmos).map(([k, v]) => [k, v.count, `${v.meanMs} ms`, `${v.maxMs} ms`, `${v.totalMs} ms`])]));
  if (r.setup.loadBefore.loadavg1 > r.setup.loadBefore.cpus * 0.75) {
    console.log(`\nnote: load average ${r.setup.loadBefore.loadavg1} on ${r.setup.loadBefore.cpus} cores before the run; other work shared the machine.`);
  }
  if (r.lostSample.length > 0) console.log('\nlost (sample):', JSON.stringify(r.lostSample, null, 1));
  console.log(`\ngoals (0 lost, 0 duplicates, 0 violations, ≤ ${GOAL_RATIO} × minimum): ${!r.capped && Object.values(g).every((x) => x.met) ? 'MET' : 'NOT MET'}`);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] as number) : NaN;
}

export const benchmark: Benchmark = {
  name: 'reminder-fanout',
  description: `${RECIPIENTS} proactive notices due at once through a fake Bot Connector that enforces Teams' limits and throttles 5 % of calls`,
  run,
};
