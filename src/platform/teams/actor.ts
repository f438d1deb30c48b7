import type { TurnContext } from 'botbuilder';
import { langFromLocale, type Lang } from '../i18n';
import type { Actor } from '../../kernel/actor';
import { tenantOf } from './turn';
import { displayName, GUID } from '../../kernel/wellFormed';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** The user and language of a turn, taken from what Teams sent (from.aadObjectId), never from card data. */
export function actorFrom(context: TurnContext, fallback: Lang): Actor | null {
  const a = context.activity;
  // The HTTP edge checked the envelope; a turn built any other way is checked again here, before anything is stored.
  const aad = text(a.from?.aadObjectId);
  const mri = text(a.from?.id);
  if (!aad || !GUID.test(aad) || !mri) return null;
  const tenantId = tenantOf(context);
  return {
    aadObjectId: aad,
    mri,
    name: displayName(text(a.from.name) ?? ''),
    ...(tenantId ? { tenantId } : {}),
    serviceUrl: a.serviceUrl,
    lang: langFromLocale(text(a.locale), fallback),
  };
}
