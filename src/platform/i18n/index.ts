import { en } from './en';
import { sv, type MessageKey } from './sv';

import type { Lang } from '../../kernel/actor';
export type { Lang };
export type { MessageKey };

const catalogs: Record<Lang, Record<MessageKey, string>> = { sv, en };

/** Teams sends locales like "sv-SE", "en-US", "nb-NO"; anything not English falls back to the default. */
export function langFromLocale(locale: string | undefined, fallback: Lang): Lang {
  const l = (locale ?? '').toLowerCase();
  if (l.startsWith('sv')) return 'sv';
  if (l.startsWith('en')) return 'en';
  return fallback;
}

/** A person's language: the one they chose, else their Teams locale's, else the default. */
export function langOfPerson(person: { language?: Lang | undefined; locale?: string | undefined } | null | undefined, fallback: Lang): Lang {
  return person?.language ?? langFromLocale(person?.locale, fallback);
}

export function isMessageKey(k: string): k is MessageKey {
  return Object.prototype.hasOwnProperty.call(sv, k);
}

type Params = Record<string, string | number>;

/**
 * A counted word is written in the catalogue as `{n:# kanal|# kanaler}`: the first form when
 * Intl.PluralRules says "one" for n in the language, the second otherwise (Swedish and English
 * have no other categories for whole numbers); `#` is n. `CountedIn` finds those names in a
 * message's literal type, so a counted parameter must be passed, and as a number.
 */
type CountedIn<S extends string> = S extends `${string}{${infer Body}}${infer Rest}` ? (Body extends `${infer V}:${string}|${string}` ? V : never) | CountedIn<Rest> : never;
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
type ParamsFor<K extends MessageKey> =
  true extends IsUnion<K>
    ? [params?: Params] // a key chosen at run time (a refusal, a job's text key): checked by the plural test instead
    : [CountedIn<(typeof sv)[K]>] extends [never]
      ? [params?: Params]
      : [params: Params & Record<CountedIn<(typeof sv)[K]>, number>];

export type Translate = <K extends MessageKey>(key: K, ...params: ParamsFor<K>) => string;

const PLURAL = /\{(\w+):([^{}|]*)\|([^{}|]*)\}/g;
const PLACEHOLDER = /\{(\w+)\}/g;
const rules: Record<Lang, Intl.PluralRules> = { sv: new Intl.PluralRules('sv'), en: new Intl.PluralRules('en') };

/** Fills a message: counted words first (their forms may hold `#`), then plain placeholders. */
export function render(lang: Lang, text: string, params: Params | undefined): string {
  return text
    .replace(PLURAL, (m, name: string, one: string, other: string) => {
      const n = params && name in params ? Number(params[name]) : NaN;
      if (!Number.isFinite(n)) return m;
      return (rules[lang].select(n) === 'one' ? one : other).replace(/#/g, String(n));
    })
    .replace(PLACEHOLDER, (m, name: string) => (params && name in params ? String(params[name]) : m));
}

export function translator(lang: Lang): Translate {
  const cat = catalogs[lang];
  return (key, ...params) => render(lang, cat[key], params[0]);
}
