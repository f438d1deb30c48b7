import type { BasePorts } from '../ports';
import type { ActivityRepository } from '../activities';
import type { DirectoryRepository } from '../people';
import type { GroupServices } from './service';
import type { Scheduler } from '../reminders';
import type { Events } from '../../kernel/events';
import type { SeatCommitter } from '../registration';
import type { PrivacyServices } from '../privacy';
import type { FeatureTurn } from '../../platform/teams/actionTypes';

/** What the staff teams feature needs from outside it; compose.ts builds it, nothing else. */
export interface StaffTeamPorts extends BasePorts {
  /** Activities and their seat lists. */
  activities: ActivityRepository;
  /** People, organisations and roles. */
  directory: DirectoryRepository;
  /** Teams of staff, networks and their rosters. */
  groups: GroupServices;
  /** Reminders, surveys and notices as durable jobs. */
  scheduler: Scheduler;
  /** What happened (seats changed, …), for whoever follows from it. */
  events: Events;
  /** The one writer of seat lists (batched, capacity-checked). */
  seats: SeatCommitter;
  /** Erasure, a person's own data, the access log. */
  privacy: PrivacyServices;
}

/** A turn as this feature's code sees it. */
export type StaffTeamTurn = FeatureTurn<StaffTeamPorts>;
