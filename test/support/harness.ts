import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startApp, type App, type AppOptions } from '../../src/compose';
import { loadConfig } from '../../src/config';
import { FakeConnector } from './fakeConnector';
import { postActivity } from './http';

export interface Clock {
  now(): Date;
  set(iso: string): void;
}

export function fixedClock(iso: string): Clock {
  let t = new Date(iso);
  return { now: () => new Date(t), set: (v) => (t = new Date(v)) };
}

export interface Harness {
  app: App;
  connector: FakeConnector;
  dataDir: string;
  send(activity: object): Promise<{ status: number; body: unknown }>;
  /** Waits until background work (outbox, card updates) is done. */
  settle(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(
  options: { coordinators?: string[]; clock?: Clock; env?: Record<string, string>; dataDir?: string; connector?: FakeConnector; appOptions?: AppOptions } = {},
): Promise<Harness> {
  const connector = options.connector ?? new FakeConnector();
  if (!connector.url) await connector.start();
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'traffpunkt-test-'));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    COORDINATORS: (options.coordinators ?? []).join(','),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options.env,
  });
  const app = await startApp(config, pino({ level: config.LOG_LEVEL }), { planEveryMs: 3_600_000, ...(options.clock ? { now: options.clock.now } : {}), ...options.appOptions });
  const h: Harness = {
    app,
    connector,
    dataDir,
    send: (activity) => postActivity(app.url, activity),
    async settle() {
      await app.invitations.idle();
      app.scheduler.dispatcher.kick();
      await app.scheduler.idle();
    },
    async stop() {
      await app.close();
    },
    async close() {
      await app.close();
      await connector.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}
