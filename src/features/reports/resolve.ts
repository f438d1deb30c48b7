import type { Activity } from '../../kernel/activity';
import { fold, levenshtein, matchByName } from '../../kernel/text';
import { seriesKeyOf } from './stats';

// Which activity (or series of runs, or network) a question names, forgiving case, diacritics
// and small typos; several candidates become a choice, none become suggestions.

export type Target = { kind: 'activity'; activity: Activity } | { kind: 'group'; key: string; activities: Activity[]; /** A network's name, for the heading. */ name?: string };

export interface Choice {
  activity: Activity;
  /** Set when the choice is a whole series (stats over its runs). */
  series?: { key: string; runs: number };
}

export type Resolution = { ok: true; target: Target } | { ok: false; reason: 'none'; suggestions: Activity[] } | { ok: false; reason: 'many'; choices: Choice[] };

/** Words of a name, hyphenated ones also by their parts ("run-konferens" → run-konferens, run, konferens). */
const tokens = (s: string) =>
  fold(s)
    .split(/[\s–—:,;/()"]+/)
    .flatMap((w) => (w.includes('-') ? [w, ...w.split('-')] : [w]))
    .filter((t) => t.length >= 2);

function tokenFits(q: string, t: string): boolean {
  if (q === t) return true;
  // An ending more or less: "nätverket" ~ "nätverk", "skolan" ~ "skola".
  if ((t.startsWith(q) || q.startsWith(t)) && Math.min(q.length, t.length) >= 4 && Math.abs(q.length - t.length) <= 3) return true;
  // Part of a word: the start of it ("skrivutv" ~ "skrivutveckling"), or a longer part of a compound ("lyftet" ~ "läslyftet").
  if ((q.length >= 4 && t.startsWith(q)) || (q.length >= 6 && t.includes(q))) return true;
  return levenshtein(q, t) <= Math.max(1, Math.floor(q.length / 4));
}

/** Every word of the query fits some word of the name (typos, endings: "nätverket" ~ "nätverk"). */
function wordsFit(query: string, name: string): boolean {
  const q = tokens(query);
  const n = tokens(name);
  return q.length > 0 && q.every((w) => n.some((t) => tokenFits(w, t)));
}

const namesOf = (a: Activity) => [a.title, ...(a.series ? [a.series.replace(/[-_]/g, ' ')] : [])];

/** Activities the name means: exact, contained, near the whole title, or every word near a word of it. */
export function findActivities(name: string, activities: readonly Activity[]): Activity[] {
  const direct = matchByName(name, activities, (a) => a.title);
  if (direct.length > 0) return direct;
  const bySeries = activities.filter((a) => a.series && fold(a.series.replace(/[-_]/g, ' ')) === fold(name.replace(/[-_]/g, ' ')));
  if (bySeries.length > 0) return bySeries;
  return activities.filter((a) => namesOf(a).some((n) => wordsFit(name, n)));
}

/** The nearest titles, for "did you mean"; at most five, each title once. */
export function suggestions(name: string, activities: readonly Activity[], limit = 5): Activity[] {
  const q = fold(name);
  const qt = tokens(name);
  const score = (a: Activity) => {
    const t = fold(a.title);
    const whole = Math.min(levenshtein(q, t), levenshtein(q, t.slice(0, q.length)));
    const words = qt.length === 0 ? Infinity : qt.reduce((sum, w) => sum + Math.min(...tokens(a.title).map((x) => levenshtein(w, x)), w.length), 0);
    return Math.min(whole, words);
  };
  const seen = new Set<string>();
  return activities
    .map((a) => ({ a, s: score(a) }))
    .filter((x) => x.s <= Math.max(2, Math.ceil(q.length / 2)))
    .sort((x, y) => x.s - y.s || (y.a.sessions[0]?.start ?? '').localeCompare(x.a.sessions[0]?.start ?? ''))
    .map((x) => x.a)
    .filter((a) => (seen.has(fold(a.title)) ? false : (seen.add(fold(a.title)), true)))
    .slice(0, limit);
}

const newestFirst = (a: Activity, b: Activity) => (b.sessions[0]?.start ?? '').localeCompare(a.sessions[0]?.start ?? '');

/**
 * For "who attended/registered" one activity must be meant; statistics also take a whole series
 * (runs of one activity, or a network's meetings). A pick from a choice card decides.
 */
export function resolveTarget(
  input: { kind: 'attended' | 'registered' | 'stats'; name: string; activityId?: string | undefined; series?: string | undefined },
  activities: readonly Activity[],
): Resolution {
  if (input.activityId) {
    const a = activities.find((x) => x.id === input.activityId);
    return a ? { ok: true, target: { kind: 'activity', activity: a } } : { ok: false, reason: 'none', suggestions: [] };
  }
  if (input.series && input.kind === 'stats') {
    const runs = activities.filter((a) => seriesKeyOf(a) === input.series);
    if (runs.length > 0) return { ok: true, target: runs.length === 1 && runs[0] ? { kind: 'activity', activity: runs[0] } : { kind: 'group', key: input.series, activities: runs } };
  }
  const found = findActivities(input.name, activities);
  if (found.length === 0) return { ok: false, reason: 'none', suggestions: suggestions(input.name, activities) };
  if (found.length === 1 && found[0]) return { ok: true, target: { kind: 'activity', activity: found[0] } };
  const groups = new Map<string, Activity[]>();
  for (const a of found) groups.set(seriesKeyOf(a), [...(groups.get(seriesKeyOf(a)) ?? []), a]);
  if (input.kind === 'stats') {
    const [only] = [...groups];
    if (groups.size === 1 && only) return { ok: true, target: { kind: 'group', key: only[0], activities: only[1] } };
    return {
      ok: false,
      reason: 'many',
      choices: [...groups].slice(0, 10).map(([key, runs]) => {
        const newest = [...runs].sort(newestFirst)[0] as Activity;
        return runs.length > 1 ? { activity: newest, series: { key, runs: runs.length } } : { activity: newest };
      }),
    };
  }
  return {
    ok: false,
    reason: 'many',
    choices: [...found]
      .sort(newestFirst)
      .slice(0, 10)
      .map((activity) => ({ activity })),
  };
}
