import type { FeatureSpec } from '../../platform/teams/actionTypes';
import type { PrivacyPorts } from './ports';
import { privacyCommands, privacyHandlers } from './commands';

export const privacyFeature: FeatureSpec<PrivacyPorts> = {
  name: 'privacy',
  verbs: privacyHandlers,
  commands: privacyCommands,
};
