// The attendance feature as other features see it: they import from here, never from its files (dependency-cruiser checks it).
export { importReport } from './importReport';
export type { ImportOutcome } from './importReport';
export { personKey } from './match';
export type { AttendanceServices } from './service';
