import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import restify from 'restify';
import { z } from 'zod';
import type { Store } from '../store/cosmos';
import type { TraffpunktBot } from '../teams/bot';

// The least an activity needs before botbuilder sees it; anything less is a client error.
const IncomingActivitySchema = z.object({
  type: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  channelId: z.string().min(1),
  conversation: z.object({ id: z.string().min(1).max(1024) }),
  from: z.object({ id: z.string().min(1).max(1024) }),
  recipient: z.object({ id: z.string().min(1).max(1024) }).optional(),
});

/**
 * What botbuilder writes on a failed request can name internal hosts (e.g. the OpenID
 * metadata URL); callers get a status and a fixed text instead.
 */
function sanitizedResponse(res: restify.Response) {
  let status = 200;
  return {
    socket: res.socket,
    status(code: number) {
      status = code;
      res.status(code);
    },
    header(name: string, value: unknown) {
      res.header(name, value);
    },
    send(body: unknown) {
      if (status === 401 || status === 403) res.send({ error: 'unauthorized' });
      else if (status >= 500) res.send({ error: 'internal error' });
      else res.send(body);
    },
    end() {
      res.end();
    },
  };
}

export function createHttpServer(input: { adapter: CloudAdapter; bot: TraffpunktBot; store: Store; log: Logger }): restify.Server {
  const { adapter, bot, store, log } = input;
  const server = restify.createServer({ name: 'traffpunkt', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    if (!IncomingActivitySchema.safeParse(req.body).success) {
      res.send(400, { error: 'bad request' });
      return;
    }
    try {
      await adapter.process(req, sanitizedResponse(res), (context) => bot.run(context));
    } catch (err) {
      // Malformed activities make botbuilder throw before its own error handling.
      log.warn({ err: err instanceof Error ? err.name : 'error' }, 'request rejected');
      if (!res.headersSent) res.send(400, { error: 'bad request' });
    }
  });

  server.get('/healthz', async (_req, res) => {
    const ok = await store.ping();
    res.send(ok ? 200 : 503, { status: ok ? 'ok' : 'store unavailable', store: store.kind });
  });

  return server;
}
