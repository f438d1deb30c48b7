// The reminders feature as other features see it: they import from here, never from its files (dependency-cruiser checks it).
export type { AudienceSource } from './planner';
export type { Scheduler } from './scheduler';
