import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedCosmos } from '../../src/platform/cosmos/embedded';
import { FakeConnector } from './fakeConnector';
import { fixedClock, startHarness, type Clock, type Harness } from './harness';

/** Bot instances on one clock, one Bot Connector and one store, restarted at will. */
export interface Fleet {
  clock: Clock;
  connector: FakeConnector;
  instances: Harness[];
  /** Stops instance i and starts a fresh one on the same store. */
  restart(i: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * `instances` 1: one bot on one data directory (the embedded store, snapshot and all).
 * 2 or more: that many bots sharing one embedded Cosmos server, each with its own data directory.
 */
export async function startFleet(input: { start: string; coordinators: string[]; instances: number }): Promise<Fleet> {
  const clock = fixedClock(input.start);
  const connector = new FakeConnector();
  await connector.start();
  const shared = input.instances > 1 ? await startEmbeddedCosmos() : undefined;
  const dataDir = shared ? undefined : mkdtempSync(path.join(os.tmpdir(), 'traffpunkt-fleet-'));
  const start = () =>
    startHarness({
      coordinators: input.coordinators,
      clock,
      connector,
      ...(dataDir ? { dataDir } : {}),
      ...(shared ? { env: { COSMOS_ENDPOINT: shared.endpoint, COSMOS_KEY: 'local' } } : {}),
    });
  // A harness without a given data directory made its own: it goes with the instance.
  const dispose = (h: Harness) => (dataDir ? undefined : rmSync(h.dataDir, { recursive: true, force: true }));
  const instances: Harness[] = [];
  for (let i = 0; i < input.instances; i++) instances.push(await start());
  const fleet: Fleet = {
    clock,
    connector,
    instances,
    async restart(i) {
      const old = fleet.instances[i];
      if (!old) return;
      await old.stop();
      dispose(old);
      fleet.instances[i] = await start();
    },
    async close() {
      for (const h of fleet.instances) {
        await h.stop();
        dispose(h);
      }
      await connector.stop();
      await shared?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return fleet;
}
