import type { Container } from '@azure/cosmos';
import type { AbsenceRepository, MemberImports, NetworkRepository } from '../networks';
import { RoleRepository } from '../roles';
import type { DirectoryRepository } from '../people';
import { TeamRepository } from './store';

export interface MemberImportOptions {
  pageSize: number;
  /** Pause between page requests, so an import never runs at Teams' rate limit. */
  pauseMs: number;
  /** First back-off after a 429 without Retry-After; doubles, with jitter. */
  backoffMs: number;
  /** Longest wait honoured (a larger Retry-After ends the import with what it has). */
  maxWaitMs: number;
  maxRetries: number;
}

/** Teams, networks and rosters (src/features/staff-teams, src/features/networks); made in src/compose.ts. */
export interface GroupServices {
  teams: TeamRepository;
  networks: NetworkRepository;
  absences: AbsenceRepository;
  /** Manager grants (src/features/roles): which organisation a coordinator made someone manager of. */
  roles: RoleRepository;
  /** Roster imports from Teams, running after the turn that started them. */
  imports: MemberImports;
  memberImport: MemberImportOptions;
}

const DEFAULT_MEMBER_IMPORT: MemberImportOptions = { pageSize: 200, pauseMs: 250, backoffMs: 1000, maxWaitMs: 30_000, maxRetries: 5 };

/** The staff teams' own repositories, with the networks' (made by src/features/networks, handed in by compose.ts). */
export function createGroupServices(input: {
  activities: Container;
  directory: Container;
  directoryRepository: DirectoryRepository;
  networks: Pick<GroupServices, 'networks' | 'absences' | 'imports'>;
  memberImport?: Partial<MemberImportOptions>;
}): GroupServices {
  return {
    teams: new TeamRepository(input.activities),
    ...input.networks,
    roles: new RoleRepository(input.directory, input.directoryRepository),
    memberImport: { ...DEFAULT_MEMBER_IMPORT, ...input.memberImport },
  };
}
