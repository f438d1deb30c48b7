import type { FeatureModule } from '../../platform/teams/actionTypes';
import { teamCommands } from './commands';
import { teamHandlers } from './handlers';
import { identityStale, learnIdentity, mergeNewcomer } from './people';

export const staffTeamModule: FeatureModule = {
  name: 'staff-teams',
  verbs: teamHandlers,
  coordinatorVerbs: ['team.settings.save'],
  commands: teamCommands,
  people: { newcomer: mergeNewcomer, stale: identityStale, learn: learnIdentity },
};
