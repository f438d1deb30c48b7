/**
 * Registration burst: 1,000 people press "Anmäl mig" on one posted invitation at the same
 * moment, over real HTTP, against the bot started in-process on the embedded Cosmos server.
 *
 * Baselines measured in the same run, on the same embedded server:
 *  (a) a raw point write (container.items.create of a ~1 KB document), sequential × 500;
 *  (b) the naive design: the session's registrations in botbuilder-azure
 *      CosmosDbPartitionedStorage under one key, read-modify-write without an ETag, behind a
 *      tiny node:http endpoint, with the same 1,000 concurrent requests.
 *
 * Goals: 0 lost, 0 duplicates, p99 ≤ 1 s.
 */
import { CosmosClient, type Container } from '@azure/cosmos';
import { CosmosDbPartitionedStorage } from 'botbuilder-azure';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Agent } from 'undici-types';
import { seatsId, type Seats } from '../src/domain/seats';
import { allText } from '../test/support/cards';
import { fixedClock, startHarness, type Harness } from '../test/support/harness';
import { channel, invoke, user, type User } from '../test/support/teams';
import { keepAliveAgent, mapLimit, postJson, type Timed } from './support/http';
import { installJestGlobalsShim } from './support/jestShim';
import { round, summarize, table, type Summary } from './support/stats';
import type { Benchmark, BenchmarkResult } from './support/types';

const USERS = 1000;
const CAPACITY = 500;
const RAW_WRITES = 500;
const CONNECTIONS = 96;
const REQUEST_TIMEOUT_MS = 30_000;
const GOAL_P99_MS = 1000;
const RESULT_FILE = path.join(__dirname, 'results', 'registration-burst.json');

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

function figures(results: readonly Timed[], wallMs: number, answers: Record<string, number>): BurstFigures {
  return {
    requests: results.length,
    wallMs: round(wallMs, 1),
    throughput: round((results.length / wallMs) * 1000, 1),
    latency: summarize(results.map((r) => r.ms)),
    answers,
  };
}

function countBy<T extends string>(values: readonly T[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

async function botBurst(h: Harness, agent: Agent, activityId: string, users: readonly User[]) {
  const url = `${h.app.url}/api/messages`;
  const conv = channel();
  const serviceUrl = h.connector.url;

  // Warm-up: the same code path (card rendering, seat query) without registering anyone.
  for (let i = 0; i < 20; i++) {
    await postJson(url, invoke(serviceUrl, user(`w${i}`), 'invitation.refresh', { activityId }, conv), agent);
  }
  const updatesBefore = h.connector.updates().length;

  const bodies = users.map((u) => invoke(serviceUrl, u, 'registration.register', { activityId, sessionId: 's1' }, conv));
  const t0 = performance.now();
  const results = await Promise.all(bodies.map((b) => postJson(url, b, agent, REQUEST_TIMEOUT_MS)));
  const wallMs = performance.now() - t0;

  const s0 = performance.now();
  await h.settle();
  const settleMs = performance.now() - s0;

  const answers = results.map(classify);
  const seats = await h.app.services.activities.getSeats(activityId, seatsId('s1'));
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
    if (a === 'registered' || a === 'waitlisted') {
      if (!stored) lostUsers.push({ user: u.aad, answer: a });
      else if (stored !== a) mismatched++;
    } else {
      lostUsers.push({ user: u.aad, answer: a, ...(r.error ? { error: r.error } : {}), body: JSON.stringify(r.body).slice(0, 200) });
    }
  });
  const strangers = [...inDoc.keys()].filter((id) => !users.some((u) => u.aad === id)).length;

  return {
    figures: figures(results, wallMs, countBy(answers)),
    registered,
    waitlisted,
    duplicates,
    lost: lostUsers.length,
    lostSample: lostUsers.slice(0, 5),
    mismatched,
    overbooked: Math.max(0, registered - CAPACITY),
    strangers,
    postedCardUpdates: h.connector.updates().length - updatesBefore,
    settleMs: round(settleMs, 1),
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

async function naiveBurst(endpoint: string, agent: Agent, users: readonly User[]) {
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
    // Warm-up on another key's worth of work: a read of the state document.
    for (let i = 0; i < 20; i++) await storage.read([NAIVE_KEY]);
    const t0 = performance.now();
    const results = await Promise.all(users.map((u) => postJson(server.url, { userId: u.aad }, agent, REQUEST_TIMEOUT_MS)));
    const wallMs = performance.now() - t0;
    const answers = results.map((r) => (r.status === 200 ? String((r.body as { status?: string }).status) : r.status === 0 ? 'transportError' : 'httpError'));
    const final = (await storage.read([NAIVE_KEY]))[NAIVE_KEY] as NaiveState;
    const all = [...final.registered, ...final.waitlist];
    const unique = new Set(all);
    return {
      figures: figures(results, wallMs, countBy(answers)),
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

// ---------------------------------------------------------------------------------------------

async function run(): Promise<BenchmarkResult> {
  installJestGlobalsShim();
  const { createPublished, seminarForm } = await import('../test/support/flows');

  const clock = fixedClock('2026-11-20T10:00:00Z');
  const coordinator = user('c1');
  const users = Array.from({ length: USERS }, (_, i) => user(i + 1));
  const setup0 = performance.now();
  const h = await startHarness({ coordinators: [coordinator.aad], clock });
  const agent = await keepAliveAgent(CONNECTIONS);
  const bench = new CosmosClient({ endpoint: h.app.store.endpoint, key: 'any', connectionPolicy: { enableEndpointDiscovery: false } });
  try {
    const { activityId } = await createPublished(
      h,
      coordinator,
      seminarForm({ title: 'Burst – 500 platser', capacity: CAPACITY, minParticipants: 10 }),
    );
    await h.settle();
    await mapLimit(users, 32, (u) =>
      h.app.services.directory.updatePerson(u.aad, (p) => ({ ...p, organizationId: 'sundsvall', jobRole: 'teacher' })),
    );
    const setupMs = performance.now() - setup0;

    // (a) raw point writes, in a database of their own so the app's snapshotter never sees them
    const { database: rawDb } = await bench.databases.createIfNotExists({ id: 'bench-raw' });
    const { container: rawContainer } = await rawDb.containers.createIfNotExists({ id: 'raw', partitionKey: { paths: ['/pk'] } });
    const raw = await rawPointWrites(rawContainer);

    // the bot
    const bot = await botBurst(h, agent, activityId, users);

    // (b) the naive design on the same embedded server
    const naive = await naiveBurst(h.app.store.endpoint, agent, users);

    const perRegistration = bot.figures.wallMs / USERS;
    const goals = {
      lost: { goal: 0, actual: bot.lost, met: bot.lost === 0 },
      duplicates: { goal: 0, actual: bot.duplicates, met: bot.duplicates === 0 },
      p99Ms: { goal: GOAL_P99_MS, actual: round(bot.figures.latency.p99, 1), met: bot.figures.latency.p99 <= GOAL_P99_MS },
    };
    const goalsMet = goals.lost.met && goals.duplicates.met && goals.p99Ms.met;

    const summary = {
      benchmark: 'registration-burst',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', node: process.version, platform: `${process.platform}-${process.arch}` },
      setup: { users: USERS, capacity: CAPACITY, clientConnections: CONNECTIONS, setupMs: round(setupMs, 0), conversation: 'channel (invoke from the posted invitation)' },
      rawPointWrite: { writes: RAW_WRITES, docBytes: 1024, ms: roundSummary(raw) },
      bot: { ...bot, figures: { ...bot.figures, latency: roundSummary(bot.figures.latency) } },
      ratios: {
        perRegistrationMs: round(perRegistration, 3),
        perRegistrationOverRawWrite: round(perRegistration / raw.p50, 1),
        p50LatencyOverRawWrite: round(bot.figures.latency.p50 / raw.p50, 1),
      },
      naive: { ...naive, figures: { ...naive.figures, latency: roundSummary(naive.figures.latency) } },
      goals,
      goalsMet,
    };
    mkdirSync(path.dirname(RESULT_FILE), { recursive: true });
    writeFileSync(RESULT_FILE, `${JSON.stringify(summary, null, 2)}\n`);
    print(summary, raw, bot, naive, perRegistration);
    return { goalsMet, resultFile: RESULT_FILE };
  } finally {
    bench.dispose();
    await agent.close();
    await h.close();
  }
}

function roundSummary(s: Summary): Summary {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'n' ? v : round(v, 2)])) as unknown as Summary;
}

function print(
  summary: { goals: Record<string, { goal: number; actual: number; met: boolean }>; setup: { setupMs: number } },
  raw: Summary,
  bot: Awaited<ReturnType<typeof botBurst>>,
  naive: Awaited<ReturnType<typeof naiveBurst>>,
  perRegistration: number,
): void {
  const ms = (v: number) => `${round(v, 1)} ms`;
  const mark = (met: boolean) => (met ? 'ok' : 'MISSED');
  const g = summary.goals;
  console.log(`\n${USERS} concurrent registration.register invokes, ${CAPACITY} places, ${CONNECTIONS} keep-alive client sockets (setup ${round(summary.setup.setupMs / 1000, 1)} s)\n`);
  console.log(
    table([
      ['', 'bot (group commit)', 'naive (bot storage, no ETag)', 'goal'],
      ['registered', bot.registered, naive.registered, `≤ ${CAPACITY}`],
      ['waitlisted', bot.waitlisted, naive.waitlisted, ''],
      ['duplicates', bot.duplicates, naive.duplicates, `0  ${mark(g.duplicates?.met ?? false)}`],
      ['lost', bot.lost, naive.lost, `0  ${mark(g.lost?.met ?? false)}`],
      ['wall time', ms(bot.figures.wallMs), ms(naive.figures.wallMs), ''],
      ['throughput', `${bot.figures.throughput} req/s`, `${naive.figures.throughput} req/s`, ''],
      ['latency p50', ms(bot.figures.latency.p50), ms(naive.figures.latency.p50), ''],
      ['latency p99', ms(bot.figures.latency.p99), ms(naive.figures.latency.p99), `≤ ${GOAL_P99_MS} ms  ${mark(g.p99Ms?.met ?? false)}`],
      ['latency max', ms(bot.figures.latency.max), ms(naive.figures.latency.max), ''],
    ]),
  );
  console.log('');
  console.log(
    table([
      ['raw point write (create ~1 KB, sequential)', `median ${round(raw.p50, 3)} ms, p99 ${round(raw.p99, 3)} ms (n=${raw.n})`],
      ['per-registration time (wall / 1000)', `${round(perRegistration, 3)} ms = ${round(perRegistration / raw.p50, 1)} × raw write`],
      ['p50 latency / raw write', `${round(bot.figures.latency.p50 / raw.p50, 1)} ×`],
      ['bot answers', Object.entries(bot.figures.answers).map(([k, v]) => `${k} ${v}`).join(', ')],
      ['card said ≠ stored status', String(bot.mismatched)],
      ['posted-card updates after burst', `${bot.postedCardUpdates} (settled in ${ms(bot.settleMs)})`],
    ]),
  );
  if (bot.lostSample.length > 0) console.log('\nlost (sample):', JSON.stringify(bot.lostSample, null, 1));
  console.log(`\ngoals (0 lost, 0 duplicates, p99 ≤ ${GOAL_P99_MS} ms): ${Object.values(g).every((x) => x.met) ? 'MET' : 'NOT MET'}`);
}

export const benchmark: Benchmark = {
  name: 'registration-burst',
  description: `${USERS} concurrent registrations on one session over HTTP vs raw writes and a naive read-modify-write design`,
  run,
};
