import type { BasePorts } from '../ports';
import type { ActivityRepository } from '../activities';
import type { DirectoryRepository } from '../people';
import type { ReportServices } from './service';
import type { GroupServices } from '../staff-teams';
import type { FeatureTurn } from '../../platform/teams/actionTypes';

/** What the reports feature needs from outside it; compose.ts builds it, nothing else. */
export interface ReportPorts extends BasePorts {
  /** Activities and their seat lists. */
  activities: ActivityRepository;
  /** People, organisations and roles. */
  directory: DirectoryRepository;
  /** Who attended, who registered, statistics, exports; roles. */
  reports: ReportServices;
  /** Teams of staff, networks and their rosters. */
  groups: GroupServices;
  /** Signs links the bot hands out (calendar files, exports). */
  linkSecret: string;
}

/** A turn as this feature's code sees it. */
export type ReportTurn = FeatureTurn<ReportPorts>;
