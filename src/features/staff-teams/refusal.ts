import type { z } from 'zod';
import { isMessageKey, type MessageKey } from '../../platform/i18n';

/** A request refused for a reason the user can fix; nothing was written. Handlers show the text. */
export class Refusal extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params?: Record<string, string | number>,
  ) {
    super(key);
    this.name = 'Refusal';
  }
}

/** The first issue's message as a text key (schemas use keys as messages), or a generic one. */
export function refusalOf(error: z.ZodError, fallback: MessageKey = 'err_invalidInput'): Refusal {
  const key = error.issues[0]?.message ?? '';
  return new Refusal(isMessageKey(key) ? key : fallback);
}
