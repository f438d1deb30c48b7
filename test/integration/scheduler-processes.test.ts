import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedCosmos, type EmbeddedServer } from '../../src/platform/cosmos/embedded';
import { userRefId } from '../../src/platform/teams/conversations';
import { FakeConnector } from '../support/fakeConnector';
import { startHarness, type Harness } from '../support/harness';
import { user } from '../support/teams';

const RECIPIENTS = 80;

describe('two scheduler instances on one store, one killed mid-run', () => {
  let cosmos: EmbeddedServer;
  let connector: FakeConnector;
  let h: Harness;
  let dataDir: string;
  const children: ChildProcess[] = [];

  function startInstance(): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        COSMOS_ENDPOINT: cosmos.endpoint,
        COSMOS_KEY: 'local',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
        SCHEDULER_ENABLED: 'true',
        SEND_RATE_PER_SECOND: '8',
        SCHEDULER_LEASE_MS: '3000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  }

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos();
    connector = new FakeConnector();
    connector.delayMs = 40; // keeps each send in flight long enough for the kill to land mid-request
    await connector.start();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'traffpunkt-sched-'));
    h = await startHarness({ connector, dataDir, env: { COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: 'local', SCHEDULER_ENABLED: 'false' } });
    const now = new Date();
    for (let i = 0; i < RECIPIENTS; i++) {
      const u = user(50_000 + i);
      await h.app.conversations.save(userRefId(u.aad), 'user', {
        serviceUrl: connector.url,
        channelId: 'msteams',
        conversation: { id: `a:personal-${u.aad}`, conversationType: 'personal', isGroup: false, name: '' },
        user: { id: `29:${u.aad}`, name: '' },
      });
      await h.app.scheduler.jobs.create({
        id: `notice-crash-${i}`,
        kind: 'notice',
        toUserId: u.aad,
        lang: 'sv',
        payload: { textKey: 'notice_promotedSeries', title: 'Krocktest' },
        dueAt: now,
      });
    }
  }, 60_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await h.close();
    await cosmos.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every message exactly once across two instances, a SIGKILL and a restart', async () => {
    let killedPid: number | null = null;
    connector.onCall = (call) => {
      // Kill the sender of the 30th message while that request is still unanswered. The slow rate
      // keeps the instance's next send ~125 ms away, so only that one request is in flight.
      if (killedPid === null && connector.posts().length === 30) {
        const pid = Number(/pid (\d+)/.exec(call.userAgent ?? '')?.[1]);
        if (pid) {
          killedPid = pid;
          process.kill(pid, 'SIGKILL');
        }
      }
    };
    startInstance();
    startInstance();

    const deadline = Date.now() + 90_000;
    let restarted = false;
    for (;;) {
      if (killedPid !== null && !restarted) {
        restarted = true;
        startInstance(); // the restart after the crash
      }
      const jobs = await h.app.scheduler.jobs.list();
      const open = jobs.filter((j) => !['sent', 'indoubt', 'failed', 'skipped'].includes(j.status));
      if (open.length === 0 && restarted) break;
      if (Date.now() > deadline) throw new Error(`still open: ${open.map((j) => j.status).join(',')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(killedPid).not.toBeNull();

    const perRecipient = new Map<string, number>();
    for (const c of connector.posts()) {
      const conv = decodeURIComponent(/conversations\/([^/]+)\/activities/.exec(c.path)?.[1] ?? '');
      perRecipient.set(conv, (perRecipient.get(conv) ?? 0) + 1);
    }
    const duplicates = [...perRecipient.values()].filter((n) => n > 1).length;
    expect(duplicates).toBe(0);
    expect(perRecipient.size).toBe(RECIPIENTS); // nothing lost
    const jobs = await h.app.scheduler.jobs.list();
    const byStatus = jobs.reduce<Record<string, number>>((acc, j) => ({ ...acc, [j.status]: (acc[j.status] ?? 0) + 1 }), {});
    // What was in flight at the kill arrived but was never acknowledged: in doubt, not resent.
    // Every other job was sent once; nothing is left pending or failed.
    expect(Object.keys(byStatus).sort()).toEqual(['indoubt', 'sent']);
    expect((byStatus.sent ?? 0) + (byStatus.indoubt ?? 0)).toBe(RECIPIENTS);
    expect(byStatus.indoubt).toBeLessThanOrEqual(2);
    // Both of the first instances did part of the work.
    const senders = new Set(connector.posts().map((c) => /pid (\d+)/.exec(c.userAgent ?? '')?.[1]));
    expect(senders.size).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
