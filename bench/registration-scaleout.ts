/**
 * Scale-out: the registration burst (1,000 "Anmäl mig" at once, 500 places) against bot
 * processes started as `npm start` runs them (`npm run build`, then dist/src/main.js), first one
 * process, then two sharing one store: the first process's embedded Cosmos server, which the
 * second reaches over loopback (COSMOS_ENDPOINT) as it would reach Azure. Each burst has a
 * session of its own. The load comes from a worker thread of this process, spread round-robin
 * over the processes.
 *
 * Goals: 0 lost, 0 duplicates, never more registered than places, in both runs. Reported: the
 * throughput and p99 of two processes against one, and each process's CPU per request and RSS.
 */
import { CosmosClient } from '@azure/cosmos';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBotProcess, type BotProcess } from '../test/support/botProcess';
import { FakeConnector } from '../test/support/fakeConnector';
import type { Harness } from '../test/support/harness';
import { postActivity } from '../test/support/http';
import { channel, invoke, user, type User } from '../test/support/teams';
import { DirectoryRepository } from '../src/features/people/directory';
import { seatsId, SeatsSchema } from '../src/kernel/seats';
import { mapLimit, type Timed } from './support/http';
import { burst } from './support/load';
import { installJestGlobalsShim } from './support/jestShim';
import { machineLoad } from './support/cpuMeter';
import { round, summarize, table, type Summary } from './support/stats';
import type { Benchmark, BenchmarkResult } from './support/types';

const USERS = 1000;
const CAPACITY = 500;
const CONNECTIONS = 96;
const REQUEST_TIMEOUT_MS = 30_000;
const RESULT_FILE = path.join(__dirname, 'results', 'registration-scaleout.json');
const TICK_MS = 10;

/** User + system CPU of a whole process (/proc/<pid>/stat, every thread), in ms. */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return NaN;
  }
}

function rssMb(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/** The endpoint the first process's embedded store logged at start. */
function storeEndpoint(p: BotProcess): string {
  for (const line of p.stdout().split('\n')) {
    try {
      const e = JSON.parse(line) as { msg?: string; endpoint?: string };
      if (e.msg === 'embedded Cosmos server started' && e.endpoint) return e.endpoint;
    } catch {
      // not a log line
    }
  }
  throw new Error('the first bot process did not log its embedded store');
}

interface Run {
  processes: number;
  wallMs: number;
  throughput: number;
  latency: Summary;
  registered: number;
  waitlisted: number;
  duplicates: number;
  lost: number;
  /** Of the lost: told "try again" (the turn's store deadline passed; nothing was acknowledged), or acknowledged yet missing. */
  lostWhy: { toldToRetry: number; acknowledgedButMissing: number; other: number };
  overbooked: number;
  cpuMsPerRequest: number[];
  rssBeforeMb: number[];
  rssAfterMb: number[];
  loadBefore: { loadavg1: number; cpus: number };
}

async function run(): Promise<BenchmarkResult> {
  installJestGlobalsShim();
  const { createPublished, seminarFormAt } = await import('../test/support/flows.js');
  mkdirSync(path.dirname(RESULT_FILE), { recursive: true });
  const coordinator = user('c1');
  const connector = new FakeConnector();
  await connector.start();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'traffpunkt-scaleout-'));
  const env = { DATA_DIR: dataDir, COORDINATORS: coordinator.aad, SEND_RATE_PER_SECOND: '25' };
  const procs: BotProcess[] = [];
  let client: CosmosClient | undefined;
  // As npm start runs it: compiled (a no-op when nothing changed), without tsx in the process.
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
  const args = ['--enable-source-maps', 'dist/src/main.js'];
  try {
    const first = await startBotProcess({ env, args });
    procs.push(first);
    const endpoint = storeEndpoint(first);
    const second = await startBotProcess({ env: { ...env, COSMOS_ENDPOINT: endpoint, COSMOS_KEY: 'embedded' }, args });
    procs.push(second);
    client = new CosmosClient({ endpoint, key: 'embedded', connectionPolicy: { enableEndpointDiscovery: false } });
    const database = client.database('traffpunkt');
    const directory = new DirectoryRepository(database.container('directory'));
    const seatsOf = async (activityId: string) => {
      const { resource } = await database.container('activities').item(seatsId('s1'), activityId).read<Record<string, unknown>>();
      return SeatsSchema.parse(resource);
    };
    const remote = (url: string) => ({ connector, send: (a: object) => postActivity(url, a) }) as unknown as Harness;

    const runs: Run[] = [];
    for (const count of [1, 2]) {
      const targets = procs.slice(0, count);
      const users: User[] = Array.from({ length: USERS }, (_, i) => user(count * 10_000 + i + 1));
      const form = seminarFormAt(new Date())({ title: `Skala ut – ${count}`, capacity: CAPACITY, minParticipants: 10 });
      const { activityId } = await createPublished(remote(first.url), coordinator, form);
      await mapLimit(users, 32, (u) => directory.updatePerson(u.aad, (p) => ({ ...p, organizationId: 'sundsvall', jobRole: 'teacher' })));
      const conv = channel();
      const urls = targets.map((p) => `${p.url}/api/messages`);
      const warmupBodies = Array.from({ length: 20 }, (_, i) => invoke(connector.url, user(`w${count}-${i}`), 'invitation.refresh', { activityId }, conv));
      const bodies = users.map((u) => invoke(connector.url, u, 'registration.register', { activityId, sessionId: 's1' }, conv));
      let cpu0: number[] = [];
      let rssBefore: number[] = [];
      let loadBefore = machineLoad();
      const { results, wallMs } = await burst(
        { url: urls[0] ?? '', urls, bodies, connections: CONNECTIONS, timeoutMs: REQUEST_TIMEOUT_MS, warmup: { url: urls[0] ?? '', urls, method: 'POST', bodies: warmupBodies, rounds: 5 } },
        () => {
          loadBefore = machineLoad();
          rssBefore = procs.map((p) => rssMb(p.child.pid));
          cpu0 = procs.map((p) => processCpuMs(p.child.pid));
        },
      );
      const cpu = procs.map((p, i) => processCpuMs(p.child.pid) - (cpu0[i] ?? 0));
      const seats = await seatsOf(activityId);
      const ids = seats.entries.map((e) => e.userId);
      const inDoc = new Set(ids);
      const answered = (r: Timed) => r.status === 200 && (r.body as { type?: string } | null)?.type === 'application/vnd.microsoft.card.adaptive';
      const lostIdx = users.flatMap((u, i) => (!inDoc.has(u.aad) || !answered(results[i] as Timed) ? [i] : []));
      const lost = lostIdx.length;
      const retryText = 'försök igen';
      const toldToRetry = lostIdx.filter((i) => (results[i] as Timed).status === 200 && JSON.stringify((results[i] as Timed).body).includes(retryText)).length;
      const acknowledgedButMissing = lostIdx.filter((i) => answered(results[i] as Timed)).length;
      const registered = seats.entries.filter((e) => e.status === 'registered').length;
      runs.push({
        processes: count,
        wallMs: round(wallMs, 1),
        throughput: round((USERS / wallMs) * 1000, 1),
        latency: summarize(results.map((r) => r.ms)),
        registered,
        waitlisted: seats.entries.length - registered,
        duplicates: ids.length - inDoc.size,
        lost,
        lostWhy: { toldToRetry, acknowledgedButMissing, other: lost - toldToRetry - acknowledgedButMissing },
        overbooked: Math.max(0, registered - CAPACITY),
        // Every process's CPU over the burst, per request of the burst (the store lives in the first).
        cpuMsPerRequest: cpu.map((c) => round(c / USERS, 2)),
        rssBeforeMb: rssBefore,
        rssAfterMb: procs.map((p) => rssMb(p.child.pid)),
        loadBefore,
      });
    }
    const [one, two] = runs as [Run, Run];
    const goalsMet = runs.every((r) => r.lost === 0 && r.duplicates === 0 && r.overbooked === 0);
    const summary = {
      benchmark: 'registration-scaleout',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version },
      setup: { users: USERS, capacity: CAPACITY, clientConnections: CONNECTIONS, store: 'embedded, in the first process (worker thread); the second reaches it over loopback' },
      runs: runs.map((r) => ({ ...r, latency: Object.fromEntries(Object.entries(r.latency).map(([k, v]) => [k, k === 'n' ? v : round(v, 1)])) })),
      ratios: { throughputTwoOverOne: round(two.throughput / one.throughput, 2), p99TwoOverOne: round(two.latency.p99 / one.latency.p99, 2) },
      goalsMet,
    };
    writeFileSync(RESULT_FILE, `${JSON.stringify(summary, null, 2)}\n`);
    const ms = (v: number) => `${round(v, 1)} ms`;
    console.log(
      table([
        ['', '1 process', '2 processes (one store)'],
        ['registered / waitlisted', `${one.registered} / ${one.waitlisted}`, `${two.registered} / ${two.waitlisted}`],
        ['over-booked, duplicates, lost', `${one.overbooked}, ${one.duplicates}, ${one.lost}`, `${two.overbooked}, ${two.duplicates}, ${two.lost}`],
        ['lost: told to retry, acknowledged but missing, other', `${Object.values(one.lostWhy).join(', ')}`, `${Object.values(two.lostWhy).join(', ')}`],
        ['throughput', `${one.throughput} req/s`, `${two.throughput} req/s`],
        ['latency p50', ms(one.latency.p50), ms(two.latency.p50)],
        ['latency p99', ms(one.latency.p99), ms(two.latency.p99)],
        ['CPU per request (process 1 with the store, process 2)', one.cpuMsPerRequest.map(ms).join(', '), two.cpuMsPerRequest.map(ms).join(', ')],
        ['RSS before the burst (process 1, process 2)', one.rssBeforeMb.map((m) => `${m} MB`).join(', '), two.rssBeforeMb.map((m) => `${m} MB`).join(', ')],
        ['RSS after (process 1, process 2)', one.rssAfterMb.map((m) => `${m} MB`).join(', '), two.rssAfterMb.map((m) => `${m} MB`).join(', ')],
        ['load avg before (cores)', `${one.loadBefore.loadavg1} (${one.loadBefore.cpus})`, `${two.loadBefore.loadavg1} (${two.loadBefore.cpus})`],
      ]),
    );
    return { goalsMet, resultFile: RESULT_FILE };
  } finally {
    client?.dispose();
    for (const p of procs) await p.kill();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'registration-scaleout',
  description: `${USERS} concurrent registrations against one bot process, then two sharing one store`,
  run,
};
