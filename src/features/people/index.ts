// The people feature as other features see it: they import from here, never from its files (dependency-cruiser checks it).
export { DirectoryRepository } from './directory';
export { defaultOrganizations } from './seed';
