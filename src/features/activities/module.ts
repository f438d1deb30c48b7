import type { FeatureModule } from '../../platform/teams/actionTypes';
import { activityCommands } from './commands';
import { activityHandlers } from './handlers';

export const activityModule: FeatureModule = {
  name: 'activities',
  verbs: activityHandlers,
  commands: activityCommands,
};
