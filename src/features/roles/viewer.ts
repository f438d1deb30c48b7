import type { Person } from '../../kernel/people';
import type { RoleRepository } from './grants';

/** Who is asking, and what their stored roles let them see. Built from the turn's stored person only. */
export interface Viewer {
  aadObjectId: string;
  coordinator: boolean;
  /** The organisation a coordinator linked this manager to, or null. */
  managerOf: string | null;
}

export async function viewerOf(roles: Pick<RoleRepository, 'managerGrant'>, aadObjectId: string, person: Person | null): Promise<Viewer> {
  const coordinator = !!person?.roles.includes('coordinator');
  let managerOf: string | null = null;
  if (person?.roles.includes('manager')) managerOf = (await roles.managerGrant(aadObjectId))?.organizationId ?? null;
  return { aadObjectId, coordinator, managerOf };
}
