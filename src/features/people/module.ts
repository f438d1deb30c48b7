import type { FeatureModule } from '../../platform/teams/actionTypes';
import { languageCommands } from './language';

export const peopleModule: FeatureModule = {
  name: 'people',
  commands: languageCommands,
};
