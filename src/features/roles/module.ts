import type { FeatureSpec } from '../../platform/teams/actionTypes';
import type { RolePorts } from './ports';
import { roleCommands } from './commands';

export const roleFeature: FeatureSpec<RolePorts> = {
  name: 'roles',
  commands: roleCommands,
};
