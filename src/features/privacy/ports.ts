import type { BasePorts } from '../ports';
import type { ActivityRepository } from '../activities';
import type { DirectoryRepository } from '../people';
import type { PrivacyServices } from './service';
import type { RetentionPurge } from './retention';
import type { ReportServices } from '../reports';
import type { SeatCommitter } from '../registration';
import type { Events } from '../../kernel/events';
import type { Scheduler } from '../reminders';
import type { FeatureTurn } from '../../platform/teams/actionTypes';

/** What the privacy feature needs from outside it; compose.ts builds it, nothing else. */
export interface PrivacyPorts extends BasePorts {
  /** Activities and their seat lists. */
  activities: ActivityRepository;
  /** People, organisations and roles. */
  directory: DirectoryRepository;
  /** Erasure, a person's own data, the access log. */
  privacy: PrivacyServices;
  /** When each activity's personal data goes (the purge itself runs on its own timer). */
  retention: Pick<RetentionPurge, 'schedule'>;
  /** Who attended, who registered, statistics, exports; roles. */
  reports: ReportServices;
  /** The one writer of seat lists (batched, capacity-checked). */
  seats: SeatCommitter;
  /** What happened (seats changed, …), for whoever follows from it. */
  events: Events;
  /** Reminders, surveys and notices as durable jobs. */
  scheduler: Scheduler;
}

/** A turn as this feature's code sees it. */
export type PrivacyTurn = FeatureTurn<PrivacyPorts>;
