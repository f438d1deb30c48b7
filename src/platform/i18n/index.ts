import { en, sv } from './messages';

import type { Lang } from '../../kernel/actor';
export type { Lang };

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

type Params = Record<string, string | number>;

/** Texts by key. Swedish is written `as const`, so each text's literal type shows its placeholders. */
type Catalogue = Readonly<Record<string, string>>;

/** One catalogue in both languages: English has exactly the Swedish keys. */
export interface Catalogues<C extends Catalogue> {
  readonly sv: C;
  readonly en: { readonly [K in keyof C]: string };
}

/**
 * A counted word is written in the catalogue as `{n:# kanal|# kanaler}`: the first form when
 * Intl.PluralRules says "one" for n in the language, the second otherwise (Swedish and English
 * have no other categories for whole numbers); `#` is n. `CountedIn` finds those names in a
 * message's literal type, so a counted parameter must be passed, and as a number.
 */
type CountedIn<S extends string> = S extends `${string}{${infer Body}}${infer Rest}` ? (Body extends `${infer V}:${string}|${string}` ? V : never) | CountedIn<Rest> : never;
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
type ParamsFor<C extends Catalogue, K extends keyof C & string> =
  true extends IsUnion<K>
    ? [params?: Params] // a key chosen at run time (a refusal, a job's text key): checked by the plural test instead
    : [CountedIn<C[K]>] extends [never]
      ? [params?: Params]
      : [params: Params & Record<CountedIn<C[K]>, number>];

/** Translates the keys of catalogue C, with C's placeholders typed. */
export type TranslateIn<C extends Catalogue> = <K extends keyof C & string>(key: K, ...params: ParamsFor<C, K>) => string;

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

/** The translator over one catalogue: `translatorOver(messages)(lang)(key, params)`. */
export function translatorOver<C extends Catalogue>(messages: Catalogues<C>): (lang: Lang) => TranslateIn<C> {
  return (lang) => {
    const cat: Readonly<Record<keyof C, string>> = messages[lang];
    return (key, ...params) => render(lang, cat[key], params[0]);
  };
}

/** A guard for the keys of a catalogue (schemas use keys as messages, jobs store them). */
export function keyOf<C extends Catalogue>(messages: Catalogues<C>): (k: string) => k is keyof C & string {
  return (k): k is keyof C & string => Object.prototype.hasOwnProperty.call(messages.sv, k);
}

type KeysOf<P> = P extends Catalogues<infer C> ? keyof C : never;
/** The keys two of the parts share. */
type Duplicates<Ps extends readonly unknown[]> = Ps extends readonly [infer H, ...infer T] ? (KeysOf<H> & KeysOf<T[number]>) | Duplicates<T> : never;
/** The keys of a part in one language only. */
type Unpaired<Ps extends readonly unknown[]> = Ps[number] extends infer P ? (P extends { sv: infer S; en: infer E } ? Exclude<keyof E, keyof S> | Exclude<keyof S, keyof E> : never) : never;
type Merged<Ps extends readonly unknown[]> = Ps extends readonly [Catalogues<infer C>, ...infer T] ? C & Merged<T> : unknown;
type Flat<T> = { [K in keyof T]: T[K] } extends infer F extends Catalogue ? F : never;

/**
 * One catalogue from the parts (the platform's, the kernel's, each feature's). A key in two parts,
 * or in one language only, does not compile: the argument then has to carry a `duplicateKeys` (or
 * `unpairedKeys`) naming them.
 */
export function mergeCatalogues<const Ps extends readonly Catalogues<Catalogue>[]>(
  parts: Ps & ([Duplicates<Ps>] extends [never] ? unknown : { duplicateKeys: Duplicates<Ps> }) & ([Unpaired<Ps>] extends [never] ? unknown : { unpairedKeys: Unpaired<Ps> }),
): Catalogues<Flat<Merged<Ps>>> {
  const sv: Record<string, string> = {};
  const en: Record<string, string> = {};
  for (const p of parts) {
    Object.assign(sv, p.sv);
    Object.assign(en, p.en);
  }
  // The types above hold the merged keys; the object built here is exactly their union.
  return { sv, en } as Catalogues<Flat<Merged<Ps>>>;
}

/** The platform's own answers (src/platform/teams); features translate with src/features/i18n. */
export type MessageKey = keyof typeof sv;
export const translator = translatorOver({ sv, en });
