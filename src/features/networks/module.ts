import type { FeatureModule } from '../../platform/teams/actionTypes';
import { networkCommands } from './commands';
import { networkHandlers } from './handlers';

export const networkModule: FeatureModule = {
  name: 'networks',
  verbs: networkHandlers,
  coordinatorVerbs: ['network.save', 'network.members.add', 'network.members.remove', 'network.import'],
  commands: networkCommands,
};
