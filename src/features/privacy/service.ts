import type { Logger } from 'pino';
import type { Config } from '../../config';
import { LinkUses } from '../reports';
import type { ActivityRepository } from '../activities';
import type { Store } from '../../platform/cosmos/client';
import type { DirectoryRepository } from '../people';
import { AccessLog } from './accessLog';
import { legacyErasureId } from './anonymize';
import { bare, createOnce, read, rewrite } from './docs';
import { Eraser } from './erase';
import { collectMyData, type MyData } from './myData';
import { erasureId, PrivacySalt } from './salt';

/** Erasure, a person's own data, the access log; made in src/compose.ts. */
export interface PrivacyServices {
  eraser: Eraser;
  accessLog: AccessLog;
  directory: DirectoryRepository;
  linkSecret: string;
  /** Which my-data links were used (each opens once). */
  linkUses: LinkUses;
  log: Logger;
  now: () => Date;
  myData(userId: string): Promise<MyData>;
  /** Whether jobs to this user must not go out: an anonymous stand-in, or someone erased who has not come back. */
  erased: (userId: string) => Promise<boolean>;
}

export function createPrivacy(input: {
  config: Config;
  store: Pick<Store, 'container'>;
  activities: ActivityRepository;
  directory: DirectoryRepository;
  linkSecret: string;
  log: Logger;
  now: () => Date;
}): PrivacyServices {
  const directoryContainer = input.store.container('directory');
  const salt = new PrivacySalt(directoryContainer);
  /** Whether a tombstone exists; one under the old unsalted id is moved to the salted id first. */
  const tombstone = async (userId: string): Promise<boolean> => {
    const tomb = erasureId(await salt.get(), userId);
    if (await read(directoryContainer, 'directory', tomb, tomb)) return true;
    const legacy = legacyErasureId(userId);
    const old = await read(directoryContainer, 'directory', legacy, legacy);
    if (!old) return false;
    await createOnce(directoryContainer, { ...bare(old.doc), id: tomb, pk: tomb });
    await rewrite(directoryContainer, old, null);
    return true;
  };
  return {
    eraser: new Eraser(input.store, input.log, salt),
    accessLog: new AccessLog(directoryContainer, { now: input.now, retentionMonths: input.config.ACCESS_LOG_RETENTION_MONTHS, log: input.log }),
    directory: input.directory,
    linkSecret: input.linkSecret,
    linkUses: new LinkUses(directoryContainer),
    log: input.log,
    now: input.now,
    myData: (userId) => collectMyData({ store: input.store, activities: input.activities, directory: input.directory, now: input.now }, userId),
    erased: async (userId) => {
      if (userId.startsWith('anon-')) return true;
      if (!(await tombstone(userId))) return false;
      return !(await input.directory.person(userId));
    },
  };
}
