import type { BasePorts } from '../ports';
import type { ActivityRepository } from '../activities';
import type { DirectoryRepository } from '../people';
import type { GroupServices } from '../staff-teams';
import type { Scheduler } from '../reminders';
import type { PrivacyServices } from '../privacy';
import type { SeatCommitter } from '../registration';
import type { Events } from '../../kernel/events';
import type { FeatureTurn } from '../../platform/teams/actionTypes';

/** What the networks feature needs from outside it; compose.ts builds it, nothing else. */
export interface NetworkPorts extends BasePorts {
  newId(): string;
  /** Activities and their seat lists. */
  activities: ActivityRepository;
  /** People, organisations and roles. */
  directory: DirectoryRepository;
  /** Teams of staff, networks and their rosters. */
  groups: GroupServices;
  /** Reminders, surveys and notices as durable jobs. */
  scheduler: Scheduler;
  /** Erasure, a person's own data, the access log. */
  privacy: PrivacyServices;
  /** The one writer of seat lists (batched, capacity-checked). */
  seats: SeatCommitter;
  /** What happened (seats changed, …), for whoever follows from it. */
  events: Events;
}

/** A turn as this feature's code sees it. */
export type NetworkTurn = FeatureTurn<NetworkPorts>;
