import type { FeatureSpec } from '../../platform/teams/actionTypes';
import type { NetworkPorts } from './ports';
import { networkCommands } from './commands';
import { networkHandlers } from './handlers';

export const networkFeature: FeatureSpec<NetworkPorts> = {
  name: 'networks',
  verbs: networkHandlers,
  coordinatorVerbs: ['network.save', 'network.members.add', 'network.members.remove', 'network.import'],
  commands: networkCommands,
};
