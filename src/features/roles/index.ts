// The roles feature as other features see it: they import from here, never from its files (dependency-cruiser checks it).
export { RoleRepository } from './grants';
export { aadIdOf, mentionsIn } from './mentions';
export { viewerOf } from './viewer';
export type { Viewer } from './viewer';
