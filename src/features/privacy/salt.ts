import type { Container } from '@azure/cosmos';
import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { createOnce, read } from './docs';

// The secret salt erasure tombstones are keyed with, so a list of user ids does not tell who
// was erased (an unsalted hash of an id is a lookup table away). One document in the
// directory: the first instance to need it creates it, every instance reads the same one.

const SALT_ID = 'privacy-salt';
const SaltSchema = z.object({ salt: z.string().regex(/^[0-9a-f]{64}$/) });

export class PrivacySalt {
  private cached: Promise<string> | undefined;

  constructor(private readonly directory: Container) {}

  get(): Promise<string> {
    this.cached ??= this.load().catch((err: unknown) => {
      // Not cached on failure: the next call tries the store again.
      this.cached = undefined;
      throw err;
    });
    return this.cached;
  }

  private async load(): Promise<string> {
    await createOnce(this.directory, { id: SALT_ID, pk: SALT_ID, type: 'privacySalt', salt: randomBytes(32).toString('hex') });
    const found = SaltSchema.safeParse((await read(this.directory, 'directory', SALT_ID, SALT_ID))?.doc);
    if (!found.success) throw new Error('privacy salt missing or malformed');
    return found.data.salt;
  }
}

/** The tombstone's id for a user id: keyed with the salt. */
export function erasureId(salt: string, userId: string): string {
  return `erased-${createHmac('sha256', salt).update(`erasure:${userId.toLowerCase()}`).digest('hex').slice(0, 40)}`;
}
