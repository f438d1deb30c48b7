// Text that came from outside (a Teams envelope, a roster, a card): bounded, well-formed, and shown as text.

export const NAME_MAX = 200;

/**
 * An Entra object id (aadObjectId) or tenant id. The last group may have 13 digits: the
 * Microsoft 365 Agents Playground's made-up users carry such ids (e.g. "…-0000000000020"),
 * and local trying-out must work; it is still bounded hex, never a number or free text.
 */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
// Control characters, bidi overrides and line separators: invisible, or they rearrange what is shown.
const INVISIBLE = /[\p{Cc}\u200B\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/gu;

/** False for a string with a lone surrogate (what String.prototype.isWellFormed answers on Node 20). */
export function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

export function toWellFormed(s: string): string {
  return s.replace(LONE_SURROGATES, '\uFFFD');
}

/** A display name fit to store and show: no control characters, one line, at most NAME_MAX characters. */
export function displayName(raw: string): string {
  const clean = toWellFormed(raw.slice(0, NAME_MAX * 8))
    .replace(INVISIBLE, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return Array.from(clean).slice(0, NAME_MAX).join('').trim();
}

// Inline metacharacters everywhere; "#", "-", "+" and "!" only mean something where a line starts
// (a heading, a list), so "Anna-Karin" keeps its hyphen unescaped.
const MARKDOWN = /[\\`*_[\]()~|<>]/g;

/**
 * User-controlled text placed into a markdown text (a chat message, a TextBlock): every markdown
 * metacharacter is backslash-escaped and the text kept on one line, so a name like
 * "[Klicka här](https://evil.example) **VIKTIGT**" shows as typed instead of as a link.
 */
export function plain(raw: string): string {
  return toWellFormed(raw)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(MARKDOWN, (c) => `\\${c}`)
    .replace(/^(\s*)([#+\-!]|\d+\.)/, (_m, space: string, marker: string) => `${space}${marker.replace(/[#+\-!.]/, (c) => `\\${c}`)}`);
}
