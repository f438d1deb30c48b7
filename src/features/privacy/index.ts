// The privacy feature as other features see it: they import from here, never from its files (dependency-cruiser checks it).
export type { PrivacyServices } from './service';
