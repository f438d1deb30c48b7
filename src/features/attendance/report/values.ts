import { stockholmToUtc } from '../../../kernel/time';
import { fold } from '../../../kernel/text';
import type { ParticipantRole } from '../../../kernel/attendance';

// Cell values of an attendance report: times in the exporting user's format, durations,
// roles and (in old exports) join/leave actions, in English or Swedish.

/** A date and time as written, before we know whether 11/12 is November or December. */
export interface RawDateTime {
  a: number;
  b: number;
  c: number;
  h: number;
  mi: number;
  s: number;
  /** 'ymd' when the year came first. */
  yearFirst: boolean;
  ampm?: 'am' | 'pm';
  sep: string;
  /** Already an absolute instant (ISO with Z or an offset). */
  instant?: number;
}

export type DateOrder = 'ymd' | 'dmy' | 'mdy';

const SPACES = /[\s\u00a0\u202f]+/g;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d+)?\s*(am|pm|a\.m\.|p\.m\.|fm|em)?$/i;
const OTHER = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4}),?\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|fm|em)?$/i;
const ABSOLUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function ampmOf(v: string | undefined): 'am' | 'pm' | undefined {
  if (!v) return undefined;
  const f = v.toLowerCase().replace(/\./g, '');
  return f === 'am' || f === 'fm' ? 'am' : 'pm';
}

export function readDateTime(cell: string): RawDateTime | null {
  const v = cell.replace(SPACES, ' ').trim();
  if (!v) return null;
  if (ABSOLUTE.test(v)) {
    const t = Date.parse(v);
    return Number.isFinite(t) ? { a: 0, b: 0, c: 0, h: 0, mi: 0, s: 0, yearFirst: true, sep: '-', instant: t } : null;
  }
  let m = YMD.exec(v);
  if (m) {
    const ampm = ampmOf(m[7]);
    return { a: Number(m[1]), b: Number(m[2]), c: Number(m[3]), h: Number(m[4]), mi: Number(m[5]), s: Number(m[6] ?? 0), yearFirst: true, sep: '-', ...(ampm ? { ampm } : {}) };
  }
  m = OTHER.exec(v);
  if (m) {
    const ampm = ampmOf(m[8]);
    return { a: Number(m[1]), b: Number(m[3]), c: Number(m[4]), h: Number(m[5]), mi: Number(m[6]), s: Number(m[7] ?? 0), yearFirst: false, sep: m[2] ?? '/', ...(ampm ? { ampm } : {}) };
  }
  return null;
}

/**
 * Day-first or month-first, decided once per file: AM/PM means the US order; a first number
 * above 12 means day-first, a second above 12 month-first; dots mean day-first; otherwise the
 * order that puts the times nearest the session (the hint), else day-first.
 */
export function detectOrder(samples: readonly RawDateTime[], hint?: number): { order: DateOrder; certain: boolean } {
  const slashed = samples.filter((r) => !r.yearFirst && r.instant === undefined);
  if (slashed.length === 0) return { order: 'ymd', certain: true };
  if (slashed.some((r) => r.a > 12)) return { order: 'dmy', certain: true };
  if (slashed.some((r) => r.b > 12)) return { order: 'mdy', certain: true };
  if (slashed.some((r) => r.ampm)) return { order: 'mdy', certain: true };
  if (slashed.every((r) => r.sep === '.')) return { order: 'dmy', certain: true };
  if (hint !== undefined) {
    const first = slashed[0] as RawDateTime;
    const asDmy = toInstant(first, 'dmy');
    const asMdy = toInstant(first, 'mdy');
    if (asDmy !== null && asMdy !== null) return { order: Math.abs(asMdy - hint) < Math.abs(asDmy - hint) ? 'mdy' : 'dmy', certain: false };
  }
  return { order: 'dmy', certain: false };
}

const offsetCache = new Map<string, number>();

/** Stockholm wall-clock time (the exporter's clock in this network) → epoch ms. */
function wallToInstant(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const date = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1) return null;
  // The UTC offset changes at most once an hour: cache it per date and hour.
  const key = `${date}T${h}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const utc = stockholmToUtc(date, `${String(h).padStart(2, '0')}:00`).getTime();
    offset = Date.UTC(y, mo - 1, d, h) - utc;
    if (offsetCache.size > 5000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return Date.UTC(y, mo - 1, d, h, mi, s) - offset;
}

export function toInstant(r: RawDateTime, order: DateOrder): number | null {
  if (r.instant !== undefined) return r.instant;
  let h = r.h;
  if (r.ampm) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (r.ampm === 'pm' ? 12 : 0);
  }
  if (r.yearFirst) return wallToInstant(r.a, r.b, r.c, h, r.mi, r.s);
  const year = r.c < 100 ? 2000 + r.c : r.c;
  return order === 'mdy' ? wallToInstant(year, r.a, r.b, h, r.mi, r.s) : wallToInstant(year, r.b, r.a, h, r.mi, r.s);
}

const UNIT = /(\d+(?:[.,]\d+)?)\s*(hours?|hrs?|h|timmar|timme|tim|t|minutes?|minuter|minut|mins?|m|seconds?|sekunder|sek|secs?|s)(?![a-zåäö])/giu;

/** "1h 4m 12s", "10m 59s", "45s", "1 tim 4 min", "01:04:12" → seconds, or null. */
export function readDuration(cell: string): number | null {
  const v = cell.replace(SPACES, ' ').trim().toLowerCase();
  if (!v) return null;
  const clock = /^(\d{1,3}):(\d{2}):(\d{2})$/.exec(v);
  if (clock) return Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  let total = 0;
  let found = false;
  const rest = v.replace(UNIT, (_m, n: string, unit: string) => {
    found = true;
    const value = Number(n.replace(',', '.'));
    const u = unit[0];
    total += u === 'h' || u === 't' ? value * 3600 : u === 'm' ? value * 60 : value;
    return ' ';
  });
  if (!found || rest.replace(/[\s,]/g, '') !== '') return null;
  return Math.round(total);
}

const ROLE_WORDS: [ParticipantRole, string[]][] = [
  ['organizer', ['organizer', 'organiser', 'co-organizer', 'coorganizer', 'organisator', 'organisatör', 'medorganisatör', 'anordnare', 'mötesorganisatör', 'arrangör']],
  ['presenter', ['presenter', 'presentatör', 'presentator', 'föredragshållare']],
  ['attendee', ['attendee', 'participant', 'deltagare', 'mötesdeltagare', 'närvarande']],
];
const ROLE_INDEX = new Map(ROLE_WORDS.flatMap(([role, words]) => words.map((w) => [fold(w), role] as const)));

export function readRole(cell: string): ParticipantRole | null {
  return ROLE_INDEX.get(fold(cell)) ?? null;
}

/** Old single-table exports: "Joined", "Left", "Joined before" (Swedish: "Anslöt", "Lämnade", "Anslöt före"). */
export function readAction(cell: string): 'join' | 'leave' | null {
  const f = fold(cell);
  if (/^(joined|join|anslot|ansluten|ansluten fore|gick med)/.test(f)) return 'join';
  if (/^(left|leave|lamnade|lamnat|lamnar)/.test(f)) return 'leave';
  return null;
}

const GUEST = /\s*\((external|extern|guest|gäst|gast|unverified|ej verifierad|overifierad|overifierat)\)\s*$/i;

/** The display name without a guest marker, and whether there was one. */
export function readName(cell: string): { name: string; external: boolean } {
  const v = cell.replace(SPACES, ' ').trim();
  const external = GUEST.test(v);
  return { name: v.replace(GUEST, '').trim(), external };
}

export function readEmail(cell: string): string | null {
  const v = cell.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? v : null;
}

export function isGuid(cell: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(cell.trim());
}
