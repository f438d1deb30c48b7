import type { FeatureSpec } from '../../platform/teams/actionTypes';
import type { PeoplePorts } from './ports';
import { languageCommands } from './language';

export const peopleFeature: FeatureSpec<PeoplePorts> = {
  name: 'people',
  commands: languageCommands,
};
