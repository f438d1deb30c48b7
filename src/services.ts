import type { Logger } from 'pino';
import type { Config } from './config';
import type { ActivityRepository } from './store/activities';
import type { ConversationRepository } from './store/conversations';
import type { DirectoryRepository } from './store/directory';
import type { SeatCommitter } from './store/seatCommitter';
import type { Scheduler } from './scheduler/scheduler';
import type { SurveyRepository } from './store/surveys';
import type { Lang } from './i18n';
import type { AttendanceServices } from './attendance/service';
import type { ReportServices } from './reports/service';
import type { GroupServices } from './teams-registration/service';
import type { PrivacyServices } from './privacy/service';

/** Keeps invitation cards that were posted in channels and chats in step with the seat lists. */
export interface InvitationSync {
  changed(activityId: string): void;
}

/** What the feature functions need, handed in by the composition root (src/app.ts). */
export interface Services {
  config: Config;
  log: Logger;
  activities: ActivityRepository;
  directory: DirectoryRepository;
  conversations: ConversationRepository;
  seats: SeatCommitter;
  scheduler: Scheduler;
  surveys: SurveyRepository;
  invitations: InvitationSync;
  now(): Date;
  newId(): string;
  /** Signs links the bot hands out (calendar files). */
  linkSecret: string;
  /** Meeting events, check-in, report import, Graph and marking (src/attendance). */
  attendance?: AttendanceServices;
  /** Teams, networks and rosters (src/teams-registration, src/networks). */
  groups?: GroupServices;
  /** Who attended, who registered, statistics, exports; roles decide who sees what (src/reports, src/roles). */
  reports?: ReportServices;
  /** Erasure, a person's own data, the access log, retention (src/privacy). */
  privacy?: PrivacyServices;
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
