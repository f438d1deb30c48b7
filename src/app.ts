import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { Config } from './config';
import { createHttpServer } from './http/server';
import { translator, langFromLocale } from './i18n';
import { Outbox } from './scheduler/outbox';
import type { Services } from './services';
import { ActivityRepository } from './store/activities';
import { ConversationRepository } from './store/conversations';
import { openStore, type Store } from './store/cosmos';
import { DirectoryRepository } from './store/directory';
import { SeatCommitter } from './store/seatCommitter';
import { defaultOrganizations } from './store/seed';
import { TraffpunktBot } from './teams/bot';
import { PostedInvitationSync } from './teams/invitationSync';
import { NoticeSender } from './teams/noticeSender';
import { Proactive } from './teams/proactive';

export interface App {
  url: string;
  services: Services;
  store: Store;
  outbox: Outbox;
  invitations: PostedInvitationSync;
  close(): Promise<void>;
}

export interface AppOptions {
  now?: () => Date;
}

function botAuthentication(config: Config): ConfigurationBotFrameworkAuthentication {
  if (!config.MicrosoftAppId) return new ConfigurationBotFrameworkAuthentication({});
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
}

/** Composition root: config → store → adapter → bot → outbox → HTTP server. */
export async function startApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  const now = options.now ?? (() => new Date());
  const store = await openStore(config, logger);
  const directory = new DirectoryRepository(store.container('directory'));
  await directory.seedOrganizations(defaultOrganizations());
  for (const id of config.COORDINATORS) await directory.grantRole(id, 'coordinator');

  const adapter = new CloudAdapter(botAuthentication(config));
  const proactive = new Proactive(adapter, config);
  const activities = new ActivityRepository(store.container('activities'));
  const conversations = new ConversationRepository(store.container('conversations'));
  const outbox = new Outbox(store.container('jobs'), new NoticeSender(proactive, conversations, directory), logger.child({ component: 'outbox' }), now);
  const invitations = new PostedInvitationSync(proactive, logger.child({ component: 'invitations' }));
  const services: Services = {
    config,
    log: logger.child({ component: 'bot' }),
    activities,
    directory,
    conversations,
    seats: new SeatCommitter(activities, logger.child({ component: 'seats' }), now),
    outbox,
    invitations,
    now,
    newId: () => randomUUID(),
  };
  invitations.bind(services);

  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    const ref = randomUUID().slice(0, 8);
    logger.error({ err: error, ref, conversation: context.activity.conversation?.id, activityId: context.activity.id }, 'turn failed');
    const lang = langFromLocale(context.activity.locale, config.DEFAULT_LOCALE);
    const text = translator(lang)('err_generic', { ref });
    if (context.activity.type === 'invoke') {
      // The invoke still gets an answer, or Teams shows its own generic failure.
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } } });
    } else {
      await context.sendActivity(text);
    }
  };

  const bot = new TraffpunktBot(services);
  const server = createHttpServer({ adapter, bot, store, log: logger.child({ component: 'http' }) });
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, () => resolve()));
  outbox.start();
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST}:${port}`;
  logger.info({ url, store: store.kind, mode: config.MicrosoftAppId ? 'authenticated' : 'local-anonymous' }, 'Träffpunkt listening');

  return {
    url,
    services,
    store,
    outbox,
    invitations,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await invitations.idle();
      await outbox.stop();
      await store.close();
    },
  };
}
