import { ActivityIdSchema } from '../../kernel/activity';
import { z } from 'zod';
import { fold } from '../../kernel/text';

// The questions coordinators (and managers, members) ask in chat, parsed from what they typed.
// Pure: the caller passes "now" for questions without a year.

export const QUESTION_KINDS = ['attended', 'registered', 'stats', 'annual'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Swedish and English phrasings; matched on folded text, longest first. */
export const PHRASES: Record<QuestionKind, readonly string[]> = {
  attended: ['vilka deltog i', 'vilka deltog på', 'vilka deltog', 'deltagare i', 'who attended', 'who took part in', 'attendees of'],
  registered: ['vilka är anmälda till', 'vilka är anmälda', 'anmälda till', 'who registered for', 'who registered', 'who is registered for', 'registrations for'],
  stats: ['statistik för', 'statistik', 'stats for', 'stats', 'statistics for', 'statistics'],
  annual: ['årsrapport', 'annual report', 'årsrapporten'],
};
export const EXPORT_WORDS: readonly string[] = ['exportera', 'export'];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DateSchema = z
  .string()
  .regex(DATE)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T12:00:00Z`)) && new Date(`${d}T12:00:00Z`).toISOString().startsWith(d));

/** Inclusive Stockholm calendar dates. */
const PeriodSchema = z
  .object({ from: DateSchema, to: DateSchema })
  .refine((p) => p.from <= p.to, 'from after to')
  .refine((p) => Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4)) <= 20, 'period too long');
export type Period = z.infer<typeof PeriodSchema>;

const SessionPickSchema = z.union([z.object({ number: z.number().int().min(1).max(999) }), z.object({ date: DateSchema })]);
type SessionPick = z.infer<typeof SessionPickSchema>;

const Name = z.string().trim().min(1).max(200);

const QuestionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('attended'), name: Name, session: SessionPickSchema.optional() }),
  z.object({ kind: z.literal('registered'), name: Name, session: SessionPickSchema.optional() }),
  z.object({ kind: z.literal('stats'), name: Name, period: PeriodSchema.optional() }),
  z.object({ kind: z.literal('annual'), period: PeriodSchema }),
]);
export type Question = z.infer<typeof QuestionSchema>;

export type QuestionError = 'noName' | 'badPeriod' | 'badSession' | 'tooLong' | 'notAQuestion';
export type Parsed = { ok: true; question: Question } | { ok: false; error: QuestionError; kind?: QuestionKind };

/** Longest phrasing first, so "vilka deltog i" wins over "vilka deltog". */
const TABLE = QUESTION_KINDS.flatMap((kind) => PHRASES[kind].map((p) => ({ kind, words: fold(p).split(' ') }))).sort((a, b) => b.words.length - a.words.length);

/** Which question a text asks ("vilka deltog i Läslyftet 2" → attended, "Läslyftet 2"), or null. */
export function splitQuestion(text: string): { kind: QuestionKind; argument: string } | null {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const folded = words.map(fold);
  for (const { kind, words: phrase } of TABLE) {
    if (phrase.every((w, i) => folded[i] === w)) return { kind, argument: words.slice(phrase.length).join(' ') };
  }
  return null;
}

const LEADING = new Set(['i', 'till', 'for', 'pa', 'om', 'av', 'in', 'of', 'to', 'at', 'on', 'the']);
const SESSION_WORDS = new Set(['tillfalle', 'tillfallet', 'traff', 'traffen', 'session', 'meeting', 'nr']);
const RANGE = /^(\d{4}-\d{2}-\d{2})(?:\.\.|–|—|-(?=\d{4}-))(\d{4}-\d{2}-\d{2})$/;

function yearPeriod(from: number, to: number): Period | null {
  const p = PeriodSchema.safeParse({ from: `${from}-01-01`, to: `${to}-12-31` });
  return p.success && from >= 2000 && to <= 2100 ? p.data : null;
}

/** "2022", "2020-2022", "vt22", "ht2021", "2022-01-01..2022-06-30" (or with "–"), as a period. */
export function parsePeriod(token: string): Period | null | 'notAPeriod' {
  const t = fold(token);
  let m = /^(\d{4})$/.exec(t);
  if (m) return yearPeriod(Number(m[1]), Number(m[1]));
  m = /^(\d{4})\s*(?:[-–—]|\.\.)\s*(\d{4})$/.exec(t);
  if (m) return yearPeriod(Number(m[1]), Number(m[2]));
  m = /^(vt|ht)\s*(\d{2}|\d{4})$/.exec(t);
  if (m) {
    const year = m[2]?.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    const p = PeriodSchema.safeParse(m[1] === 'vt' ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-07-01`, to: `${year}-12-31` });
    return p.success ? p.data : null;
  }
  m = RANGE.exec(t);
  if (m) {
    const p = PeriodSchema.safeParse({ from: m[1], to: m[2] });
    return p.success ? p.data : null;
  }
  if (DATE.test(t)) {
    const p = PeriodSchema.safeParse({ from: t, to: t });
    return p.success ? p.data : null;
  }
  return 'notAPeriod';
}

function cleanName(words: string[]): string {
  const out = [...words];
  while (out.length > 1 && LEADING.has(fold(out[0] ?? ''))) out.shift();
  return out
    .join(' ')
    .replace(/^["'“”«»]+|["'“”«»?]+$/g, '')
    .trim();
}

/** The period at the end of the words ("… 2020 - 2022", "… vt 22", "… 2022-01-01 till 2022-06-30"), removed from them. */
function takePeriod(words: string[]): Period | null | 'none' {
  const n = words.length;
  for (const take of [3, 2, 1]) {
    if (n < take) continue;
    const tail = words.slice(n - take);
    const joined = take === 3 && ['till', 'to', '-', '–'].includes(fold(tail[1] ?? '')) ? `${tail[0]}..${tail[2]}` : tail.join('');
    if (take === 3 && joined.indexOf('..') < 0) continue;
    const p = parsePeriod(joined);
    if (p === 'notAPeriod') continue;
    words.splice(n - take, take);
    return p;
  }
  return 'none';
}

/** Parses the words after a question's phrasing. */
function parseQuestion(kind: QuestionKind, argument: string, now: Date): Parsed {
  if (argument.length > 300) return { ok: false, error: 'tooLong', kind };
  const words = argument
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (kind === 'annual') {
    const period = words.length === 0 ? yearPeriod(now.getUTCFullYear(), now.getUTCFullYear()) : takePeriod(words);
    if (!period || period === 'none' || words.length > 0) return { ok: false, error: 'badPeriod', kind };
    return { ok: true, question: { kind, period } };
  }
  if (kind === 'stats') {
    const period = takePeriod(words);
    if (period === null) return { ok: false, error: 'badPeriod', kind };
    const name = cleanName(words);
    const q = QuestionSchema.safeParse({ kind, name, ...(period !== 'none' ? { period } : {}) });
    return q.success ? { ok: true, question: q.data } : { ok: false, error: name ? 'tooLong' : 'noName', kind };
  }
  let session: SessionPick | undefined;
  const last = words[words.length - 1] ?? '';
  const before = fold(words[words.length - 2] ?? '');
  if (DATE.test(last)) {
    const d = SessionPickSchema.safeParse({ date: last });
    if (!d.success) return { ok: false, error: 'badSession', kind };
    session = d.data;
    words.pop();
    if (SESSION_WORDS.has(before)) words.pop();
  } else if (/^#\d{1,3}$/.test(last) || (/^\d{1,3}$/.test(last) && SESSION_WORDS.has(before))) {
    session = { number: Number(last.replace('#', '')) };
    words.pop();
    if (SESSION_WORDS.has(before)) words.pop();
    if (session.number < 1) return { ok: false, error: 'badSession', kind };
  } else if (SESSION_WORDS.has(fold(last)) && words.length > 1) {
    return { ok: false, error: 'badSession', kind };
  }
  const name = cleanName(words);
  const q = QuestionSchema.safeParse({ kind, name, ...(session ? { session } : {}) });
  return q.success ? { ok: true, question: q.data } : { ok: false, error: name ? 'tooLong' : 'noName', kind };
}

/** A whole question as typed ("vilka deltog i Läslyftet tillfälle 2"), or why not. */
export function parseQuestionText(text: string, now: Date): Parsed {
  const split = splitQuestion(text);
  if (!split) return { ok: false, error: 'notAQuestion' };
  return parseQuestion(split.kind, split.argument, now);
}

/** What a card sends back with its buttons: the question as typed and, after a pick, the activity chosen. */
export const CardQuestionSchema = z.object({
  q: z.string().trim().min(1).max(300),
  activityId: ActivityIdSchema.optional(),
  series: z.string().max(100).optional(),
  figure: z
    .string()
    .regex(/^[a-zA-Z]{1,40}$/)
    .optional(),
  page: z.coerce.number().int().min(0).max(1000).default(0),
  /** Set on the choices of an export's choice card. */
  export: z.coerce.number().int().min(0).max(1).optional(),
});
