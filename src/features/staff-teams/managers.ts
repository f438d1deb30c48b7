import type { Person } from '../../kernel/people';
import { viewerOf, type Viewer } from '../roles';
import type { StaffTeamPorts } from './ports';

/** Who may register others from which organisation: coordinators from any, managers from their grant's (src/features/roles). */
export type Registrar = Viewer;

/** Read from the stored person and manager grant only, never from card data. */
export async function registrarOf(ports: StaffTeamPorts, aadObjectId: string, person: Person | null): Promise<Registrar> {
  return viewerOf(ports.groups.roles, aadObjectId, person);
}

export function mayRegisterOthers(r: Registrar): boolean {
  return r.coordinator || r.managerOf !== null;
}

export function mayRegisterFrom(r: Registrar, organizationId: string): boolean {
  return r.coordinator || r.managerOf === organizationId;
}
