import type { z } from 'zod';
import { isMessageKey, type MessageKey } from './index';

/** Refusals shared by every feature, answered with the text `err_<code>`. */
export type RefusalCode =
  | 'notFound'
  | 'forbidden'
  | 'invalidInput'
  | 'deadlinePassed'
  | 'notPublished'
  | 'sessionCancelled'
  | 'sessionStarted'
  | 'sessionNotInActivity'
  | 'notRegistered'
  | 'tenantNotAllowed'
  | 'conflict'
  // teams and networks
  | 'teamsOnly'
  | 'notForTeams';

/**
 * The one kind of error a user caused or can understand: nothing was written, and the answer is
 * the text `key` in the user's language. The router (chat and cards) and the tab's API map it in
 * one place each; anything else is a bug, logged with the turn's id.
 */
export class Refusal extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params?: Record<string, string | number>,
  ) {
    super(key);
    this.name = 'Refusal';
  }

  /** The shared code of an `err_<code>` refusal (the tab's API answers with it), or the key itself. */
  get code(): string {
    return this.key.startsWith('err_') ? this.key.slice(4) : this.key;
  }
}

/** A shared refusal by its code: `refused('notFound')` answers with `err_notFound`. */
export function refused(code: RefusalCode, params?: Record<string, string | number>): Refusal {
  return new Refusal(`err_${code}`, params);
}

/** The first issue's message as a text key (schemas use keys as messages), or a generic one. */
export function refusalOf(error: z.ZodError, fallback: MessageKey = 'err_invalidInput'): Refusal {
  const key = error.issues[0]?.message ?? '';
  return new Refusal(isMessageKey(key) ? key : fallback);
}
