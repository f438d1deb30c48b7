import { translator, type Lang, type MessageKey } from './index';

type Params = Record<string, string | number>;
type CodeOf<K> = K extends `err_${infer C}` ? C : never;

/**
 * The one kind of error a user caused or can understand: nothing was written, and the answer is
 * the text `key` in the user's language. The router (chat and cards) and the tab's API map it in
 * one place each; anything else is a bug, logged with the turn's id. The platform knows no
 * feature's texts, so a refusal answers for itself: the features' Refusal (src/features/refusal.ts)
 * translates its key with the features' catalogue, the platform's own with the platform's.
 */
export abstract class Refusal extends Error {
  constructor(
    readonly key: string,
    readonly params?: Params,
  ) {
    super(key);
    this.name = 'Refusal';
  }

  /** The answer in the user's language. */
  abstract text(lang: Lang): string;

  /** The shared code of an `err_<code>` refusal (the tab's API answers with it), or the key itself. */
  get code(): string {
    return this.key.startsWith('err_') ? this.key.slice(4) : this.key;
  }
}

class PlatformRefusal extends Refusal {
  declare readonly key: MessageKey;

  text(lang: Lang): string {
    return translator(lang)(this.key, this.params);
  }
}

/** A refusal of the platform's own by its code: `refused('forbidden')` answers with `err_forbidden`. */
export function refused(code: CodeOf<MessageKey>, params?: Params): Refusal {
  return new PlatformRefusal(`err_${code}`, params);
}
