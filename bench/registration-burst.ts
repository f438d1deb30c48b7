/**
 * Registration burst: 1,000 people press "Anmäl mig" on one posted invitation at the same
 * moment, over real HTTP, against the bot started in-process on the embedded Cosmos server.
 *
 * Baselines measured in the same run, on the same embedded server:
 *  (a) a raw point write (container.items.create of a ~1 KB document), sequential × 500;
 *  (b) the naive design: the session's registrations in botbuilder-azure
 *      CosmosDbPartitionedStorage under one key, read-modify-write without an ETag, behind a
 *      tiny node:http endpoint, with the same 1,000 concurrent requests;
 *  (c) the floor: an empty botbuilder bot behind restify (support/emptyBot.ts) answering the
 *      same 1,000 invokes with the bot's own answer card, no store, no rules: what HTTP, JSON
 *      and botbuilder cost on this machine before a bot does anything.
 *
 * Goals: 0 lost, 0 duplicates, p99 ≤ 1 s (and never more registered than places).
 *
 * The load comes from a worker thread (support/loadWorker.ts) so the client's CPU stays out
 * of the bot's event loop. Options, all off by default:
 *   BENCH_SPREAD_MS=5000          send the 1,000 requests as an even 5-second wave instead of at once
 *   BENCH_WHATIF=a,b              emulate proposed fixes in memory (support/whatIf.ts); results go to
 *                                 a separate file and the output says WHAT-IF
 *   BENCH_CPU_PROFILE=1           V8 CPU profile of the bot's thread during the burst (results/*.cpuprofile)
 *   BENCH_CLIENT=fetch            use fetch instead of undici's request API in the load worker
 */
import { CosmosClient, type Container } from '@azure/cosmos';
import { CosmosDbPartitionedStorage } from 'botbuilder-azure';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { seatsId, type Seats } from '../src/kernel/seats';
import { allText } from '../test/support/cards';
import { fixedClock, startHarness, type Harness } from '../test/support/harness';
import { channel, invoke, TENANT, user, type User } from '../test/support/teams';
import { traceCosmos, type CosmosOpStats, type CosmosTrace } from './support/cosmosTrace';
import { cpuMeter, machineLoad, type CpuReading } from './support/cpuMeter';
import { startCpuProfile } from './support/cpuProfile';
import { startEmptyBot } from './support/emptyBot';
import { mapLimit, type Timed } from './support/http';
import { burst } from './support/load';
import { installJestGlobalsShim } from './support/jestShim';
import { round, summarize, table, type Summary } from './support/stats';
import type { Benchmark, BenchmarkResult } from './support/types';
import { applyWhatIfs, selectedWhatIfs, WHAT_IFS } from './support/whatIf';

const USERS = 1000;
const CAPACITY = 500;
const RAW_WRITES = 500;
const CONNECTIONS = 96;
const REQUEST_TIMEOUT_MS = 30_000;
const GOAL_P99_MS = 1000;
/** 0 (default): all 1,000 at the same instant. BENCH_SPREAD_MS=5000: the same requests as a 5-second wave. */
const SPREAD_MS = Number(process.env.BENCH_SPREAD_MS ?? 0);
const VARIANT = [
  ...(process.env.BENCH_WHATIF ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .sort()
    .map((w) => `whatif-${w}`),
  ...(SPREAD_MS > 0 ? [`spread${SPREAD_MS}ms`] : []),
].join('.');
const RESULT_FILE = path.join(__dirname, 'results', `registration-burst${VARIANT ? `.${VARIANT}` : ''}.json`);
const PROFILE_FILE = path.join(__dirname, 'results', `registration-burst${VARIANT ? `.${VARIANT}` : ''}.cpuprofile`);

const CARD = 'application/vnd.microsoft.card.adaptive';
const REGISTERED_TEXT = 'Du är anmäld';
const WAITLISTED_TEXT = 'väntelistan på plats';

type Answer = 'registered' | 'waitlisted' | 'otherCard' | 'message' | 'httpError' | 'transportError';

interface BurstFigures {
  requests: number;
  wallMs: number;
  throughput: number;
  latency: Summary;
  answers: Record<string, number>;
  /** Process CPU (all threads, load client and embedded store included) per request. */
  cpuMsPerRequest: number;
  /** The same split by thread: the bot's event loop, and the embedded store's thread (NaN without one). */
  cpuMsPerRequestByThread: { bot: number; store: number };
  mainThreadBusy: number;
  /** Resident memory of the process (bot and embedded store) after the burst, in MB. */
  rssAfterMb: number;
  loadBefore: { loadavg1: number; cpus: number };
}

// ---------------------------------------------------------------------------------------------
// Baseline (a): raw point writes

async function rawPointWrites(container: Container): Promise<Summary> {
  const filler = 'x'.repeat(900);
  const doc = (i: number) => ({ id: `raw-${i}`, pk: `raw-${i}`, type: 'raw', n: i, at: new Date().toISOString(), filler });
  // Warm the connection and the code paths first.
  for (let i = 0; i < 50; i++) await container.items.create(doc(-1 - i));
  const times: number[] = [];
  for (let i = 0; i < RAW_WRITES; i++) {
    const t0 = performance.now();
    await container.items.create(doc(i));
    times.push(performance.now() - t0);
  }
  return summarize(times);
}

// ---------------------------------------------------------------------------------------------
// The bot under a burst

function classify(r: Timed): Answer {
  if (r.status === 0) return 'transportError';
  const b = r.body as { type?: string; value?: unknown } | null;
  if (r.status !== 200 || !b || typeof b !== 'object') return 'httpError';
  if (b.type !== CARD) return 'message';
  const text = allText(b.value);
  if (text.includes(REGISTERED_TEXT)) return 'registered';
  if (text.includes(WAITLISTED_TEXT)) return 'waitlisted';
  return 'otherCard';
}

function figures(results: readonly Timed[], wallMs: number, answers: Record<string, number>, cpu: CpuReading | undefined, loadBefore: { loadavg1: number; cpus: number }): BurstFigures {
  return {
    requests: results.length,
    wallMs: round(wallMs, 1),
    throughput: round((results.length / wallMs) * 1000, 1),
    latency: summarize(results.map((r) => r.ms)),
    answers,
    cpuMsPerRequest: cpu ? round(cpu.processCpuMs / results.length, 2) : NaN,
    cpuMsPerRequestByThread: { bot: cpu ? round(cpu.mainThreadCpuMs / results.length, 2) : NaN, store: cpu ? round(cpu.storeThreadCpuMs / results.length, 2) : NaN },
    mainThreadBusy: cpu?.mainThreadBusy ?? NaN,
    rssAfterMb: round(process.memoryUsage().rss / 2 ** 20, 0),
    loadBefore,
  };
}

function countBy<T extends string>(values: readonly T[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

async function botBurst(h: Harness, activityId: string, users: readonly User[]) {
  const url = `${h.app.url}/api/messages`;
  const conv = channel();
  const serviceUrl = h.connector.url;

  // Warm-up (inside the load worker): the card path (seat query, rendering) without registering anyone.
  const warmupBodies = Array.from({ length: 20 }, (_, i) => invoke(serviceUrl, user(`w${i}`), 'invitation.refresh', { activityId }, conv));
  let updatesBefore = 0;

  const bodies = users.map((u) => invoke(serviceUrl, u, 'registration.register', { activityId, sessionId: 's1' }, conv));
  let profiler: Awaited<ReturnType<typeof startCpuProfile>> | undefined;
  let trace: CosmosTrace | undefined;
  let meter: ReturnType<typeof cpuMeter> | undefined;
  let loadBefore = machineLoad();
  const { results, wallMs } = await burst(
    {
      url,
      bodies,
      connections: CONNECTIONS,
      timeoutMs: REQUEST_TIMEOUT_MS,
      spreadMs: SPREAD_MS,
      warmup: { url, method: 'POST', bodies: warmupBodies, rounds: 5 },
    },
    async () => {
      await h.settle();
      updatesBefore = h.connector.updates().length;
      if (process.env.BENCH_CPU_PROFILE) profiler = await startCpuProfile();
      trace = traceCosmos(h.app.store.endpoint);
      loadBefore = machineLoad();
      meter = cpuMeter(h.app.store.embeddedThreadId);
    },
  );
  const cpu = meter?.stop();
  const cosmos: Record<string, CosmosOpStats> = trace?.stop() ?? {};
  const profile = profiler ? await profiler.stop(PROFILE_FILE) : undefined;

  const s0 = performance.now();
  await h.settle();
  const settleMs = performance.now() - s0;

  const answers = results.map(classify);
  const seats = await h.app.activities.getSeats(activityId, seatsId('s1'));
  const doc: Seats | undefined = seats?.doc;
  const entries = doc?.entries ?? [];
  const inDoc = new Map<string, string>();
  let duplicates = 0;
  for (const e of entries) {
    if (inDoc.has(e.userId)) duplicates++;
    else inDoc.set(e.userId, e.status);
  }
  const registered = entries.filter((e) => e.status === 'registered').length;
  const waitlisted = entries.filter((e) => e.status === 'waitlisted').length;

  // Lost: answered with something other than a card, or told "registered/waitlisted" yet missing.
  const lostUsers: { user: string; answer: Answer; error?: string; body?: string }[] = [];
  let mismatched = 0; // the card said one status, the document holds the other
  users.forEach((u, i) => {
    const a = answers[i] as Answer;
    const r = results[i] as Timed;
    const stored = inDoc.get(u.aad);
    if (a === 'registered' || a === 'waitlisted' || a === 'otherCard') {
      // A card answer is a success for the user; it is lost only if the document lacks them.
      if (!stored) lostUsers.push({ user: u.aad, answer: a });
      else if (stored !== a) mismatched++;
    } else {
      lostUsers.push({ user: u.aad, answer: a, ...(r.error ? { error: r.error } : {}), body: JSON.stringify(r.body).slice(0, 200) });
    }
  });
  const asked = new Set(users.map((u) => u.aad));
  const strangers = [...inDoc.keys()].filter((id) => !asked.has(id)).length;

  return {
    figures: figures(results, wallMs, countBy(answers), cpu, loadBefore),
    registered,
    waitlisted,
    duplicates,
    lost: lostUsers.length,
    lostSample: lostUsers.slice(0, 5),
    mismatched,
    overbooked: Math.max(0, registered - CAPACITY),
    strangers,
    postedCardUpdates: h.connector.updates().length - updatesBefore,
    cosmos,
    ...(profile ? { profile } : {}),
    settleMs: round(settleMs, 1),
    /** One "registered" answer as Teams got it, for the floor (c) to answer with. */
    sampleAnswer: results[answers.indexOf('registered')]?.body,
  };
}

// ---------------------------------------------------------------------------------------------
// Baseline (b): the naive design, one key in CosmosDbPartitionedStorage, no ETag

const NAIVE_KEY = 'session-registrations';

interface NaiveState {
  registered: string[];
  waitlist: string[];
}

async function naiveServer(storage: CosmosDbPartitionedStorage): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    if (req.method === 'GET') {
      // Read-only, for the load generator's warm-up.
      storage.read([NAIVE_KEY]).then(
        () => res.end('{}'),
        () => res.writeHead(500).end(),
      );
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          const { userId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { userId: string };
          const items = await storage.read([NAIVE_KEY]);
          const current = (items[NAIVE_KEY] as NaiveState | undefined) ?? { registered: [], waitlist: [] };
          const state: NaiveState = { registered: [...current.registered], waitlist: [...current.waitlist] };
          let status: 'registered' | 'waitlisted';
          if (state.registered.includes(userId)) status = 'registered';
          else if (state.waitlist.includes(userId)) status = 'waitlisted';
          else if (state.registered.length < CAPACITY) {
            state.registered.push(userId);
            status = 'registered';
          } else {
            state.waitlist.push(userId);
            status = 'waitlisted';
          }
          // The storage's own contract: eTag '*' means "write whatever is there" (a blind upsert).
          await storage.write({ [NAIVE_KEY]: { ...state, eTag: '*' } });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status }));
        } catch (err) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
        }
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/register`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function naiveBurst(endpoint: string, users: readonly User[], storeThreadId?: number) {
  const databaseId = 'bench-naive';
  const containerId = 'bot-state';
  const admin = new CosmosClient({ endpoint, key: 'any', connectionPolicy: { enableEndpointDiscovery: false } });
  await admin.databases.createIfNotExists({ id: databaseId });
  const storage = new CosmosDbPartitionedStorage({
    cosmosDbEndpoint: endpoint,
    authKey: 'any',
    databaseId,
    containerId,
    cosmosClientOptions: { connectionPolicy: { enableEndpointDiscovery: false } },
  });
  await storage.write({ [NAIVE_KEY]: { registered: [], waitlist: [], eTag: '*' } });
  const server = await naiveServer(storage);
  try {
    let meter: ReturnType<typeof cpuMeter> | undefined;
    let loadBefore = machineLoad();
    const { results, wallMs } = await burst(
      {
        url: server.url,
        bodies: users.map((u) => ({ userId: u.aad })),
        connections: CONNECTIONS,
        timeoutMs: REQUEST_TIMEOUT_MS,
        spreadMs: SPREAD_MS,
        warmup: { url: server.url, method: 'GET', rounds: 5 },
      },
      () => {
        loadBefore = machineLoad();
        meter = cpuMeter(storeThreadId);
      },
    );
    const cpu = meter?.stop();
    const answers = results.map((r) => (r.status === 200 ? String((r.body as { status?: string }).status) : r.status === 0 ? 'transportError' : 'httpError'));
    const final = (await storage.read([NAIVE_KEY]))[NAIVE_KEY] as NaiveState;
    const all = [...final.registered, ...final.waitlist];
    const unique = new Set(all);
    return {
      figures: figures(results, wallMs, countBy(answers), cpu, loadBefore),
      registered: final.registered.length,
      waitlisted: final.waitlist.length,
      duplicates: all.length - unique.size,
      lost: users.length - final.registered.length - final.waitlist.length,
    };
  } finally {
    await server.close();
    admin.dispose();
    (storage as unknown as { client?: CosmosClient }).client?.dispose();
  }
}

async function floorBurst(users: readonly User[], answer: unknown) {
  const bot = await startEmptyBot(answer);
  try {
    const conv = channel();
    const bodies = users.map((u) => invoke('http://127.0.0.1:9/', u, 'registration.register', { activityId: 'floor', sessionId: 's1' }, conv));
    let meter: ReturnType<typeof cpuMeter> | undefined;
    let loadBefore = machineLoad();
    const { results, wallMs } = await burst(
      { url: bot.url, bodies, connections: CONNECTIONS, timeoutMs: REQUEST_TIMEOUT_MS, spreadMs: SPREAD_MS, warmup: { url: bot.url, method: 'POST', bodies: bodies.slice(0, 20), rounds: 5 } },
      () => {
        loadBefore = machineLoad();
        meter = cpuMeter();
      },
    );
    const cpu = meter?.stop();
    return { figures: figures(results, wallMs, countBy(results.map((r) => (r.status === 200 ? 'card' : `http ${r.status}`))), cpu, loadBefore) };
  } finally {
    await bot.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function run(): Promise<BenchmarkResult> {
  installJestGlobalsShim();
  const whatIfs = selectedWhatIfs();
  mkdirSync(path.dirname(RESULT_FILE), { recursive: true });
  const { createPublished, seminarFormAt } = await import('../test/support/flows.js');

  const clock = fixedClock('2026-11-20T10:00:00Z');
  const seminarForm = seminarFormAt(clock.now());
  const coordinator = user('c1');
  const users = Array.from({ length: USERS }, (_, i) => user(i + 1));
  const setup0 = performance.now();
  const h = await startHarness({ coordinators: [coordinator.aad], clock });
  const bench = new CosmosClient({ endpoint: h.app.store.endpoint, key: 'any', connectionPolicy: { enableEndpointDiscovery: false } });
  try {
    const { activityId } = await createPublished(h, coordinator, seminarForm({ title: 'Burst – 500 platser', capacity: CAPACITY, minParticipants: 10 }));
    await h.settle();
    const known = whatIfs.includes('known-people');
    await mapLimit(users, 32, (u) =>
      h.app.directory.updatePerson(u.aad, (p) => ({
        ...p,
        organizationId: 'sundsvall',
        jobRole: 'teacher',
        // what-if "known-people": what remember() would store on a first visit
        ...(known ? { mri: `29:${u.aad}`, name: u.name, serviceUrl: h.connector.url, tenantId: TENANT, locale: u.locale ?? 'sv-SE' } : {}),
      })),
    );
    applyWhatIfs(h.app, whatIfs);
    const setupMs = performance.now() - setup0;

    // (a) raw point writes, in a database of their own so the app's snapshotter never sees them
    const { database: rawDb } = await bench.databases.createIfNotExists({ id: 'bench-raw' });
    const { container: rawContainer } = await rawDb.containers.createIfNotExists({ id: 'raw', partitionKey: { paths: ['/pk'] } });
    const raw = await rawPointWrites(rawContainer);

    // the bot
    const bot = await botBurst(h, activityId, users);

    // (b) the naive design on the same embedded server
    const naive = await naiveBurst(h.app.store.endpoint, users, h.app.store.embeddedThreadId);

    // (c) the floor: an empty bot answering with the bot's own registered card
    const floor = await floorBurst(users, bot.sampleAnswer);

    const { sampleAnswer: _sample, ...botOut } = bot;
    const perRegistration = bot.figures.wallMs / USERS;
    const goals = {
      lost: { goal: 0, actual: bot.lost, met: bot.lost === 0 },
      duplicates: { goal: 0, actual: bot.duplicates, met: bot.duplicates === 0 },
      p99Ms: { goal: GOAL_P99_MS, actual: round(bot.figures.latency.p99, 1), met: bot.figures.latency.p99 <= GOAL_P99_MS },
      overbooked: { goal: 0, actual: bot.overbooked, met: bot.overbooked === 0 },
    };
    const goalsMet = Object.values(goals).every((g) => g.met);

    const summary = {
      benchmark: 'registration-burst',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', node: process.version, platform: `${process.platform}-${process.arch}` },
      whatIf: whatIfs.map((w) => `${w}: ${WHAT_IFS[w]}`),
      setup: { users: USERS, capacity: CAPACITY, clientConnections: CONNECTIONS, arrivalSpreadMs: SPREAD_MS, setupMs: round(setupMs, 0), conversation: 'channel (invoke from the posted invitation)' },
      rawPointWrite: { writes: RAW_WRITES, docBytes: 1024, ms: roundSummary(raw) },
      bot: { ...botOut, figures: { ...bot.figures, latency: roundSummary(bot.figures.latency) } },
      ratios: {
        perRegistrationMs: round(perRegistration, 3),
        perRegistrationOverRawWrite: round(perRegistration / raw.p50, 1),
        p50LatencyOverRawWrite: round(bot.figures.latency.p50 / raw.p50, 1),
        botThreadCpuOverFloor: round(bot.figures.cpuMsPerRequestByThread.bot / floor.figures.cpuMsPerRequestByThread.bot, 1),
        p99OverFloor: round(bot.figures.latency.p99 / floor.figures.latency.p99, 1),
      },
      floor: { ...floor, figures: { ...floor.figures, latency: roundSummary(floor.figures.latency) } },
      naive: { ...naive, figures: { ...naive.figures, latency: roundSummary(naive.figures.latency) } },
      goals,
      goalsMet,
    };
    writeFileSync(RESULT_FILE, `${JSON.stringify(summary, null, 2)}\n`);
    print(summary, raw, bot, naive, floor, perRegistration);
    return { goalsMet, resultFile: RESULT_FILE };
  } finally {
    bench.dispose();
    await h.close();
  }
}

function roundSummary(s: Summary): Summary {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'n' ? v : round(v, 2)])) as unknown as Summary;
}

function print(
  summary: { goals: Record<string, { goal: number; actual: number; met: boolean }>; setup: { setupMs: number }; whatIf: string[] },
  raw: Summary,
  bot: Awaited<ReturnType<typeof botBurst>>,
  naive: Awaited<ReturnType<typeof naiveBurst>>,
  floor: Awaited<ReturnType<typeof floorBurst>>,
  perRegistration: number,
): void {
  const ms = (v: number) => `${round(v, 1)} ms`;
  const mark = (met: boolean) => (met ? 'ok' : 'MISSED');
  const g = summary.goals;
  if (summary.whatIf.length > 0) console.log(`\nWHAT-IF RUN, not the shipped code: ${summary.whatIf.join('; ')}`);
  const arrival = SPREAD_MS > 0 ? `spread evenly over ${SPREAD_MS} ms` : 'all at once';
  console.log(`\n${USERS} registration.register invokes ${arrival}, ${CAPACITY} places, ${CONNECTIONS} keep-alive client sockets (setup ${round(summary.setup.setupMs / 1000, 1)} s)\n`);
  console.log(
    table([
      ['', 'bot (group commit)', 'naive (bot storage, no ETag)', 'floor (empty bot)', 'goal'],
      ['registered', bot.registered, naive.registered, '', `≤ ${CAPACITY}  ${mark(bot.overbooked === 0)}`],
      ['waitlisted', bot.waitlisted, naive.waitlisted, '', ''],
      ['duplicates', bot.duplicates, naive.duplicates, '', `0  ${mark(g.duplicates?.met ?? false)}`],
      ['lost', bot.lost, naive.lost, '', `0  ${mark(g.lost?.met ?? false)}`],
      ['wall time', ms(bot.figures.wallMs), ms(naive.figures.wallMs), ms(floor.figures.wallMs), ''],
      ['throughput', `${bot.figures.throughput} req/s`, `${naive.figures.throughput} req/s`, `${floor.figures.throughput} req/s`, ''],
      ['latency p50', ms(bot.figures.latency.p50), ms(naive.figures.latency.p50), ms(floor.figures.latency.p50), ''],
      ['latency p99', ms(bot.figures.latency.p99), ms(naive.figures.latency.p99), ms(floor.figures.latency.p99), `≤ ${GOAL_P99_MS} ms  ${mark(g.p99Ms?.met ?? false)}`],
      ['latency max', ms(bot.figures.latency.max), ms(naive.figures.latency.max), ms(floor.figures.latency.max), ''],
      ['CPU per request (process)', ms(bot.figures.cpuMsPerRequest), ms(naive.figures.cpuMsPerRequest), ms(floor.figures.cpuMsPerRequest), ''],
      ['  of it the bot thread', ms(bot.figures.cpuMsPerRequestByThread.bot), ms(naive.figures.cpuMsPerRequestByThread.bot), ms(floor.figures.cpuMsPerRequestByThread.bot), '≤ 2 ms'],
      ['  of it the store thread', ms(bot.figures.cpuMsPerRequestByThread.store), ms(naive.figures.cpuMsPerRequestByThread.store), '', ''],
      ['RSS after the burst', `${bot.figures.rssAfterMb} MB`, `${naive.figures.rssAfterMb} MB`, '', '≤ 250 MB'],
      ['main thread busy', `${Math.round(bot.figures.mainThreadBusy * 100)} %`, `${Math.round(naive.figures.mainThreadBusy * 100)} %`, `${Math.round(floor.figures.mainThreadBusy * 100)} %`, ''],
      [
        'load avg before (cores)',
        `${bot.figures.loadBefore.loadavg1} (${bot.figures.loadBefore.cpus})`,
        `${naive.figures.loadBefore.loadavg1} (${naive.figures.loadBefore.cpus})`,
        `${floor.figures.loadBefore.loadavg1}`,
        '',
      ],
    ]),
  );
  console.log('');
  console.log(
    table([
      ['raw point write (create ~1 KB, sequential)', `median ${round(raw.p50, 3)} ms, p99 ${round(raw.p99, 3)} ms (n=${raw.n})`],
      ['per-registration time (wall / 1000)', `${round(perRegistration, 3)} ms = ${round(perRegistration / raw.p50, 1)} × raw write`],
      ['p50 latency / raw write', `${round(bot.figures.latency.p50 / raw.p50, 1)} ×`],
      ['bot thread CPU / floor', `${round(bot.figures.cpuMsPerRequestByThread.bot / floor.figures.cpuMsPerRequestByThread.bot, 1)} ×`],
      ['p99 / floor', `${round(bot.figures.latency.p99 / floor.figures.latency.p99, 1)} ×`],
      [
        'bot answers',
        Object.entries(bot.figures.answers)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
      ],
      ['card said ≠ stored status', String(bot.mismatched)],
      ['posted-card updates after burst', `${bot.postedCardUpdates} (settled in ${ms(bot.settleMs)})`],
    ]),
  );
  console.log('\nCosmos requests made by the process during the bot burst (per invoke = count / 1000):');
  console.log(
    table([
      ['request', 'count', 'per invoke', 'mean', 'max', 'sum', 'KB received'],
      ...Object.entries(bot.cosmos).map(([k, v]) => [k, v.count, round(v.count / USERS, 2), ms(v.meanMs), ms(v.maxMs), ms(v.totalMs), Math.round(v.responseBytes / 1024)]),
    ]),
  );
  if (bot.profile) {
    console.log(`\nCPU profile of the burst (${path.relative(process.cwd(), PROFILE_FILE)}), self time by package:`);
    console.log(table(bot.profile.selfByPackage.map(([k, v]) => [k, `${v} ms`])));
    console.log('self time by function:');
    console.log(table(bot.profile.selfByFunction.map(([k, v]) => [k, `${v} ms`])));
  }
  const busy = Math.max(bot.figures.loadBefore.loadavg1, naive.figures.loadBefore.loadavg1);
  if (busy > bot.figures.loadBefore.cpus * 0.75) {
    console.log(
      `\nnote: load average ${busy} on ${bot.figures.loadBefore.cpus} cores before a burst; other work shared the machine, so wall times and latencies are inflated (CPU per request is the steadier figure).`,
    );
  }
  if (bot.lostSample.length > 0) console.log('\nlost (sample):', JSON.stringify(bot.lostSample, null, 1));
  console.log(`\ngoals (0 lost, 0 duplicates, p99 ≤ ${GOAL_P99_MS} ms): ${Object.values(g).every((x) => x.met) ? 'MET' : 'NOT MET'}`);
}

export const benchmark: Benchmark = {
  name: 'registration-burst',
  description: `${USERS} concurrent registrations on one session over HTTP vs raw writes and a naive read-modify-write design`,
  run,
};
