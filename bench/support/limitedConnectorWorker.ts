/**
 * Worker thread: a Bot Connector on 127.0.0.1 that enforces Teams' proactive-messaging
 * limits the way the service does, by counting the requests it receives:
 *
 *  - per app: at most `appPerSecond` requests in any sliding 1-second window;
 *  - per conversation: every [count, windowMs] pair (Teams: 7/1 s, 8/2 s, 60/30 s).
 *
 * A request over a limit gets 429 (Retry-After `violationRetryAfterSeconds`) and is counted
 * as a violation. Rejected requests still count towards the windows (the service counts what
 * it receives, not what it accepts). Of the otherwise-allowed requests, a seeded-random
 * `injectRate` share gets 429 with Retry-After `retryAfterSeconds` (the "5 % of calls").
 * Everything else is accepted and recorded per conversation.
 *
 * It runs off the main thread so its arrival clock is not delayed by the bot's event loop
 * (which also hosts the embedded Cosmos server): a stall there would otherwise bunch up
 * arrivals here and show violations the bot did not cause.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { seededRandom } from '../../test/support/random';

export interface LimitedConnectorOptions {
  appPerSecond: number;
  perConversation: [number, number][];
  injectRate: number;
  retryAfterSeconds: number;
  violationRetryAfterSeconds: number;
  seed: number;
}

export type Outcome = 'accepted' | 'injected' | 'appLimit' | 'conversationLimit' | 'other';

/** One request as the connector saw it. `t` is epoch ms with sub-ms precision (timeOrigin + now). */
export interface ConnectorEvent {
  t: number;
  conversation: string;
  outcome: Outcome;
  method: string;
}

export interface ConnectorStats {
  received: number;
  accepted: number;
  injected: number;
  violations: number;
  /** Conversations with at least one accepted message. */
  delivered: number;
}

export type WorkerRequest = { id: number; type: 'stats' | 'report' | 'stop' };

/** Arrival times in one sliding window; old ones drop out as time moves on. */
class Window {
  private times: number[] = [];
  private head = 0;

  constructor(private readonly ms: number) {}

  /** How many arrivals lie in (t - ms, t]. */
  count(t: number): number {
    while (this.head < this.times.length && (this.times[this.head] as number) <= t - this.ms) this.head++;
    if (this.head > 4096) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  add(t: number): void {
    this.times.push(t);
  }
}

const opts = workerData as LimitedConnectorOptions;
const random = seededRandom(opts.seed);
const app = new Window(1_000);
const conversations = new Map<string, Window[]>();
const events: ConnectorEvent[] = [];
const acceptedPer = new Map<string, number>();
const stats: ConnectorStats = { received: 0, accepted: 0, injected: 0, violations: 0, delivered: 0 };
let seq = 0;

const epochNow = () => performance.timeOrigin + performance.now();

function conversationOf(url: string): string {
  const m = /\/v3\/conversations\/([^/?]+)\/activities/.exec(url);
  return m ? decodeURIComponent(m[1] as string) : '';
}

function decide(t: number, conversation: string): Outcome {
  const overApp = app.count(t) >= opts.appPerSecond;
  app.add(t);
  let overConversation = false;
  if (conversation) {
    let windows = conversations.get(conversation);
    if (!windows) {
      windows = opts.perConversation.map(([, ms]) => new Window(ms));
      conversations.set(conversation, windows);
    }
    opts.perConversation.forEach(([limit], i) => {
      const w = windows?.[i] as Window;
      if (w.count(t) >= limit) overConversation = true;
      w.add(t);
    });
  }
  if (overApp) return 'appLimit';
  if (overConversation) return 'conversationLimit';
  if (random() < opts.injectRate) return 'injected';
  return 'accepted';
}

const server = http.createServer({ keepAlive: true }, (req, res) => {
  // Arrival: when the request's headers are in, before its body.
  const t = epochNow();
  const method = req.method ?? '';
  const conversation = method === 'POST' ? conversationOf(req.url ?? '') : '';
  stats.received++;
  const outcome: Outcome = conversation ? decide(t, conversation) : (decide(t, ''), 'other');
  events.push({ t, conversation, outcome, method });
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    switch (outcome) {
      case 'appLimit':
      case 'conversationLimit':
        stats.violations++;
        res.writeHead(429, { 'retry-after': String(opts.violationRetryAfterSeconds) });
        res.end(JSON.stringify({ error: { code: 'Throttled', message: outcome } }));
        return;
      case 'injected':
        stats.injected++;
        res.writeHead(429, { 'retry-after': String(opts.retryAfterSeconds) });
        res.end(JSON.stringify({ error: { code: 'Throttled', message: 'injected' } }));
        return;
      case 'accepted': {
        stats.accepted++;
        const n = (acceptedPer.get(conversation) ?? 0) + 1;
        acceptedPer.set(conversation, n);
        if (n === 1) stats.delivered++;
        res.end(JSON.stringify({ id: `msg-${++seq}` }));
        return;
      }
      case 'other':
        // Nothing else is expected in this benchmark (all recipients have a stored 1:1 chat).
        res.writeHead(400);
        res.end(JSON.stringify({ error: { code: 'BadArgument', message: `unexpected ${method} ${req.url ?? ''}` } }));
        return;
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  parentPort?.postMessage({ type: 'ready', url: `http://127.0.0.1:${port}/` });
});

parentPort?.on('message', (m: WorkerRequest) => {
  switch (m.type) {
    case 'stats':
      parentPort?.postMessage({ id: m.id, value: { ...stats } });
      return;
    case 'report':
      parentPort?.postMessage({ id: m.id, value: { stats: { ...stats }, events, acceptedPer: [...acceptedPer.entries()] } });
      return;
    case 'stop':
      server.closeAllConnections();
      server.close(() => parentPort?.postMessage({ id: m.id, value: null }));
      return;
  }
});
