import type { BasePorts } from '../ports';
import type { ActivityRepository } from '../activities';
import type { DirectoryRepository } from '../people';
import type { AttendanceServices } from './service';
import type { FeatureTurn } from '../../platform/teams/actionTypes';

/** What the attendance feature needs from outside it; compose.ts builds it, nothing else. */
export interface AttendancePorts extends BasePorts {
  /** Activities and their seat lists. */
  activities: ActivityRepository;
  /** People, organisations and roles. */
  directory: DirectoryRepository;
  /** Meeting links, attendance records, the report import and Graph. */
  attendance: AttendanceServices;
}

/** A turn as this feature's code sees it. */
export type AttendanceTurn = FeatureTurn<AttendancePorts>;
