import type { TokenCredentialOptions } from '@azure/identity';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createAttendance } from './features/attendance/wire';
import { botAuthentication } from './platform/http/auth/botAuthentication';
import { RequestAuthenticator } from './platform/http/auth/requestAuthenticator';
import type { Config } from './config';
import { BotHttpAdapter } from './platform/http/adapter';
import { icsRoute } from './features/activities/icsRoute';
import { createReports, reportRoutes } from './features/reports/service';
import { createHttpServer } from './platform/http/server';
import { tabRoutes } from './features/tab/api';
import { ConnectorClient, connectorToken } from './platform/outbox/connector';
import { ConnectorDelivery } from './platform/outbox/delivery';
import { Dispatcher } from './platform/outbox/dispatcher';
import { JobRepository } from './platform/outbox/jobs';
import { MessageRenderer } from './features/reminders/messages';
import { TEAMS_LIMITS } from './platform/outbox/pacer';
import { Planner, type AttendanceSource } from './features/reminders/planner';
import { Scheduler } from './features/reminders/scheduler';
import { SurveyRepository } from './features/surveys/store';
import { randomBytes } from 'node:crypto';
import type { Services } from './services';
import { ActivityRepository } from './features/activities/store';
import { ConversationRepository } from './platform/teams/conversations';
import { openStore, type Store } from './platform/cosmos/client';
import { DirectoryRepository } from './features/people/directory';
import { SeatCommitter } from './features/registration/seatCommitter';
import { defaultOrganizations } from './features/people/seed';
import { TraffpunktBot } from './platform/teams/bot';
import { Router } from './platform/teams/router';
import { FEATURES } from './features';
import { createGroupServices } from './features/staff-teams/service';
import { GroupAudience } from './features/networks/audience';
import { PostedInvitationSync } from './features/activities/invitationSync';
import { createPrivacy } from './features/privacy/service';
import { privacyRoutes } from './features/privacy/routes';
import { RetentionPurge } from './features/privacy/retention';
import { Proactive } from './platform/teams/proactive';
import { Messenger } from './platform/teams/messenger';
import { Events } from './kernel/events';
import { answerFailedTurns } from './platform/teams/turnError';

export interface App {
  url: string;
  services: Services;
  store: Store;
  scheduler: Scheduler;
  invitations: PostedInvitationSync;
  close(): Promise<void>;
}

export interface AppOptions {
  now?: () => Date;
  /** Plan every this many ms (tests plan by hand with scheduler.planNow()). */
  planEveryMs?: number;
  /** For the Graph credential's token requests (tests: trust a local fake's certificate). */
  graphCredentialOptions?: TokenCredentialOptions;
}

/** Composition root: config → store → adapter → bot → scheduler → HTTP server. */
export async function startApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  const now = options.now ?? (() => new Date());
  const store = await openStore(config, logger);
  const directory = new DirectoryRepository(store.container('directory'));
  await directory.seedOrganizations(defaultOrganizations());
  for (const id of config.COORDINATORS) await directory.grantRole(id, 'coordinator');

  const botAuth = botAuthentication(config);
  const adapter = new BotHttpAdapter(botAuth);
  const proactive = new Proactive(adapter, config);
  const activities = new ActivityRepository(store.container('activities'));
  const conversations = new ConversationRepository(store.container('conversations'));
  const surveys = new SurveyRepository(store.container('activities'));
  const jobs = new JobRepository(store.container('jobs'), now);
  const linkSecret = config.LINK_SECRET ?? randomBytes(32).toString('base64url');
  const schedulerLog = logger.child({ component: 'scheduler' });
  // privacy: erasure, own data, access log; the renderer skips erased recipients.
  const privacy = createPrivacy({ config, store, activities, directory, linkSecret, log: logger.child({ component: 'privacy' }), now });
  // Teams, networks and rosters; their audience (rosters, principals) is reminded too.
  const groups = createGroupServices({ activities: store.container('activities'), directory: store.container('directory'), directoryRepository: directory });
  const audience = new GroupAudience(groups, config.DEFAULT_LOCALE);
  const dispatcher = new Dispatcher(
    jobs,
    new MessageRenderer({ activities, directory, surveys, linkSecret, now, audience, erased: privacy.erased, ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}) }),
    new ConnectorDelivery(new ConnectorClient(connectorToken(config)), conversations, directory, config.MicrosoftAppId ?? 'traffpunkt', schedulerLog),
    schedulerLog,
    { limits: { ...TEAMS_LIMITS, globalPerSecond: config.SEND_RATE_PER_SECOND }, leaseMs: config.SCHEDULER_LEASE_MS, now: () => now().getTime() },
  );
  // This server's own address, known once it listens; export links use it without PUBLIC_URL.
  const selfUrl = { value: '' };
  const attendanceSource: { current?: AttendanceSource } = {};
  const planner = new Planner({
    activities,
    directory,
    jobs,
    attendance: {
      presentUserIds: (id) => attendanceSource.current?.presentUserIds(id) ?? Promise.resolve(null),
      sessionSettled: (id, sessionId) => attendanceSource.current?.sessionSettled?.(id, sessionId) ?? Promise.resolve(false),
    },
    audience,
    defaultLang: config.DEFAULT_LOCALE,
    log: schedulerLog,
    now,
  });
  const scheduler = new Scheduler(jobs, dispatcher, planner, schedulerLog, options.planEveryMs);
  const messenger = new Messenger(proactive);
  const invitations = new PostedInvitationSync(messenger, logger.child({ component: 'invitations' }));
  const events = new Events((name, err) => logger.error({ err, event: name }, 'event listener failed'));
  // Posted invitation cards follow their seat lists.
  events.on('seatsChanged', ({ activityId }) => invitations.changed(activityId));
  const attendance = createAttendance({
    config,
    activities: store.container('activities'),
    meetings: store.container('meetings'),
    directory: store.container('directory'),
    log: logger.child({ component: 'attendance' }),
    ...(options.graphCredentialOptions ? { graphCredentialOptions: options.graphCredentialOptions } : {}),
  });
  attendanceSource.current = attendance;
  const services: Services = {
    config,
    log: logger.child({ component: 'bot' }),
    activities,
    directory,
    conversations,
    seats: new SeatCommitter(activities, logger.child({ component: 'seats' }), now),
    scheduler,
    surveys,
    events,
    now,
    linkSecret,
    newId: () => randomUUID(),
    attendance: attendance.services,
    groups,
    privacy,
    reports: createReports({
      activities: store.container('activities'),
      directoryContainer: store.container('directory'),
      directory,
      log: logger.child({ component: 'reports' }),
      baseUrl: () => config.PUBLIC_URL ?? selfUrl.value,
      // Every read of others' records is also written to the access log (ids only).
      recordAccess: (e) => privacy.accessLog.record(e),
    }),
  };
  invitations.bind(services);
  const retention = new RetentionPurge({ store, activities, accessLog: privacy.accessLog, config, log: logger.child({ component: 'retention' }), now });
  privacy.retention = retention;
  attendance.bind(services);

  answerFailedTurns(adapter, logger, config.DEFAULT_LOCALE);

  const bot = new TraffpunktBot(services, new Router(FEATURES), messenger);
  const httpLog = logger.child({ component: 'http' });
  const auth = new RequestAuthenticator(botAuth, { appId: config.MicrosoftAppId, timeoutMs: config.AUTH_TIMEOUT_MS, log: httpLog });
  const http = createHttpServer({
    adapter,
    bot,
    store,
    auth,
    log: httpLog,
    routes: (server) => [icsRoute({ activities, linkSecret, now }), reportRoutes(services), tabRoutes(services), privacyRoutes(privacy)].forEach((route) => route(server)),
  });
  const { port } = await http.listen(config.PORT, config.HOST);
  if (config.SCHEDULER_ENABLED) scheduler.start();
  else schedulerLog.info('scheduler disabled: jobs are written for an enabled instance, none sent from here');
  attendance.start();
  if (config.SCHEDULER_ENABLED && config.PRIVACY_PURGE_EVERY_MS > 0) retention.start(config.PRIVACY_PURGE_EVERY_MS);
  const url = `http://${config.HOST}:${port}`;
  selfUrl.value = url;
  logger.info({ url, store: store.kind, mode: config.MicrosoftAppId ? 'authenticated' : 'local-anonymous' }, 'Träffpunkt listening');

  return {
    url,
    services,
    store,
    scheduler,
    invitations,
    close: async () => {
      // Stop accepting, let turns in flight finish, then the background work and the store.
      await http.shutdown(config.SHUTDOWN_TIMEOUT_MS);
      await invitations.idle();
      await groups.imports.idle();
      await scheduler.stop();
      await attendance.stop();
      await retention.stop();
      await privacy.accessLog.idle();
      await store.close();
    },
  };
}
