import type { Container } from '@azure/cosmos';
import { MemberImports } from './importMembers';
import { AbsenceRepository, NetworkRepository } from './store';

/** The networks' repositories and the roster import, for the staff teams' services (compose.ts). */
export function createNetworkServices(directory: Container, activities: Container): { networks: NetworkRepository; absences: AbsenceRepository; imports: MemberImports } {
  return { networks: new NetworkRepository(directory), absences: new AbsenceRepository(activities), imports: new MemberImports() };
}
