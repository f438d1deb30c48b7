import type { FeatureModule } from '../../platform/teams/actionTypes';
import { reportCommands, reportHandlers } from './commands';

export const reportModule: FeatureModule = {
  name: 'reports',
  verbs: reportHandlers,
  commands: reportCommands,
};
