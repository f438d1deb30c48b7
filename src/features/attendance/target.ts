import type { Activity, Session } from '../../kernel/activity';
import { fold, matchByName } from '../../kernel/text';
import { stockholmDate } from '../../kernel/time';
import type { AttendancePorts } from './ports';

// Which session a coordinator means: "Läslyftet 2", "Läslyftet 2026-12-08", "Läslyftet", or
// nothing at all when a report file's own times say it.

export interface SessionArgument {
  name: string;
  number?: number;
  date?: string;
}

const SESSION_WORDS = new Set(['tillfalle', 'tillfallet', 'session', 'traff', 'traffen', 'nr', '#']);

export function parseSessionArgument(text: string): SessionArgument {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const out: SessionArgument = { name: '' };
  const last = words[words.length - 1];
  if (last && /^#?\d{1,3}$/.test(last)) {
    out.number = Number(last.replace('#', ''));
    words.pop();
  } else if (last && /^\d{4}-\d{2}-\d{2}$/.test(last)) {
    out.date = last;
    words.pop();
  }
  if (out.number !== undefined || out.date !== undefined) {
    const before = words[words.length - 1];
    if (before && SESSION_WORDS.has(fold(before))) words.pop();
  }
  out.name = words.join(' ');
  return out;
}

export interface Target {
  activity: Activity;
  session: Session;
}

export type TargetResult =
  | { ok: true; target: Target }
  | { ok: false; reason: 'noActivity' | 'noSession' | 'chooseSession'; name?: string; choices: Target[] }
  | { ok: false; reason: 'manyActivities'; name: string; choices: Target[] };

const usable = (s: Session) => s.status !== 'cancelled';

/** Sessions of activities matching the name; one activity must match. */
export async function findByArgument(ports: AttendancePorts, arg: SessionArgument, near?: number): Promise<TargetResult> {
  const activities = (await ports.activities.list()).filter((a) => a.status !== 'cancelled');
  const matches = matchByName(arg.name, activities, (a) => a.title);
  if (matches.length === 0) return { ok: false, reason: 'noActivity', name: arg.name, choices: [] };
  if (matches.length > 1) {
    return {
      ok: false,
      reason: 'manyActivities',
      name: arg.name,
      choices: matches.slice(0, 10).flatMap((a) =>
        a.sessions
          .filter(usable)
          .slice(0, 1)
          .map((session) => ({ activity: a, session })),
      ),
    };
  }
  const activity = matches[0] as Activity;
  const all = activity.sessions;
  const pick = (session: Session | undefined): TargetResult =>
    session ? { ok: true, target: { activity, session } } : { ok: false, reason: 'noSession', name: activity.title, choices: all.map((s) => ({ activity, session: s })) };
  if (arg.number !== undefined) return pick(all.find((s) => s.id === `s${arg.number}`));
  if (arg.date !== undefined) return pick(all.find((s) => stockholmDate(new Date(s.start)) === arg.date));
  if (all.length === 1) return pick(all[0]);
  if (near !== undefined) {
    const close = all.filter((s) => Math.abs(Date.parse(s.start) - near) < 12 * 3600_000);
    if (close.length === 1) return pick(close[0]);
  }
  return { ok: false, reason: 'chooseSession', name: activity.title, choices: all.map((s) => ({ activity, session: s })) };
}

/** Sessions, in any activity, whose scheduled time (an hour's margin each side) overlaps [start, end]. */
export async function findByTime(ports: AttendancePorts, start: number, end: number): Promise<Target[]> {
  const margin = 3600_000;
  const activities = (await ports.activities.list()).filter((a) => a.status !== 'cancelled');
  return activities.flatMap((activity) =>
    activity.sessions.filter((s) => usable(s) && Date.parse(s.start) - margin <= end && Date.parse(s.end) + margin >= start).map((session) => ({ activity, session })),
  );
}

/** The most recent sessions that have started (for a coordinator who wrote only "närvaro"). */
export async function recentSessions(ports: AttendancePorts, now: number, limit = 10): Promise<Target[]> {
  const activities = (await ports.activities.list()).filter((a) => a.status !== 'cancelled');
  return activities
    .flatMap((activity) => activity.sessions.filter((s) => usable(s) && Date.parse(s.start) <= now + 3600_000).map((session) => ({ activity, session })))
    .sort((a, b) => Date.parse(b.session.start) - Date.parse(a.session.start))
    .slice(0, limit);
}

/** Whether a report's meeting time could be this session (six hours' slack for late exports and time zones). */
export function reportFitsSession(session: Session, reportStart: number | undefined, reportEnd: number | undefined): boolean {
  if (reportStart === undefined) return true;
  const slack = 6 * 3600_000;
  const end = reportEnd ?? reportStart;
  return reportStart <= Date.parse(session.end) + slack && end >= Date.parse(session.start) - slack;
}
