import type { Logger } from 'pino';
import type { Config } from '../../../config';
import type { ActivityRepository } from '../../activities/store';
import type { AttendanceServices } from '../../attendance/service';
import type { DirectoryRepository } from '../../people/directory';
import type { Scheduler } from '../../reminders/scheduler';
import type { ReportServices } from '../../reports/service';
import type { SurveyRepository } from '../../surveys/store';
import type { Events } from '../../../kernel/events';
import type { SeatCommitter } from '../../registration/seatCommitter';
import type { GroupServices } from '../../staff-teams/service';
import type { PrivacyServices } from '../../privacy/service';

/** What the tab's API needs: it shows a member's registrations and a coordinator's overview, and takes report uploads. */
export interface TabPorts {
  config: Config;
  log: Logger;
  now(): Date;
  /** Signs links the tab hands out (calendar files, exports). */
  linkSecret: string;
  activities: ActivityRepository;
  directory: DirectoryRepository;
  scheduler: Scheduler;
  surveys: SurveyRepository;
  attendance: AttendanceServices;
  reports: ReportServices;
  // A cancel in the tab is the same cancel as in chat: seats, the registrar told, team history.
  seats: SeatCommitter;
  events: Events;
  groups: GroupServices;
  privacy: PrivacyServices;
}
