import type { FeatureSpec } from '../../platform/teams/actionTypes';
import type { ActivityPorts } from './ports';
import { activityCommands } from './commands';
import { activityHandlers } from './handlers';

export const activityFeature: FeatureSpec<ActivityPorts> = {
  name: 'activities',
  verbs: activityHandlers,
  coordinatorVerbs: ['activity.form.addSession', 'activity.save', 'activity.edit', 'activity.preview', 'activity.publish'],
  commands: activityCommands,
};
