import type { FeatureSpec } from '../../platform/teams/actionTypes';
import type { ReminderPorts } from './ports';
import { schedulerCommands, schedulerHandlers } from './handlers';

export const reminderFeature: FeatureSpec<ReminderPorts> = {
  name: 'reminders',
  verbs: schedulerHandlers,
  coordinatorVerbs: ['activity.reinvite', 'session.cancel'],
  commands: schedulerCommands,
};
