import type { FeatureModule } from '../../platform/teams/actionTypes';
import { roleCommands } from './commands';

export const roleModule: FeatureModule = {
  name: 'roles',
  commands: roleCommands,
};
