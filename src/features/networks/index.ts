// The networks feature as other features see it: they import from here, never from its files (dependency-cruiser checks it).
export type { MemberImports } from './importMembers';
export type { AbsenceRepository, NetworkRepository } from './store';
