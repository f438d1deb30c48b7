import type { Services } from '../../services';
import type { GroupServices } from './service';

/** Teams, networks and rosters from the services (made by createGroupServices in ./service.ts). */
export function groupsOf(svc: Services): GroupServices {
  if (!svc.groups) throw new Error('teams and networks are not wired (src/compose.ts)');
  return svc.groups;
}
