// The staff-teams feature as other features see it: they import from here, never from its files (dependency-cruiser checks it).
export { peopleFromForm } from './check';
export { answerCommand, refusing } from './handlers';
export { registrarOf } from './managers';
export type { Registrar } from './managers';
export { scopeSpan } from './notices';
export { linkEmail, persistPeople } from './people';
export { NoticeRefSchema } from './schemas';
export type { GroupServices, MemberImportOptions } from './service';
export { answerKickoff } from './teamNotices';
export type { Choice } from './views';
