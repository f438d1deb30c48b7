// Europe/Stockholm wall-clock time ↔ UTC instants, without a time-zone library.
const ZONE = 'Europe/Stockholm';

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The zone's offset from formatToParts, the slow way (a few µs, and garbage each time). */
function measuredOffsetMs(instant: Date): number {
  const out: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(out.year ?? 0, (out.month ?? 1) - 1, out.day ?? 0, out.hour ?? 0, out.minute ?? 0, out.second ?? 0);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const HOUR_MS = 3_600_000;
// Stockholm's offset changes only on whole UTC hours (since 1900, when it left local mean time),
// so one measurement per UTC hour serves every instant in it. Bounded: cleared when it grows.
const offsets = new Map<number, number>();
const MODERN_MS = Date.UTC(1901, 0, 1);

function offsetMs(instant: Date): number {
  const t = instant.getTime();
  if (!(t >= MODERN_MS)) return measuredOffsetMs(instant);
  const hour = Math.floor(t / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    offset = measuredOffsetMs(new Date(hour * HOUR_MS));
    if (offsets.size >= 4096) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

function wallClock(instant: Date): WallClock {
  const local = new Date(instant.getTime() + offsetMs(instant));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/**
 * The UTC instant of a Stockholm wall-clock date and time. A time that does not exist
 * (skipped by the spring change) moves forward by the gap, as calendars do.
 */
export function stockholmToUtc(date: string, time: string): Date {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(time);
  if (!dm || !tm) throw new RangeError('bad date or time');
  const naive = Date.UTC(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]), Number(tm[1]), Number(tm[2]));
  // Two passes settle the offset on either side of a DST change.
  let guess = naive - offsetMs(new Date(naive));
  guess = naive - offsetMs(new Date(guess));
  return new Date(guess);
}

export function stockholmDate(instant: Date): string {
  const w = wallClock(instant);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

export function stockholmTime(instant: Date): string {
  const w = wallClock(instant);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

/** End of a Stockholm calendar day (23:59:59.999 local), the moment a deadline date runs out. */
export function endOfStockholmDay(date: string): Date {
  const next = new Date(`${date}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const y = next.getUTCFullYear();
  const m = String(next.getUTCMonth() + 1).padStart(2, '0');
  const d = String(next.getUTCDate()).padStart(2, '0');
  return new Date(stockholmToUtc(`${y}-${m}-${d}`, '00:00').getTime() - 1);
}

// Building an Intl formatter costs far more than using one: keep one per language and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: 'sv' | 'en', style: 'weekday' | 'date'): Intl.DateTimeFormat {
  const key = `${lang}-${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
      timeZone: ZONE,
      ...(style === 'weekday' ? { weekday: 'long' as const } : {}),
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * "tisdag 1 december 2026 09:00–11:00" / "Tuesday, 1 December 2026 09:00–11:00"; a span over
 * midnight names both days in words ("tisdag 8 december 2026 22:00 – onsdag 9 december 2026 01:00").
 */
export function formatSpan(start: Date, end: Date, lang: 'sv' | 'en'): string {
  const day = formatter(lang, 'weekday').format(start);
  if (stockholmDate(start) === stockholmDate(end)) return `${day} ${stockholmTime(start)}–${stockholmTime(end)}`;
  return `${day} ${stockholmTime(start)} – ${formatter(lang, 'weekday').format(end)} ${stockholmTime(end)}`;
}

export function formatDate(instant: Date, lang: 'sv' | 'en'): string {
  return formatter(lang, 'date').format(instant);
}
