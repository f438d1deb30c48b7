import type { TokenCredentialOptions } from '@azure/identity';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createAttendance } from './features/attendance/wire';
import { botAuthentication } from './platform/http/auth/botAuthentication';
import { RequestAuthenticator } from './platform/http/auth/requestAuthenticator';
import type { Config } from './config';
import { BotHttpAdapter } from './platform/http/adapter';
import { icsRoute } from './features/activities/icsRoute';
import { createReports, reportRoutes } from './features/reports/service';
import { presentReport } from './features/reports/present';
import { createHttpServer } from './platform/http/server';
import { tabRoutes } from './features/tab/api';
import { ConnectorClient, connectorToken } from './platform/outbox/connector';
import { ConnectorDelivery } from './platform/outbox/delivery';
import { Dispatcher } from './platform/outbox/dispatcher';
import { JobRepository } from './platform/outbox/jobs';
import { MessageRenderer } from './features/reminders/messages';
import { TEAMS_LIMITS } from './platform/outbox/pacer';
import { Planner } from './features/reminders/planner';
import { Scheduler } from './features/reminders/scheduler';
import { SurveyRepository } from './features/surveys/store';
import { ActivityRepository } from './features/activities/store';
import { ConversationRepository } from './platform/teams/conversations';
import { openStore, type Store } from './platform/cosmos/client';
import { DirectoryRepository } from './features/people/directory';
import { SeatCommitter } from './features/registration/seatCommitter';
import { defaultOrganizations } from './features/people/seed';
import { TraffpunktBot } from './platform/teams/bot';
import { Router } from './platform/teams/router';
import { features } from './features';
import { createGroupServices } from './features/staff-teams/service';
import { GroupAudience } from './features/networks/audience';
import { createNetworkServices } from './features/networks/services';
import type { AttendanceServices } from './features/attendance/service';
import type { GroupServices } from './features/staff-teams/service';
import type { PrivacyServices } from './features/privacy/service';
import type { ReportServices } from './features/reports/service';
import { PostedInvitationSync } from './features/activities/invitationSync';
import { afterCancelled } from './features/staff-teams/behalf';
import { createPrivacy } from './features/privacy/service';
import { privacyRoutes } from './features/privacy/routes';
import { RetentionPurge } from './features/privacy/retention';
import { Proactive } from './platform/teams/proactive';
import { Messenger } from './platform/teams/messenger';
import { Events } from './kernel/events';
import { answerFailedTurns } from './platform/teams/turnError';

export interface App {
  url: string;
  store: Store;
  scheduler: Scheduler;
  invitations: PostedInvitationSync;
  // What tests and benchmarks reach into (the records behind the bot); the bot itself is reached over HTTP.
  activities: ActivityRepository;
  directory: DirectoryRepository;
  conversations: ConversationRepository;
  groups: GroupServices;
  privacy: PrivacyServices;
  attendance: AttendanceServices;
  reports: ReportServices;
  seats: SeatCommitter;
  retention: RetentionPurge;
  linkSecret: string;
  close(): Promise<void>;
}

export interface AppOptions {
  now?: () => Date;
  /** Plan every this many ms (tests plan by hand with scheduler.planNow()). */
  planEveryMs?: number;
  /** For the Graph credential's token requests (tests: trust a local fake's certificate). */
  graphCredentialOptions?: TokenCredentialOptions;
}

/**
 * Composition root, one pass: config → store → repositories → the outbox and scheduler → each
 * feature's ports → the features bound to them → router and bot → HTTP server.
 */
export async function startApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  const now = options.now ?? (() => new Date());
  const newId = () => randomUUID();
  const store = await openStore(config, logger);
  const directory = new DirectoryRepository(store.container('directory'));
  await directory.seedOrganizations(defaultOrganizations());
  for (const id of config.COORDINATORS) await directory.grantRole(id, 'coordinator');

  const botAuth = botAuthentication(config);
  const adapter = new BotHttpAdapter(botAuth);
  const proactive = new Proactive(adapter, config);
  const messenger = new Messenger(proactive);
  const activities = new ActivityRepository(store.container('activities'));
  const conversations = new ConversationRepository(store.container('conversations'));
  const surveys = new SurveyRepository(store.container('activities'));
  const jobs = new JobRepository(store.container('jobs'), now);
  const seats = new SeatCommitter(activities, logger.child({ component: 'seats' }), now);
  const linkSecret = config.LINK_SECRET ?? randomBytes(32).toString('base64url');
  const schedulerLog = logger.child({ component: 'scheduler' });
  const log = (feature: string) => logger.child({ component: feature });

  // privacy: erasure, own data, access log; the renderer skips erased recipients.
  const privacy = createPrivacy({ config, store, activities, directory, linkSecret, log: log('privacy'), now });
  const retention = new RetentionPurge({ store, activities, accessLog: privacy.accessLog, config, log: log('retention'), now });
  // Teams, networks and rosters; their audience (rosters, principals) is reminded too.
  const groups = createGroupServices({
    activities: store.container('activities'),
    directory: store.container('directory'),
    directoryRepository: directory,
    networks: createNetworkServices(store.container('directory'), store.container('activities')),
  });
  const audience = new GroupAudience(groups, config.DEFAULT_LOCALE);
  const attendance = createAttendance({
    config,
    log: log('attendance'),
    now,
    activityRepository: activities,
    directoryRepository: directory,
    activities: store.container('activities'),
    meetings: store.container('meetings'),
    directory: store.container('directory'),
    ...(options.graphCredentialOptions ? { graphCredentialOptions: options.graphCredentialOptions } : {}),
  });
  // This server's own address, known once it listens; export links use it without PUBLIC_URL.
  const selfUrl = { value: '' };
  const reports = createReports({
    activities: store.container('activities'),
    directoryContainer: store.container('directory'),
    directory,
    log: log('reports'),
    baseUrl: () => config.PUBLIC_URL ?? selfUrl.value,
    // Every read of others' records is also written to the access log (ids only).
    recordAccess: (e) => privacy.accessLog.record(e),
  });

  const dispatcher = new Dispatcher(
    jobs,
    new MessageRenderer({ activities, directory, surveys, linkSecret, now, audience, erased: privacy.erased, ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}) }),
    new ConnectorDelivery(new ConnectorClient(connectorToken(config)), conversations, directory, config.MicrosoftAppId ?? 'traffpunkt', schedulerLog),
    schedulerLog,
    { limits: { ...TEAMS_LIMITS, globalPerSecond: config.SEND_RATE_PER_SECOND }, leaseMs: config.SCHEDULER_LEASE_MS, now: () => now().getTime() },
  );
  const planner = new Planner({ activities, directory, jobs, attendance, audience, defaultLang: config.DEFAULT_LOCALE, log: schedulerLog, now });
  const scheduler = new Scheduler(jobs, dispatcher, planner, schedulerLog, options.planEveryMs);

  const events = new Events((name, err) => logger.error({ err, event: name }, 'event listener failed'));
  const invitations = new PostedInvitationSync({ activities, now }, messenger, log('invitations'));
  // Posted invitation cards follow their seat lists.
  events.on('seatsChanged', ({ activityId }) => invitations.changed(activityId));
  // A cancel anywhere: the team's history and the registrar's notice (staff teams).
  events.on('registrationCancelled', (e) => afterCancelled({ config, now, directory, groups, scheduler }, e));

  const base = { config, now };
  // The reports feature's ports serve its chat commands and its download route alike.
  const reportPorts = { ...base, log: log('reports'), activities, directory, reports, groups, linkSecret };
  const router = new Router(
    features({
      activities: { ...base, log: log('activities'), activities, directory, seats, scheduler, events, newId, linkSecret },
      registration: { ...base, log: log('registration'), activities, directory, seats, scheduler, events },
      attendance: attendance.ports,
      reminders: { ...base, log: log('reminders'), activities, directory, scheduler, surveys, events },
      reports: reportPorts,
      roles: { ...base, log: log('roles'), directory, reports, presentReport },
      staffTeams: { ...base, log: log('staff-teams'), activities, directory, groups, scheduler, events, seats, privacy },
      networks: { ...base, log: log('networks'), newId, activities, directory, groups, scheduler, privacy, seats, events },
      privacy: { ...base, log: log('privacy'), activities, directory, privacy, retention, reports, seats, events, scheduler },
      people: { ...base, log: log('people'), directory },
    }),
    log('router'),
  );

  answerFailedTurns(adapter, logger, config.DEFAULT_LOCALE);

  const bot = new TraffpunktBot({ config, log: log('bot'), now, conversations, people: directory }, router, messenger);
  const httpLog = log('http');
  const auth = new RequestAuthenticator(botAuth, { appId: config.MicrosoftAppId, timeoutMs: config.AUTH_TIMEOUT_MS, log: httpLog });
  const tab = { ...base, log: log('tab'), linkSecret, activities, directory, scheduler, surveys, attendance: attendance.ports.attendance, reports, seats, events, groups, privacy };
  const http = createHttpServer({
    adapter,
    bot,
    store,
    auth,
    log: httpLog,
    routes: (server) => [icsRoute({ activities, linkSecret, now }), reportRoutes(reportPorts), tabRoutes(tab), privacyRoutes(privacy)].forEach((route) => route(server)),
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
    store,
    scheduler,
    invitations,
    activities,
    directory,
    conversations,
    groups,
    privacy,
    attendance: attendance.ports.attendance,
    reports,
    seats,
    retention,
    linkSecret,
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
