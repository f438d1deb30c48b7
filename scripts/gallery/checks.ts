/**
 * What no user should see on a card, checked on the text the card shows once rendered.
 * Shared by the gallery page (which marks the cards) and test/e2e/gallery.test.ts (which fails).
 * No imports: this runs in the browser bundle and in Node.
 */

/** What the page measured on one rendered card. */
export interface RenderedText {
  lang: 'sv' | 'en';
  /** innerText of the rendered card: what a person reads. */
  text: string;
  /** Text shown inside inputs: placeholders, prefilled values, the options of drop-downs. */
  inputText: string[];
  /** Texts the renderer cut off: a TextBlock or button title wider or taller than its box, or shortened to "...". */
  cutOff: { text: string; how: string }[];
  /** The renderer failed, or warned about an element it does not know (and showed its fallback). */
  errors: string[];
}

export type ProblemKind = 'uuid' | 'isoTimestamp' | 'fieldName' | 'template' | 'english' | 'cutOff' | 'render';

export interface Problem {
  kind: ProblemKind;
  /** The offending text with a little of what surrounds it. */
  snippet: string;
}

export const PROBLEM_LABEL: Record<ProblemKind, string> = {
  uuid: 'id (UUID)',
  isoTimestamp: 'ISO timestamp',
  fieldName: 'field name',
  template: 'unfilled ${…}',
  english: 'English word in a Swedish card',
  cutOff: 'text cut off',
  render: 'renderer error',
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO_TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/g;
const TEMPLATE = /\$\{/g;
const URL_RE = /\bhttps?:\/\/\S+/g;

/** Brand and product names written with an inner capital; a word with a lower→upper turn is otherwise a field name. */
const CAMEL_CASE_ALLOWED = new Set(['PowerPoint', 'OneDrive', 'OneNote', 'SharePoint', 'iPad', 'iPhone', 'YouTube', 'LinkedIn', 'McDonald']);

/**
 * Common English UI words that are not Swedish words. Left out on purpose, because Swedish uses
 * them too: "team", "export", "register" (ett register), "session" (en session), "deadline"
 * (in SAOL), "show", "full", "back" (en back), "not" (en not), "by" (en by), "chat", "link", "status",
 * "organisation", "test", "is" (is = ice), "in", "for", "from".
 */
const ENGLISH_ONLY = [
  'cancel',
  'cancelled',
  'registered',
  'registration',
  'waitlist',
  'waitlisted',
  'waiting list',
  'attendance',
  'attended',
  'survey',
  'statistics',
  'join',
  'reminder',
  'meeting',
  'meetings',
  'place left',
  'places left',
  'team members',
  'sessions',
  'submit',
  'save',
  'edit',
  'delete',
  'close',
  'next',
  'previous',
  'hide',
  'settings',
  'download',
  'remove',
  'please',
  'welcome',
  'activity',
  'activities',
  'help',
  'participants',
  'question',
  'answer',
  'answers',
  'report',
  'average',
  'comments',
  'members',
  'network',
  'school',
  'sign up',
  'choose',
  'select',
  'date',
  'time',
  'yes',
  'the',
  'and',
  'you',
  'your',
  'with',
  'will',
  'this',
  'that',
  'are',
  'have',
  'has',
  'of',
  'to',
  'on',
  'at',
] as const;

const WORD_CHAR = '[\\p{L}\\p{N}_]';
const ENGLISH_RE = new RegExp(`(?<!${WORD_CHAR})(${ENGLISH_ONLY.map((w) => w.replace(/ /g, '\\s+')).join('|')})(?!${WORD_CHAR})`, 'giu');

/** The match with up to 30 characters either side, on one line. */
function snippetAt(text: string, at: number, length: number): string {
  const from = Math.max(0, at - 30);
  const to = Math.min(text.length, at + length + 30);
  return `${from > 0 ? '…' : ''}${text.slice(from, at)}«${text.slice(at, at + length)}»${text.slice(at + length, to)}${to < text.length ? '…' : ''}`.replace(/\s+/g, ' ');
}

function matches(re: RegExp, text: string): { at: number; match: string }[] {
  return [...text.matchAll(re)].map((m) => ({ at: m.index ?? 0, match: m[0] }));
}

/**
 * A web address as shown (a meeting link someone pasted into a form) is left out of the word
 * checks: its ids and English words are the address, not the card's text. Blanked, not removed,
 * so positions still point into the text.
 */
const withoutUrls = (text: string) => text.replace(URL_RE, (u) => ' '.repeat(u.length));

/** Words that look like code: camelCase (organizationId) or snake_case (inv_justRegistered, s0_date). */
function fieldNames(text: string): { at: number; match: string }[] {
  return matches(/[\p{L}\p{N}_]+/gu, text).filter(({ match }) => {
    if (CAMEL_CASE_ALLOWED.has(match)) return false;
    if (/\p{Ll}\p{Lu}/u.test(match)) return true;
    return /^\p{L}+\d*(_[\p{L}\p{N}]+)+$/u.test(match);
  });
}

/** Every problem on one card, at most `max` of each kind. */
export function problemsOf(card: RenderedText, max = 5): Problem[] {
  const out: Problem[] = [];
  const texts = [card.text, ...card.inputText];
  const add = (kind: ProblemKind, found: { text: string; at: number; match: string }[]) => {
    const seen = new Set<string>();
    for (const f of found) {
      if (seen.has(f.match) || seen.size >= max) continue;
      seen.add(f.match);
      out.push({ kind, snippet: snippetAt(f.text, f.at, f.match.length) });
    }
  };
  const inAll = (find: (text: string) => { at: number; match: string }[], urls = false) => texts.flatMap((text) => find(urls ? text : withoutUrls(text)).map((m) => ({ ...m, text })));
  add(
    'uuid',
    inAll((t) => matches(UUID, t)),
  );
  add(
    'isoTimestamp',
    inAll((t) => matches(ISO_TIMESTAMP, t)),
  );
  add('fieldName', inAll(fieldNames));
  add(
    'template',
    inAll((t) => matches(TEMPLATE, t), true),
  );
  if (card.lang === 'sv')
    add(
      'english',
      inAll((t) => matches(ENGLISH_RE, t).map((m) => ({ ...m, match: m.match.toLowerCase() }))),
    );
  for (const c of card.cutOff.slice(0, max)) out.push({ kind: 'cutOff', snippet: `${c.how}: ${c.text.replace(/\s+/g, ' ').slice(0, 90)}` });
  for (const e of card.errors.slice(0, max)) out.push({ kind: 'render', snippet: e });
  return out;
}
