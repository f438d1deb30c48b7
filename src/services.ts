import type { Logger } from 'pino';
import type { Config } from './config';
import type { ActivityRepository } from './features/activities/store';
import type { ConversationRepository } from './platform/teams/conversations';
import type { DirectoryRepository } from './features/people/directory';
import type { SeatCommitter } from './features/registration/seatCommitter';
import type { Scheduler } from './features/reminders/scheduler';
import type { SurveyRepository } from './features/surveys/store';
import type { Lang } from './platform/i18n';
import type { Events } from './kernel/events';
import type { AttendanceServices } from './features/attendance/service';
import type { ReportServices } from './features/reports/service';
import type { GroupServices } from './features/staff-teams/service';
import type { PrivacyServices } from './features/privacy/service';

/** What the feature functions need, handed in by the composition root (src/compose.ts). */
export interface Services {
  config: Config;
  log: Logger;
  activities: ActivityRepository;
  directory: DirectoryRepository;
  conversations: ConversationRepository;
  seats: SeatCommitter;
  scheduler: Scheduler;
  surveys: SurveyRepository;
  /** What happened (seats changed, …), for whoever follows from it. */
  events: Events;
  now(): Date;
  newId(): string;
  /** Signs links the bot hands out (calendar files). */
  linkSecret: string;
  /** Meeting events, check-in, report import, Graph and marking (src/features/attendance). */
  attendance: AttendanceServices;
  /** Teams, networks and rosters (src/features/staff-teams, src/features/networks). */
  groups: GroupServices;
  /** Who attended, who registered, statistics, exports; roles decide who sees what (src/features/reports, src/features/roles). */
  reports: ReportServices;
  /** Erasure, a person's own data, the access log, retention (src/features/privacy). */
  privacy: PrivacyServices;
}

/** The person behind a turn, from the activity Teams sent, never from card data. */
export interface Actor {
  aadObjectId: string;
  mri: string;
  name: string;
  tenantId?: string;
  serviceUrl: string;
  lang: Lang;
}
