import type { BasePorts } from '../ports';
import type { DirectoryRepository } from '../people';
import type { ReportServices, presentReport } from '../reports';
import type { FeatureTurn } from '../../platform/teams/actionTypes';

/** What the roles feature needs from outside it; compose.ts builds it, nothing else. */
export interface RolePorts extends BasePorts {
  /** People, organisations and roles. */
  directory: DirectoryRepository;
  /** Who attended, who registered, statistics, exports; roles. */
  reports: ReportServices;
  /** Shows a table as the reports feature shows its figures (handed in, so roles does not load reports). */
  presentReport: typeof presentReport;
}

/** A turn as this feature's code sees it. */
export type RoleTurn = FeatureTurn<RolePorts>;
