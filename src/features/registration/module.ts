import type { FeatureSpec } from '../../platform/teams/actionTypes';
import type { RegistrationPorts } from './ports';
import { registrationCommands } from './commands';
import { registrationHandlers } from './handlers';

export const registrationFeature: FeatureSpec<RegistrationPorts> = {
  name: 'registration',
  verbs: registrationHandlers,
  commands: registrationCommands,
};
