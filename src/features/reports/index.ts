// The reports feature as other features see it: they import from here, never from its files (dependency-cruiser checks it).
export { readRecords } from './access';
export type { AccessEvent, Scope } from './access';
export { csvSafeText } from './exportFiles';
export { mintExportToken, tokenUseId, verifyExportToken } from './exportToken';
export { refuseLink } from './linkPage';
export { LinkUses } from './linkUses';
export { dateOf, termLabel, touchesPeriod } from './periods';
export type { presentReport } from './present';
export { parsePeriod } from './question';
export type { Period } from './question';
export type { ActivityRecords } from './records';
export { findActivities } from './resolve';
export { exportPath } from './routes';
export { reportDeps } from './service';
export type { ReportServices } from './service';
export { countByOrganization, participationOf, perSession } from './stats';
