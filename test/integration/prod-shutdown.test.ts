import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startBotProcess, TSX_CLI, type BotProcess } from '../support/botProcess';
import { FakeConnector } from '../support/fakeConnector';
import { createPublished, registerWithProfile, seminarFormAt } from '../support/flows';
import type { Harness } from '../support/harness';
import { message, user } from '../support/teams';
import { postActivity } from '../support/http';

// The bot under test runs on the real clock, so the form's dates follow it.
const seminarForm = seminarFormAt(new Date());

// The bot as it runs in production: its own process, stopped with SIGTERM.

/** A Bot Connector that holds the bot's calls until released: a turn stays in flight meanwhile. */
class HoldingConnector {
  private server: http.Server | undefined;
  private held: http.ServerResponse[] = [];
  private arrivals: (() => void)[] = [];
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        this.held.push(res);
        for (const a of this.arrivals.splice(0)) a();
      });
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  arrived(): Promise<void> {
    return this.held.length > 0 ? Promise.resolve() : new Promise((r) => this.arrivals.push(r));
  }

  release(): void {
    for (const res of this.held.splice(0)) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'held-1' }));
    }
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

describe('the bot process under SIGTERM', () => {
  const coordinator = user('c7');
  const member = user(7001);
  let dataDir: string;
  let connector: FakeConnector;
  let holding: HoldingConnector;
  let bot: BotProcess;
  let url: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'traffpunkt-sigterm-'));
    connector = new FakeConnector();
    await connector.start();
    holding = new HoldingConnector();
    await holding.start();
    // tsx's launcher in front, as `npm start` runs it: SIGTERM must pass through it.
    bot = await startBotProcess({
      args: TSX_CLI,
      env: {
        DATA_DIR: dataDir,
        // No periodic snapshot during the test: whatever is in the file was written at shutdown.
        SNAPSHOT_INTERVAL_MS: '600000',
        COORDINATORS: coordinator.aad,
        SHUTDOWN_TIMEOUT_MS: '15000',
      },
    });
    url = bot.url;
  }, 60_000);

  afterAll(async () => {
    await bot?.kill();
    await holding.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz and /readyz', async () => {
    const live = await fetch(`${url}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', store: 'embedded' });
  });

  it('finishes the turn in flight, saves the registration and exits 0', async () => {
    const remote = { connector, send: (activity: object) => postActivity(url, activity) } as unknown as Harness;
    const { activityId } = await createPublished(remote, coordinator, seminarForm({ title: 'Avslut med SIGTERM' }));
    await registerWithProfile(remote, member, activityId, 's1', 'solleftea');
    const snapshot = path.join(dataDir, 'cosmos-snapshot.json');
    expect(existsSync(snapshot)).toBe(false);

    // A turn whose reply the connector holds: it is in flight when SIGTERM arrives.
    const inFlight = postActivity(url, message(holding.url, member, 'hjälp'));
    await holding.arrived();
    bot.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    expect(bot.alive()).toBe(true); // still finishing the turn
    holding.release();
    expect((await inFlight).status).toBe(200);

    const { code } = await bot.exited;
    expect(code).toBe(0);

    const saved = JSON.parse(readFileSync(snapshot, 'utf8')) as { containers: { id: string; items: Record<string, unknown>[] }[] };
    const items = saved.containers.find((c) => c.id === 'activities')?.items ?? [];
    const seats = items.filter((i) => i.type === 'seats' && i.activityId === activityId);
    const entries = seats.flatMap((s) => (s.entries as { userId: string; status: string }[]) ?? []);
    expect(entries).toContainEqual(expect.objectContaining({ userId: member.aad, status: 'registered' }));
  }, 60_000);

  it('logged JSON lines only, without names or message text', () => {
    const stdout = bot.stdout();
    const lines = stdout.split('\n').filter((l) => l.trim());
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(stdout).toContain('"msg":"stopped"');
    expect(stdout).not.toContain(member.name);
    expect(stdout).not.toContain(coordinator.name);
    expect(stdout).not.toContain('Avslut med SIGTERM');
  });
});
