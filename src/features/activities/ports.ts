import type { BasePorts } from '../ports';
import type { ActivityRepository } from './store';
import type { DirectoryRepository } from '../people';
import type { SeatCommitter } from '../registration';
import type { Scheduler } from '../reminders';
import type { Events } from '../../kernel/events';
import type { FeatureTurn } from '../../platform/teams/actionTypes';

/** What the activities feature needs from outside it; compose.ts builds it, nothing else. */
export interface ActivityPorts extends BasePorts {
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
  newId(): string;
  /** Signs links the bot hands out (calendar files, exports). */
  linkSecret: string;
}

/** A turn as this feature's code sees it. */
export type ActivityTurn = FeatureTurn<ActivityPorts>;

/** What showing an invitation needs: other features (registration, networks) show them too. */
export type InvitationPorts = Pick<ActivityPorts, 'activities' | 'now'>;
