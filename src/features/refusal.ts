import { Refusal as PlatformRefusal } from '../platform/i18n/refusal';
import type { z } from 'zod';
import type { Activity } from '../kernel/activity';
import { isMessageKey, translator, type Lang, type MessageKey } from './i18n';

type Params = Record<string, string | number>;

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

/** A feature's refusal: its key is one of the features' texts, and the router answers with it. */
export class Refusal extends PlatformRefusal {
  declare readonly key: MessageKey;

  /** The activity the refusal is about, as the use case read it: the invitation can show the refusal without reading it again. */
  about: Activity | undefined;

  constructor(key: MessageKey, params?: Params) {
    super(key, params);
  }

  regarding(activity: Activity): this {
    this.about = activity;
    return this;
  }

  text(lang: Lang): string {
    return translator(lang)(this.key, this.params);
  }
}

/** A shared refusal by its code: `refused('notFound')` answers with `err_notFound`. */
export function refused(code: RefusalCode, params?: Params): Refusal {
  return new Refusal(`err_${code}`, params);
}

/** The first issue's message as a text key (schemas use keys as messages), or a generic one. */
export function refusalOf(error: z.ZodError, fallback: MessageKey = 'err_invalidInput'): Refusal {
  const key = error.issues[0]?.message ?? '';
  return new Refusal(isMessageKey(key) ? key : fallback);
}
