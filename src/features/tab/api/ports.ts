import type { BasePorts } from '../../ports';
import type { ActivityRepository } from '../../activities';
import type { AttendanceServices } from '../../attendance';
import type { DirectoryRepository } from '../../people';
import type { Scheduler } from '../../reminders';
import type { ReportServices } from '../../reports';
import type { SurveyRepository } from '../../surveys';
import type { Events } from '../../../kernel/events';
import type { SeatCommitter } from '../../registration';
import type { GroupServices } from '../../staff-teams';
import type { PrivacyServices } from '../../privacy';

/** What the tab's API needs: it shows a member's registrations and a coordinator's overview, and takes report uploads. */
export interface TabPorts extends BasePorts {
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
