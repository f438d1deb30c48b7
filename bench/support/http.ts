import { performance } from 'node:perf_hooks';
import type { Agent, Dispatcher } from 'undici-types';

/**
 * A keep-alive undici Agent with a bounded number of sockets per origin, for fetch.
 *
 * Node's fetch is undici, but Node 20 does not export undici's classes and the project has
 * no `undici` dependency; the global dispatcher Node installs is an undici Agent, so its
 * constructor is the bundled Agent class. (Adding `undici` as a devDependency would be the
 * clean way; this keeps bench/ free of new dependencies.)
 */
export async function keepAliveAgent(connections: number): Promise<Agent> {
  const key = Symbol.for('undici.globalDispatcher.1');
  // The global dispatcher is created lazily, on the first fetch.
  if (!(globalThis as Record<symbol, unknown>)[key]) await fetch('data:,').catch(() => undefined);
  const global = (globalThis as Record<symbol, unknown>)[key] as Dispatcher | undefined;
  if (!global || global.constructor.name !== 'Agent') throw new Error('cannot find the undici Agent bundled with Node');
  const AgentClass = global.constructor as new (opts: Agent.Options) => Agent;
  return new AgentClass({ connections, pipelining: 1, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });
}

export interface Timed {
  status: number;
  body: unknown;
  ms: number;
  error?: string;
}

/**
 * POSTs JSON through the given dispatcher; the time runs from the call to the last body byte.
 *
 * By default this uses undici's own request API on the agent: on Node 20 the WHATWG fetch
 * wrapper costs ~5× more client CPU per request (measured here: 1,000 small POSTs in ~470 ms
 * with fetch vs ~90 ms with agent.request, warm), which would make the client part of what is
 * measured. BENCH_CLIENT=fetch switches to fetch on the same agent.
 */
export async function postJson(url: string, payload: unknown, dispatcher: Dispatcher, timeoutMs = 60_000): Promise<Timed> {
  const t0 = performance.now();
  try {
    const body = JSON.stringify(payload);
    let status: number;
    let text: string;
    if (process.env.BENCH_CLIENT === 'fetch') {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        dispatcher,
        signal: AbortSignal.timeout(timeoutMs),
      } as RequestInit);
      status = res.status;
      text = await res.text();
    } else {
      const u = new URL(url);
      const res = await dispatcher.request({
        origin: u.origin,
        path: `${u.pathname}${u.search}`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = res.statusCode;
      text = await res.body.text();
    }
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // keep the text
    }
    return { status, body: parsed, ms: performance.now() - t0 };
  } catch (err) {
    return { status: 0, body: null, ms: performance.now() - t0, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

/** Runs fn over items with at most `limit` in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
