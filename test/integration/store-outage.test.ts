/**
 * The store goes away under a running bot, for real: the embedded Cosmos server runs as its
 * own process behind a TCP proxy, the bot as its own process (src/main.ts). Cutting the
 * proxy refuses connections; SIGSTOP freezes the store with connections open. Throughout,
 * every message and click is answered within 5 s in the user's language, /healthz stays 200,
 * /readyz says 503, the process lives, and it works again by itself when the store returns —
 * with every registration it acknowledged before still there.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CosmosClient } from '@azure/cosmos';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { startBotProcess, TSX_CLI, type BotProcess } from '../support/botProcess';
import { allText, invokeMessage } from '../support/cards';
import { FakeConnector } from '../support/fakeConnector';
import { createPublished, registerWithProfile, seminarFormAt } from '../support/flows';
import type { Harness } from '../support/harness';
import { TcpProxy } from '../support/tcpProxy';
import { invoke, message, user, type User } from '../support/teams';
import { postActivity } from '../support/http';

const ROOT = path.resolve(__dirname, '..', '..');
/** What Teams users should never wait longer than for an answer. */
const ANSWER_WITHIN_MS = 5_000;
// The bot runs on the real clock, so the form's dates follow it.
const seminarForm = seminarFormAt(new Date());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a store that goes away under a running bot', () => {
  const coordinator = user('c31');
  const members = [user(3101), user(3102), user(3103)];
  const latecomer = user(3104);
  const english = user(3105, 'en-US');
  let store: ChildProcess;
  let storePort = 0;
  let proxy: TcpProxy;
  let connector: FakeConnector;
  let bot: BotProcess;
  let url = '';
  let dataDir = '';
  let activityId = '';
  const answerTimes: Record<string, number[]> = { refused: [], frozen: [] };

  const remote = () => ({ connector, send: (a: object) => postActivity(url, a) }) as unknown as Harness;
  const status = async (p: string) => (await fetch(`${url}${p}`)).status;
  const alive = () => bot.alive();

  async function until(what: string, ok: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (await ok().catch(() => false)) return;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  /** Sends a message and waits for the bot's reply in that chat; returns its text and how long it took. */
  async function chat(from: User, text: string): Promise<{ text: string; ms: number }> {
    const before = connector.calls.length;
    const t0 = Date.now();
    const res = await postActivity(url, message(connector.url, from, text));
    expect(res.status).toBe(200);
    const conversation = encodeURIComponent(`a:personal-${from.aad}`);
    for (;;) {
      const reply = connector.calls.slice(before).find((c) => c.method === 'POST' && c.path.includes(conversation));
      if (reply) return { text: String(reply.body.text ?? allText(reply.body)), ms: Date.now() - t0 };
      if (Date.now() - t0 > 15_000) throw new Error('no reply');
      await sleep(20);
    }
  }

  async function click(from: User, verb: string, data: Record<string, unknown>): Promise<{ text: string; ms: number }> {
    const t0 = Date.now();
    const res = await postActivity(url, invoke(connector.url, from, verb, data));
    return { text: invokeMessage(res), ms: Date.now() - t0 };
  }

  async function seatsNow(): Promise<{ userId: string; status: string }[]> {
    const client = new CosmosClient({ endpoint: `http://127.0.0.1:${storePort}`, key: 'local', connectionPolicy: { enableEndpointDiscovery: false } });
    try {
      const { resources } = await client
        .database('traffpunkt')
        .container('activities')
        .items.query<{ entries?: { userId: string; status: string }[] }>(
          { query: 'SELECT * FROM c WHERE c.activityId = @a AND c.type = "seats"', parameters: [{ name: '@a', value: activityId }] },
          { partitionKey: activityId },
        )
        .fetchAll();
      return resources.flatMap((r) => r.entries ?? []);
    } finally {
      client.dispose();
    }
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'traffpunkt-outage-'));
    // One process (no tsx launcher in front), so SIGSTOP freezes the server itself.
    store = spawn(process.execPath, ['--import', 'tsx', 'test/support/storeProcess.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const first = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: store.stdout! }).once('line', resolve);
      store.once('exit', () => reject(new Error('the store process ended')));
    });
    storePort = (JSON.parse(first) as { port: number }).port;
    proxy = new TcpProxy(storePort);
    await proxy.start();
    connector = new FakeConnector();
    await connector.start();

    bot = await startBotProcess({
      args: TSX_CLI,
      env: { DATA_DIR: dataDir, COSMOS_ENDPOINT: `http://127.0.0.1:${proxy.port}`, COSMOS_KEY: 'local', COORDINATORS: coordinator.aad },
    });
    url = bot.url;

    activityId = (await createPublished(remote(), coordinator, seminarForm({ title: 'Avbrottet', capacity: 10, minParticipants: 1 }))).activityId;
    for (const m of members) await registerWithProfile(remote(), m, activityId, 's1', 'sundsvall');
  }, 120_000);

  afterAll(async () => {
    store?.kill('SIGCONT');
    await bot?.kill();
    store?.kill('SIGKILL');
    store?.stdout?.destroy();
    await proxy?.stop();
    await connector?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    console.log(`answer times during the outage (ms): ${JSON.stringify(answerTimes)}`);
  });

  it("answers in the user's language within 5 s while connections are refused, then works again by itself", async () => {
    await proxy.cut();

    const mine = await chat(members[0]!, 'mina anmälningar');
    expect(mine.text).toContain('Jag når inte mina register just nu');
    expect(mine.text).toContain('försök igen');
    const help = await chat(english, 'my registrations');
    expect(help.text).toContain('I cannot reach my records right now');
    const clicked = await click(latecomer, 'registration.register', { activityId, sessionId: 's1' });
    expect(clicked.text).toContain('Jag når inte mina register just nu');
    answerTimes.refused!.push(mine.ms, help.ms, clicked.ms);
    for (const ms of answerTimes.refused!) expect(ms).toBeLessThan(ANSWER_WITHIN_MS);

    expect(await status('/healthz')).toBe(200);
    expect(await status('/readyz')).toBe(503);
    await sleep(300);
    expect(alive()).toBe(true);

    await proxy.restore();
    await until('/readyz to say ready', async () => (await status('/readyz')) === 200);
    const back = await chat(members[0]!, 'mina anmälningar');
    expect(back.text).not.toContain('Jag når inte');
    await registerWithProfile(remote(), latecomer, activityId, 's1', 'timra');
    const seats = await seatsNow();
    for (const m of [...members, latecomer]) expect(seats).toContainEqual(expect.objectContaining({ userId: m.aad, status: 'registered' }));
  }, 90_000);

  it('answers within 5 s while the store is frozen with connections open, and recovers after it resumes', async () => {
    store.kill('SIGSTOP');
    try {
      const turns = await Promise.all([
        ...[members[1]!, members[2]!, english].map((u) => chat(u, u.locale === 'en-US' ? 'help' : 'mina anmälningar')),
        ...[user(3110), user(3111), user(3112)].map((u) => click(u, 'registration.register', { activityId, sessionId: 's1' })),
      ]);
      for (const t of turns) {
        expect(t.text).toMatch(/Jag når inte mina register just nu|I cannot reach my records right now/);
        answerTimes.frozen!.push(t.ms);
        expect(t.ms).toBeLessThan(ANSWER_WITHIN_MS);
      }
      const t0 = Date.now();
      expect(await status('/readyz')).toBe(503);
      expect(Date.now() - t0).toBeLessThan(ANSWER_WITHIN_MS);
      expect(await status('/healthz')).toBe(200);
      expect(alive()).toBe(true);
    } finally {
      store.kill('SIGCONT');
    }
    await until('/readyz to say ready', async () => (await status('/readyz')) === 200);
    await registerWithProfile(remote(), user(3110), activityId, 's1', 'timra');
    const seats = await seatsNow();
    for (const m of [...members, latecomer, user(3110)]) expect(seats).toContainEqual(expect.objectContaining({ userId: m.aad, status: 'registered' }));
  }, 90_000);

  it('kept the process alive and left no rejection unhandled', () => {
    expect(alive()).toBe(true);
    const log = bot.stdout() + bot.stderr();
    expect(log).not.toContain('unhandled rejection');
    expect(log).not.toContain('"level":50'); // an outage is a warning, not an error of ours
  });
});
