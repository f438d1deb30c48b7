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

/** POSTs JSON through the given dispatcher; the time runs from the call to the last body byte. */
export async function postJson(url: string, payload: unknown, dispatcher: Dispatcher, timeoutMs = 60_000): Promise<Timed> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
    } as RequestInit);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // keep the text
    }
    return { status: res.status, body, ms: performance.now() - t0 };
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
