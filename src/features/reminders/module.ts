import type { FeatureModule } from '../../platform/teams/actionTypes';
import { schedulerCommands, schedulerHandlers } from './handlers';

export const reminderModule: FeatureModule = {
  name: 'reminders',
  verbs: schedulerHandlers,
  coordinatorVerbs: ['activity.reinvite', 'session.cancel'],
  commands: schedulerCommands,
};
