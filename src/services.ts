import type { Logger } from 'pino';
import type { Config } from './config';
import type { ActivityRepository } from './store/activities';
import type { ConversationRepository } from './store/conversations';
import type { DirectoryRepository } from './store/directory';
import type { SeatCommitter } from './store/seatCommitter';
import type { Outbox } from './scheduler/outbox';
import type { Lang } from './i18n';

/** Keeps invitation cards that were posted in channels and chats in step with the seat lists. */
export interface InvitationSync {
  changed(activityId: string): void;
}

/** What the feature functions need, handed in by the composition root (src/app.ts). */
export interface Services {
  config: Config;
  log: Logger;
  activities: ActivityRepository;
  directory: DirectoryRepository;
  conversations: ConversationRepository;
  seats: SeatCommitter;
  outbox: Outbox;
  invitations: InvitationSync;
  now(): Date;
  newId(): string;
}

/** The person behind a turn, from the activity Teams sent, never from card data. */
export interface Actor {
  aadObjectId: string;
  mri: string;
  name: string;
  tenantId?: string;
  serviceUrl: string;
  lang: Lang;
}
