import type { FeatureSpec } from '../../platform/teams/actionTypes';
import type { StaffTeamPorts } from './ports';
import { teamCommands } from './commands';
import { teamHandlers } from './handlers';
import { identityStale, learnIdentity, mergeNewcomer } from './people';

export const staffTeamFeature: FeatureSpec<StaffTeamPorts> = {
  name: 'staff-teams',
  verbs: teamHandlers,
  coordinatorVerbs: ['team.settings.save'],
  commands: teamCommands,
  people: { newcomer: mergeNewcomer, stale: identityStale, learn: learnIdentity },
};
