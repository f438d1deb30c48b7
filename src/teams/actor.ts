import type { TurnContext } from 'botbuilder';
import { langFromLocale, type Lang } from '../i18n';
import type { Actor } from '../services';

/** The user and language of a turn, taken from what Teams sent (from.aadObjectId), never from card data. */
export function actorFrom(context: TurnContext, fallback: Lang): Actor | null {
  const a = context.activity;
  const aad = a.from?.aadObjectId;
  if (!aad || !/^[A-Za-z0-9-]{1,64}$/.test(aad)) return null;
  const tenantId = a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return {
    aadObjectId: aad,
    mri: a.from.id,
    name: a.from.name ?? '',
    ...(tenantId ? { tenantId } : {}),
    serviceUrl: a.serviceUrl,
    lang: langFromLocale(a.locale, fallback),
  };
}

export function tenantOf(context: TurnContext): string | undefined {
  const a = context.activity;
  return a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
}
