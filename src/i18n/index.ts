import { en } from './en';
import { sv, type MessageKey } from './sv';

export type Lang = 'sv' | 'en';
export type { MessageKey };

const catalogs: Record<Lang, Record<MessageKey, string>> = { sv, en };

/** Teams sends locales like "sv-SE", "en-US", "nb-NO"; anything not English falls back to the default. */
export function langFromLocale(locale: string | undefined, fallback: Lang): Lang {
  const l = (locale ?? '').toLowerCase();
  if (l.startsWith('sv')) return 'sv';
  if (l.startsWith('en')) return 'en';
  return fallback;
}

export function isMessageKey(k: string): k is MessageKey {
  return Object.prototype.hasOwnProperty.call(sv, k);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const cat = catalogs[lang];
  return (key, params) =>
    cat[key].replace(/\{(\w+)\}/g, (m, name: string) => (params && name in params ? String(params[name]) : m));
}
