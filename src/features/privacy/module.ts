import type { FeatureModule } from '../../platform/teams/actionTypes';
import { privacyCommands, privacyHandlers } from './commands';

export const privacyModule: FeatureModule = {
  name: 'privacy',
  verbs: privacyHandlers,
  commands: privacyCommands,
};
