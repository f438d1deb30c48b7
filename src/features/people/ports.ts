import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { DirectoryRepository } from './directory';
import type { FeatureTurn } from '../../platform/teams/actionTypes';

/** What the people feature needs from outside it; compose.ts builds it, nothing else. */
export interface PeoplePorts {
  config: Config;
  log: Logger;
  now(): Date;
  /** People, organisations and roles. */
  directory: DirectoryRepository;
}

/** A turn as this feature's code sees it. */
export type PeopleTurn = FeatureTurn<PeoplePorts>;
