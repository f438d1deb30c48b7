import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type InvokeResponse } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import restify from 'restify';

/**
 * The floor under any bot on this machine: botbuilder's CloudAdapter behind restify (the same
 * packages, body parser and local anonymous authentication as Träffpunkt), answering every
 * invoke at once with the same card, with no store, no rules and no rendering. What a burst
 * costs here is what HTTP, JSON and botbuilder cost before a bot does anything.
 */
export async function startEmptyBot(answer: unknown): Promise<{ url: string; close(): Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  class Empty extends ActivityHandler {
    protected override onInvokeActivity(): Promise<InvokeResponse> {
      return Promise.resolve({ status: 200, body: answer });
    }
  }
  const bot = new Empty();
  const server = restify.createServer({ name: 'empty-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    close: () =>
      new Promise<void>((resolve) => {
        server.server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
