/**
 * Load generator thread: fires all requests at once through one keep-alive agent and posts
 * back status, parsed body and latency of each. Running it off the main thread keeps the
 * client's own CPU work (undici, JSON) out of the event loop of the bot under test.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { keepAliveAgent, postJson } from './http';

export interface LoadJob {
  url: string;
  /** Several servers sharing the load: request i goes to urls[i % urls.length] (default: url alone). */
  urls?: string[];
  bodies: unknown[];
  connections: number;
  timeoutMs: number;
  /** 0: all requests at once. Otherwise request i is sent at i × spreadMs / n (an open-loop wave of clicks). */
  spreadMs?: number;
  /**
   * Side-effect-free requests sent first, `count` at a time for `rounds` rounds: they open the
   * sockets and warm the client's (and the server's) JIT before the clock starts.
   */
  warmup?: { url: string; urls?: string[]; method: 'GET' | 'POST'; bodies?: unknown[]; rounds: number };
}

async function main(): Promise<void> {
  const job = workerData as LoadJob;
  const agent = await keepAliveAgent(job.connections);
  // Open the sockets and warm the client before the clock starts, as a busy front end would be.
  const w = job.warmup;
  if (w) {
    const warmUrls = w.urls ?? [w.url];
    for (let round = 0; round < w.rounds; round++) {
      await Promise.all(
        Array.from({ length: job.connections }, (_, i) =>
          w.method === 'POST'
            ? postJson(warmUrls[i % warmUrls.length] ?? w.url, w.bodies?.[i % w.bodies.length] ?? {}, agent, job.timeoutMs)
            : agent
                .request({ origin: new URL(w.url).origin, path: new URL(w.url).pathname, method: 'GET' })
                .then((r) => r.body.dump())
                .catch(() => undefined),
        ),
      );
    }
  }
  // Tell the parent the warm-up is over and wait for its go (it starts its probes then).
  await new Promise<void>((resolve) => {
    parentPort?.once('message', () => resolve());
    parentPort?.postMessage({ phase: 'warm' });
  });
  const t0 = performance.now();
  const n = job.bodies.length;
  const spread = job.spreadMs ?? 0;
  const urls = job.urls ?? [job.url];
  const target = (i: number) => urls[i % urls.length] ?? job.url;
  const results = await Promise.all(
    job.bodies.map((b, i) =>
      spread > 0
        ? new Promise<Awaited<ReturnType<typeof postJson>>>((resolve) => {
            setTimeout(() => resolve(postJson(target(i), b, agent, job.timeoutMs)), (i * spread) / n);
          })
        : postJson(target(i), b, agent, job.timeoutMs),
    ),
  );
  const wallMs = performance.now() - t0;
  await agent.close();
  parentPort?.postMessage({ results, wallMs });
}

void main().catch((err: unknown) => parentPort?.postMessage({ error: err instanceof Error ? err.stack : String(err) }));
