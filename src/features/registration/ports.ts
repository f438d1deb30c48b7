import type { BasePorts } from '../ports';
import type { ActivityRepository } from '../activities';
import type { DirectoryRepository } from '../people';
import type { SeatCommitter } from './seatCommitter';
import type { Scheduler } from '../reminders';
import type { Events } from '../../kernel/events';
import type { FeatureTurn } from '../../platform/teams/actionTypes';

/** What the registration feature needs from outside it; compose.ts builds it, nothing else. */
export interface RegistrationPorts extends BasePorts {
  /** Activities and their seat lists. */
  activities: ActivityRepository;
  /** People, organisations and roles. */
  directory: DirectoryRepository;
  /** The one writer of seat lists (batched, capacity-checked). */
  seats: SeatCommitter;
  /** Reminders, surveys and notices as durable jobs. */
  scheduler: Scheduler;
  /** What happened (seats changed, …), for whoever follows from it. */
  events: Events;
}

/** A turn as this feature's code sees it. */
export type RegistrationTurn = FeatureTurn<RegistrationPorts>;
