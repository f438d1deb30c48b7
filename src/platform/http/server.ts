import type { Activity } from 'botbuilder';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import restify from 'restify';
import type { RequestAuthenticator } from './auth/requestAuthenticator';
import type { BotHttpAdapter } from './adapter';
import { EnvelopeSchema } from './envelope';
import { issuesOf } from '../../kernel/loggable';
import { inTurnSpan } from '../observability';
import type { Store } from '../cosmos/client';
import type { TraffpunktBot } from '../teams/bot';

/** How long /readyz waits for the store before answering 503. */
const READY_TIMEOUT_MS = 3_000;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

// What botbuilder's CloudAdapter.process does to the body before the turn (dates as Date).
function toActivity(body: Record<string, unknown>): Activity {
  const a = { ...body } as Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    if (typeof a[field] === 'string') {
      a[raw] = a[field];
      a[field] = new Date(a[field]);
    }
  }
  return a as unknown as Activity;
}

function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]).finally(() => clearTimeout(timer));
}

export interface HttpServer {
  server: restify.Server;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Requests being answered right now. */
  inFlight(): number;
  /**
   * Stops accepting connections, lets requests in flight finish (at most `graceMs`), then
   * closes every connection. Resolves with whether everything finished in time.
   */
  shutdown(graceMs?: number): Promise<{ drained: boolean }>;
}

export function createHttpServer(input: {
  adapter: BotHttpAdapter;
  bot: TraffpunktBot;
  store: Store;
  auth: RequestAuthenticator;
  log: Logger;
  /** Feature routes (calendar files, the tab's API) added by the composition root. */
  routes?: (server: restify.Server) => void;
}): HttpServer {
  const { adapter, bot, store, auth, log } = input;
  const server = restify.createServer({ name: 'traffpunkt', handleUncaughtExceptions: false });

  // In-flight accounting on the raw Node server, so every route and every error path counts.
  let inFlight = 0;
  let draining = false;
  const idleWaiters = new Set<() => void>();
  server.server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    // While draining, answer what is already here and let the client reconnect elsewhere.
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) for (const w of idleWaiters) w();
    });
  });

  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const authHeader = req.header('authorization') || undefined;
    // Without a plausible token there is nothing more to say, whatever the body is.
    if (auth.required && !auth.precheck(authHeader)) {
      res.header('WWW-Authenticate', 'Bearer');
      res.send(401, { error: 'unauthorized' });
      return;
    }
    // The envelope is parsed once, here; past this point its fields have the types botbuilder declares.
    const envelope = EnvelopeSchema.safeParse(req.body);
    if (!envelope.success) {
      log.info({ issues: issuesOf(envelope.error) }, 'activity refused');
      res.send(400, { error: 'bad request' });
      return;
    }
    const activity = toActivity(envelope.data);
    const outcome = await auth.authenticate(activity, authHeader);
    if (!outcome.ok) {
      if (outcome.status === 401) res.header('WWW-Authenticate', 'Bearer');
      else res.header('Retry-After', '5');
      res.send(outcome.status, { error: outcome.status === 401 ? 'unauthorized' : 'service unavailable' });
      return;
    }
    try {
      // One span per incoming activity (kinds and ids only: src/platform/observability.ts).
      const invokeResponse = await inTurnSpan(activity, async (span) => {
        const answer = await adapter.runAuthenticated(outcome.result, activity, (context) => bot.run(context));
        span.setAttribute('http.response.status_code', answer?.status ?? 200);
        return answer;
      });
      const status = invokeResponse?.status ?? 200;
      if (invokeResponse?.body !== undefined && invokeResponse.body !== null) res.send(status, invokeResponse.body);
      else res.send(status);
    } catch (err) {
      // onTurnError already answered what it could; whatever escapes it is ours, not the caller's.
      log.error({ err: err instanceof Error ? { name: err.name, message: err.message } : 'error', activityId: activity.id }, 'request failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  // Liveness: the process answers. Cheap on purpose; no store call.
  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  // Readiness: the store answers a read, and the process is not shutting down.
  server.get('/readyz', async (_req, res) => {
    if (draining) {
      res.send(503, { status: 'shutting down' });
      return;
    }
    const ok = await withTimeout(store.ping(), READY_TIMEOUT_MS, false);
    res.send(ok ? 200 : 503, { status: ok ? 'ready' : 'store unavailable', store: store.kind });
  });

  input.routes?.(server);

  const waitIdle = (ms: number): Promise<boolean> => {
    if (inFlight === 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        idleWaiters.delete(onIdle);
        resolve(value);
      };
      const onIdle = () => done(true);
      const timer = setTimeout(() => done(inFlight === 0), ms);
      idleWaiters.add(onIdle);
    });
  };

  return {
    server,
    listen: (port, host) =>
      new Promise<AddressInfo>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, host, () => {
          server.server.off('error', reject);
          resolve(server.address());
        });
      }),
    inFlight: () => inFlight,
    shutdown: async (graceMs = DEFAULT_SHUTDOWN_TIMEOUT_MS) => {
      draining = true;
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      server.server.closeIdleConnections();
      const drained = await waitIdle(graceMs);
      if (!drained) log.warn({ inFlight }, 'shutdown: requests still in flight after the grace period');
      server.server.closeAllConnections();
      await closed;
      return { drained };
    },
  };
}
