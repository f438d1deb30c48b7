import type { BasePorts } from '../ports';
import type { DirectoryRepository } from './directory';
import type { FeatureTurn } from '../../platform/teams/actionTypes';

/** What the people feature needs from outside it; compose.ts builds it, nothing else. */
export interface PeoplePorts extends BasePorts {
  /** People, organisations and roles. */
  directory: DirectoryRepository;
}

/** A turn as this feature's code sees it. */
export type PeopleTurn = FeatureTurn<PeoplePorts>;
