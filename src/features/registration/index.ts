// The registration feature as other features see it: they import from here, never from its files (dependency-cruiser checks it).
export { cancel } from './cancel';
export { renderConfirmation } from './confirmation';
export { notifyPromoted } from './notify';
export { ScopeIdSchema } from './schemas';
export type { SeatCommitter } from './seatCommitter';
export { loadActivity, scopeFor } from './seatsOf';
