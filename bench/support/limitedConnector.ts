import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ConnectorEvent, ConnectorStats, LimitedConnectorOptions, WorkerRequest } from './limitedConnectorWorker';

export type { ConnectorEvent, LimitedConnectorOptions } from './limitedConnectorWorker';

export interface ConnectorReport {
  stats: ConnectorStats;
  events: ConnectorEvent[];
  /** [conversation id, accepted messages] */
  acceptedPer: [string, number][];
}

export interface LimitedConnector {
  /** Service URL, with the trailing slash Teams uses. */
  url: string;
  stats(): Promise<ConnectorStats>;
  report(): Promise<ConnectorReport>;
  stop(): Promise<void>;
}

/** Starts the limit-enforcing fake Bot Connector (support/limitedConnectorWorker.ts) in a worker thread. */
export function startLimitedConnector(options: LimitedConnectorOptions): Promise<LimitedConnector> {
  // tsx's loader does not reach worker threads on Node 20: register it inside the worker.
  const entry = path.join(__dirname, 'limitedConnectorWorker.ts');
  const boot = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(entry)});`;
  const worker = new Worker(boot, { eval: true, workerData: options });
  const pending = new Map<number, (v: unknown) => void>();
  let nextId = 1;
  let stopped = false;
  const ask = <T>(type: WorkerRequest['type']): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (stopped) {
        reject(new Error('limited connector stopped'));
        return;
      }
      const id = nextId++;
      pending.set(id, resolve as (v: unknown) => void);
      worker.postMessage({ id, type } satisfies WorkerRequest);
    });

  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: { type?: 'ready'; url?: string; id?: number; value?: unknown }) => {
      if (m.type === 'ready' && m.url) {
        const url = m.url;
        resolve({
          url,
          stats: () => ask<ConnectorStats>('stats'),
          report: () => ask<ConnectorReport>('report'),
          async stop() {
            if (stopped) return;
            await ask<null>('stop').catch(() => undefined);
            stopped = true;
            await worker.terminate();
          },
        });
        return;
      }
      if (m.id !== undefined) {
        const r = pending.get(m.id);
        pending.delete(m.id);
        r?.(m.value);
      }
    });
  });
}
