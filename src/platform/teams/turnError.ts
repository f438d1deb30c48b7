import type { CloudAdapter, TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { loggable } from '../../kernel/loggable';
import { CORRELATION_ID_KEY } from '../../kernel/turnScope';
import { isStoreUnavailable } from '../cosmos/errors';
import { langFromLocale, translator, type Lang } from '../i18n';

/** A turn that failed: logged with its correlation id, and answered in the user's language where someone waits. */
export function answerFailedTurns(adapter: CloudAdapter, logger: Logger, defaultLocale: Lang): void {
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    const stored: unknown = context.turnState.get(CORRELATION_ID_KEY);
    const ref = typeof stored === 'string' ? stored : randomUUID().slice(0, 8);
    const lang = langFromLocale(context.activity.locale, defaultLocale);
    // The store away or too slow: say so, and that nothing acknowledged is lost (nothing was acknowledged).
    const storeAway = isStoreUnavailable(error);
    // A zod error's message quotes input: by paths and codes. Other errors are ours (bugs): with their stack.
    const err = error instanceof ZodError ? loggable(error) : error instanceof Error ? { name: error.name, code: (error as { code?: unknown }).code, stack: error.stack } : { name: typeof error };
    if (storeAway)
      logger.warn(
        { err: { name: (error as { name?: unknown }).name, code: (error as { code?: unknown }).code }, ref, conversation: context.activity.conversation?.id, activityId: context.activity.id },
        'turn answered: store unavailable',
      );
    else logger.error({ err, ref, conversation: context.activity.conversation?.id, activityId: context.activity.id }, 'turn failed');
    const text = translator(lang)(storeAway ? 'err_storeUnavailable' : 'err_generic', { ref });
    if (context.activity.type === 'invoke') {
      // The invoke still gets an answer, or Teams shows its own generic failure.
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } } });
    } else if (context.activity.type === 'message') {
      await context.sendActivity(text);
    }
    // Meeting events, installs and member changes were sent by Teams, not by a person: nobody
    // to answer, and a failure text in a meeting chat would only confuse its participants.
  };
}
