import type { Unparsed } from '../../platform/cosmos/docs';
import type { Container } from '@azure/cosmos';
import { isConflict, isNotFound } from '../../platform/cosmos/errors';

// Single use of a download link, across instances: the first download creates a record under
// the token's deterministic id (exportToken.ts tokenUseId), and Cosmos refuses a second create
// of that id (409), so of two instances racing, exactly one serves the file. The record holds
// no person, only when; Azure's TTL removes it, and the retention run purges it everywhere
// (the embedded store has no TTL) once its token has expired.

// Kept a while past the token's expiry, so a clock a little behind on another instance
// still finds the record.
const KEEP_AFTER_EXPIRY_MS = 60 * 60_000;

export type UseOutcome = 'first' | 'again';

export class LinkUses {
  /** In the directory container (defaultTtl -1: items with a `ttl` expire). */
  constructor(private readonly container: Container) {}

  /** Whether the link was already used: a cheap check before computing the file. */
  async used(id: string): Promise<boolean> {
    try {
      const { resource } = await this.container.item(id, id).read<Unparsed>();
      return !!resource;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /** Records the use; 'again' when another request (on any instance) recorded it first. */
  async consume(id: string, input: { expiresAt: number; now: Date }): Promise<UseOutcome> {
    const keepUntil = input.expiresAt + KEEP_AFTER_EXPIRY_MS;
    const ttl = Math.max(60, Math.ceil((keepUntil - input.now.getTime()) / 1000));
    try {
      await this.container.items.create({ id, pk: id, type: 'linkUse', usedAt: input.now.toISOString(), keepUntil: new Date(keepUntil).toISOString(), ttl });
      return 'first';
    } catch (err) {
      if (isConflict(err)) return 'again';
      throw err;
    }
  }

  /** Deletes records whose link has long expired; returns how many. */
  async purge(now: Date): Promise<number> {
    const { resources } = await this.container.items
      .query<{ id: string; pk: string }>({ query: "SELECT c.id, c.pk FROM c WHERE c.type = 'linkUse' AND c.keepUntil < @now", parameters: [{ name: '@now', value: now.toISOString() }] })
      .fetchAll();
    let n = 0;
    for (const r of resources) {
      try {
        await this.container.item(r.id, r.pk).delete();
        n++;
      } catch (err) {
        // Another instance (or the TTL) deleted it first.
        if (!isNotFound(err)) throw err;
      }
    }
    return n;
  }
}
