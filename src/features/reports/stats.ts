import type { Activity } from '../../kernel/activity';
import { fold } from '../../kernel/text';
import { heldSessions, sessionNumber, yearOf } from './periods';
import type { ActivityRecords, PersonFields, RegistrationRow } from './records';
import type { Period } from './question';

// The figures of the network's annual report, as pure functions of the records.
//
// Counting rules (the same in the card, the export and the tests):
// - A participant of an activity is a person present at one or more of its sessions (in the
//   period) when attendance was recorded for the activity; when nothing was recorded at all
//   (a seminar that kept no attendance), a person registered (not waitlisted) instead. Which
//   basis a figure used is reported with it.
// - People are counted once per activity ("participations"); over several activities the
//   same person counts once for each activity they took part in, as the network's reports do.
// - A team is a registered team (seat entries sharing a team id), or else the people one person
//   (a principal, a head of education) registered on others' behalf in one activity, with that
//   person when they registered themselves too.
// - A run is one activity of a series: activities sharing a series key, or else a title.
// - A cancelled activity took no place: no participants and no teams, in every figure (its
//   registrations still show as registered in the runs table).

export type Basis = 'attendance' | 'registrations';

interface Participant extends PersonFields {
  personKey: string;
  aadObjectId?: string | undefined;
  /** Sessions present at (attendance basis) and minutes there. */
  sessions: string[];
  minutes: number;
  /** The earliest session the person took part in (or the activity's first). */
  firstAt: string;
}

export interface Participation {
  basis: Basis;
  participants: Participant[];
}

function sessionIdsOf(activity: Activity, period?: Period): Set<string> {
  return new Set(heldSessions(activity, period).map((s) => s.id));
}

function scopeCovers(scope: string, sessions: ReadonlySet<string>): boolean {
  return scope === 'series' ? sessions.size > 0 : sessions.has(scope);
}

/** Who took part in an activity (in the period), by the rules above. */
export function participationOf(rec: ActivityRecords, period?: Period): Participation {
  if (rec.activity.status === 'cancelled') return { basis: 'registrations', participants: [] };
  const sessions = sessionIdsOf(rec.activity, period);
  const startOf = new Map(rec.activity.sessions.map((s) => [s.id, s.start]));
  if (rec.recordedSessions.length > 0) {
    const byKey = new Map<string, Participant>();
    for (const r of rec.presence) {
      if (!r.present || !sessions.has(r.sessionId)) continue;
      const at = startOf.get(r.sessionId) ?? '';
      const p = byKey.get(r.personKey);
      if (p) {
        p.sessions.push(r.sessionId);
        p.minutes += r.minutes;
        if (at < p.firstAt) p.firstAt = at;
        if (p.organizationId === null && r.organizationId !== null) p.organizationId = r.organizationId;
        if (!p.name && r.name) p.name = r.name;
      } else {
        byKey.set(r.personKey, {
          personKey: r.personKey,
          ...(r.aadObjectId ? { aadObjectId: r.aadObjectId } : {}),
          name: r.name,
          organizationId: r.organizationId,
          ...(r.jobRole ? { jobRole: r.jobRole } : {}),
          sessions: [r.sessionId],
          minutes: r.minutes,
          firstAt: at,
        });
      }
    }
    return { basis: 'attendance', participants: [...byKey.values()] };
  }
  const first = heldSessions(rec.activity, period)[0]?.start ?? '';
  const byKey = new Map<string, Participant>();
  for (const r of rec.registrations) {
    if (r.status !== 'registered' || !scopeCovers(r.scope, sessions) || byKey.has(r.personKey)) continue;
    byKey.set(r.personKey, {
      personKey: r.personKey,
      aadObjectId: r.aadObjectId,
      name: r.name,
      organizationId: r.organizationId,
      ...(r.jobRole ? { jobRole: r.jobRole } : {}),
      sessions: [],
      minutes: 0,
      firstAt: r.scope === 'series' ? first : (startOf.get(r.scope) ?? first),
    });
  }
  return { basis: 'registrations', participants: [...byKey.values()] };
}

export interface Count {
  /** Organisation id; null for people whose organisation is not known. */
  key: string | null;
  count: number;
}

/** Counts per organisation, most first (ties by id, unknown last). */
export function countByOrganization(people: Iterable<{ organizationId: string | null }>): Count[] {
  const counts = new Map<string | null, number>();
  for (const p of people) counts.set(p.organizationId, (counts.get(p.organizationId) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || order(a.key, b.key));
}

function order(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

export interface SessionFigure {
  sessionId: string;
  number: number;
  start: string;
  registered: number;
  /** Present at the session; null when no attendance was recorded for it. */
  present: number | null;
}

/** Registered and present per held session, in time order: the drop curve. */
export function perSession(rec: ActivityRecords, period?: Period): SessionFigure[] {
  return heldSessions(rec.activity, period).map((s) => {
    const scope = rec.activity.registrationMode === 'series' ? 'series' : s.id;
    const registered = rec.registrations.filter((r) => r.scope === scope && r.status === 'registered').length;
    const present = rec.presence.filter((r) => r.sessionId === s.id && r.present).length;
    return { sessionId: s.id, number: sessionNumber(s), start: s.start, registered, present: rec.recordedSessions.includes(s.id) ? present : null };
  });
}

/** From the first to the last session with attendance: who was there at each end. */
export function dropOf(sessions: readonly SessionFigure[]): { first: number; last: number } | null {
  const known = sessions.filter((s) => s.present !== null);
  const a = known[0];
  const b = known[known.length - 1];
  if (!a || !b || known.length < 2) return null;
  return { first: a.present ?? 0, last: b.present ?? 0 };
}

export interface TeamFigure {
  /** The person who registered the team. */
  leaderId: string;
  organizationId: string | null;
  registered: number;
  participants: number;
}

/** Teams of an activity (see the rules above), largest first. */
export function teamsOf(rec: ActivityRecords, participation: Participation): TeamFigure[] {
  // A registered team (its seat entries share a teamId), else the people one person registered.
  const groups = new Map<string, { leaderId: string; members: RegistrationRow[] }>();
  for (const r of rec.registrations) {
    const key = r.teamId ? `team:${r.teamId}` : r.byUserId ? `by:${r.byUserId}` : null;
    if (r.status !== 'registered' || !key) continue;
    const g = groups.get(key) ?? { leaderId: r.byUserId ?? r.aadObjectId, members: [] };
    g.members.push(r);
    groups.set(key, g);
  }
  const present = new Set(participation.participants.map((p) => p.personKey));
  const out: TeamFigure[] = [];
  for (const [, { leaderId, members }] of groups) {
    const leader = members.some((m) => m.teamId) ? undefined : rec.registrations.find((r) => r.aadObjectId === leaderId && r.status === 'registered');
    const all = leader ? [leader, ...members.filter((m) => m.personKey !== leader.personKey)] : members;
    const keys = new Set(all.map((m) => m.personKey));
    out.push({
      leaderId,
      organizationId: leader?.organizationId ?? majorityOrganization(members),
      registered: keys.size,
      participants: [...keys].filter((k) => present.has(k)).length,
    });
  }
  return out.sort((a, b) => b.registered - a.registered || a.leaderId.localeCompare(b.leaderId));
}

function majorityOrganization(rows: readonly { organizationId: string | null }[]): string | null {
  return countByOrganization(rows)[0]?.key ?? null;
}

/** The series key an activity's runs share: its series, else its folded title. */
export function seriesKeyOf(activity: Activity): string {
  return activity.series ? `series:${activity.series}` : `title:${fold(activity.title)}`;
}

export interface RunFigure {
  activityId: string;
  seriesKey: string;
  title: string;
  firstStart: string;
  status: Activity['status'];
  sessions: number;
  registered: number;
  participants: number;
  teams: number;
  basis: Basis;
}

/** One line per activity: registered, participants and teams (in the period). */
export function runOf(rec: ActivityRecords, period?: Period): RunFigure {
  const participation = participationOf(rec, period);
  const registered = new Set(rec.registrations.filter((r) => r.status === 'registered').map((r) => r.personKey)).size;
  const held = heldSessions(rec.activity, period);
  return {
    activityId: rec.activity.id,
    seriesKey: seriesKeyOf(rec.activity),
    title: rec.activity.title,
    firstStart: held[0]?.start ?? rec.activity.sessions[0]?.start ?? '',
    status: rec.activity.status,
    sessions: held.length,
    registered,
    participants: participation.participants.length,
    teams: rec.activity.status === 'cancelled' ? 0 : teamsOf(rec, participation).length,
    basis: participation.basis,
  };
}

/** Runs of the same series, grouped, each group in time order; groups by their first run. */
export function runsBySeries(runs: readonly RunFigure[]): RunFigure[][] {
  const groups = new Map<string, RunFigure[]>();
  for (const r of runs) groups.set(r.seriesKey, [...(groups.get(r.seriesKey) ?? []), r]);
  return [...groups.values()].map((g) => [...g].sort((a, b) => a.firstStart.localeCompare(b.firstStart))).sort((a, b) => (a[0]?.firstStart ?? '').localeCompare(b[0]?.firstStart ?? ''));
}

export interface Representation {
  represented: string[];
  missing: string[];
  of: number;
}

/** Which of the given municipalities had someone there. */
export function representation(people: Iterable<{ organizationId: string | null }>, municipalities: readonly string[]): Representation {
  const seen = new Set<string>();
  for (const p of people) if (p.organizationId) seen.add(p.organizationId);
  return {
    represented: municipalities.filter((m) => seen.has(m)),
    missing: municipalities.filter((m) => !seen.has(m)),
    of: municipalities.length,
  };
}

/** Representation at each held session of a network meeting (present people only). */
export function representationPerSession(rec: ActivityRecords, municipalities: readonly string[], period?: Period): { sessionId: string; start: string; rep: Representation }[] {
  return heldSessions(rec.activity, period).map((s) => ({
    sessionId: s.id,
    start: s.start,
    rep: representation(
      rec.presence.filter((r) => r.sessionId === s.id && r.present),
      municipalities,
    ),
  }));
}

export interface YearCount {
  organizationId: string | null;
  year: number;
  count: number;
}

/** Participations per organisation and calendar year (the year of a person's first session in the activity). */
export function perOrganizationPerYear(records: readonly ActivityRecords[], period?: Period): YearCount[] {
  const counts = new Map<string, YearCount>();
  for (const rec of records) {
    for (const p of participationOf(rec, period).participants) {
      if (!p.firstAt) continue;
      const year = yearOf(p.firstAt);
      const k = `${p.organizationId ?? ''}|${year}`;
      const c = counts.get(k) ?? { organizationId: p.organizationId, year, count: 0 };
      c.count++;
      counts.set(k, c);
    }
  }
  return [...counts.values()].sort((a, b) => order(a.organizationId, b.organizationId) || a.year - b.year);
}

/** Participations per organisation over all the activities. */
export function perOrganizationOverall(records: readonly ActivityRecords[], period?: Period): Count[] {
  return countByOrganization(records.flatMap((rec) => participationOf(rec, period).participants));
}
