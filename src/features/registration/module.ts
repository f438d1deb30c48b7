import type { FeatureModule } from '../../platform/teams/actionTypes';
import { registrationCommands } from './commands';
import { registrationHandlers } from './handlers';

export const registrationModule: FeatureModule = {
  name: 'registration',
  verbs: registrationHandlers,
  commands: registrationCommands,
};
