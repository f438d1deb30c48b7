import type { BasePorts } from '../ports';
import type { ActivityRepository } from '../activities';
import type { SurveyRepository } from './store';
import type { Scheduler } from '../reminders';

/** What the surveys feature needs from outside it; compose.ts builds it, nothing else. */
export interface SurveyPorts extends BasePorts {
  /** Activities and their seat lists. */
  activities: ActivityRepository;
  /** Survey answers. */
  surveys: SurveyRepository;
  /** Reminders, surveys and notices as durable jobs. */
  scheduler: Scheduler;
}
