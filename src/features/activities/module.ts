import type { FeatureModule } from '../../platform/teams/actionTypes';
import { activityCommands } from './commands';
import { activityHandlers } from './handlers';

export const activityModule: FeatureModule = {
  name: 'activities',
  verbs: activityHandlers,
  coordinatorVerbs: ['activity.form.addSession', 'activity.save', 'activity.edit', 'activity.preview', 'activity.publish'],
  commands: activityCommands,
};
