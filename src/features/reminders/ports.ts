import type { Events } from '../../kernel/events';
import type { BasePorts } from '../ports';
import type { ActivityRepository } from '../activities';
import type { DirectoryRepository } from '../people';
import type { Scheduler } from './scheduler';
import type { SurveyRepository } from '../surveys';
import type { FeatureTurn } from '../../platform/teams/actionTypes';

/** What the reminders feature needs from outside it; compose.ts builds it, nothing else. */
export interface ReminderPorts extends BasePorts {
  /** Activities and their seat lists. */
  activities: ActivityRepository;
  /** People, organisations and roles. */
  directory: DirectoryRepository;
  /** Reminders, surveys and notices as durable jobs. */
  scheduler: Scheduler;
  /** What happened (seats changed, …), for whoever follows from it. */
  events: Events;
  /** Survey answers. */
  surveys: SurveyRepository;
}

/** A turn as this feature's code sees it. */
export type ReminderTurn = FeatureTurn<ReminderPorts>;
