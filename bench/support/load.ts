import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Timed } from './http';
import type { LoadJob } from './loadWorker';

/** Fires every body at url concurrently from a worker thread; resolves with per-request timings and the wall time. */
export function burst(job: LoadJob, beforeStart: () => void | Promise<void> = () => undefined): Promise<{ results: Timed[]; wallMs: number }> {
  return new Promise((resolve, reject) => {
    // tsx's loader does not reach worker threads on Node 20: register it inside the worker.
    const entry = path.join(__dirname, 'loadWorker.ts');
    const boot = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(entry)});`;
    const worker = new Worker(boot, { eval: true, workerData: job });
    let settled = false;
    worker.on('message', (m: { phase?: 'warm'; results?: Timed[]; wallMs?: number; error?: string }) => {
      if (m.phase === 'warm') {
        Promise.resolve(beforeStart()).then(
          () => worker.postMessage('go'),
          (err: unknown) => {
            settled = true;
            void worker.terminate();
            reject(err);
          },
        );
        return;
      }
      settled = true;
      if (m.error || !m.results || m.wallMs === undefined) reject(new Error(`load worker failed: ${m.error ?? 'no results'}`));
      else resolve({ results: m.results, wallMs: m.wallMs });
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`load worker exited with code ${code} before answering`));
    });
  });
}
