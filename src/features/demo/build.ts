import { derive, thresholdSeconds, type Attendance } from '../../kernel/attendance';
import type { Activity, Session } from '../../kernel/activity';
import type { JobRole, Person } from '../../kernel/people';
import { emptySeats, type SeatEntry, type Seats } from '../../kernel/seats';
import { stockholmToUtc } from '../../kernel/time';
import { personKey } from '../attendance';
import { DEMO_ACTIVITIES, EXTERNAL_ORGANISERS, FIRST_NAMES, LAST_NAMES, type DemoActivity } from './dataset';

// Expands the demo facts (dataset.ts) into the documents the bot stores: activities, seat lists,
// attendance and people. Deterministic: the same facts give the same documents every time.

export const DEMO_PREFIX = 'demo-';
/** Demo people's object ids start with this, so they are never mistaken for real users. */
export const DEMO_USER_PREFIX = 'de000000-0000-4000-8000-';

export interface DemoData {
  activities: Activity[];
  seats: Seats[];
  attendance: Attendance[];
  people: Person[];
}

const CREATED = '2018-01-08T08:00:00.000Z';

class People {
  private readonly byKey = new Map<string, Person>();

  /** The k-th person of this role from this organisation: the same person in every activity. */
  get(org: string, role: JobRole, k: number, external?: string): Person {
    const key = `${org}|${external ?? ''}|${role}|${k}`;
    const found = this.byKey.get(key);
    if (found) return found;
    const n = this.byKey.size;
    const aad = `${DEMO_USER_PREFIX}${n.toString(16).padStart(12, '0')}`;
    const first = FIRST_NAMES[(n * 7 + k) % FIRST_NAMES.length] ?? 'Åsa';
    const last = LAST_NAMES[(n * 5 + Math.floor(n / FIRST_NAMES.length)) % LAST_NAMES.length] ?? 'Öberg';
    const p: Person = {
      id: `person-${aad}`,
      pk: `person-${aad}`,
      type: 'person',
      aadObjectId: aad,
      name: `${first} ${last}`,
      organizationId: external ? 'other' : org,
      ...(external ? { organizationOther: external } : {}),
      jobRole: role,
      roles: [],
      locale: 'sv-SE',
      updatedAt: CREATED,
    };
    this.byKey.set(key, p);
    return p;
  }

  all(): Person[] {
    return [...this.byKey.values()];
  }
}

function sessionsOf(d: DemoActivity): Session[] {
  return d.sessions.map((x, i) => ({
    id: `s${i + 1}`,
    start: stockholmToUtc(x.date, x.start).toISOString(),
    end: stockholmToUtc(x.date, x.end).toISOString(),
    status: x.cancelled ? 'cancelled' : d.status === 'cancelled' ? 'cancelled' : Date.parse(stockholmToUtc(x.date, x.end).toISOString()) < Date.parse('2023-01-01T00:00:00Z') ? 'held' : 'scheduled',
  }));
}

function activityOf(d: DemoActivity): Activity {
  const sessions = sessionsOf(d);
  const first = d.sessions[0]?.date ?? '2020-01-01';
  const deadline = new Date(Date.parse(`${first}T12:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
  return {
    id: `${DEMO_PREFIX}${d.key}`,
    activityId: `${DEMO_PREFIX}${d.key}`,
    type: 'activity',
    title: d.title,
    kind: d.kind,
    purpose: d.purpose,
    targetGroup: d.targetGroup,
    format: d.format,
    prerequisites: { before: '', during: '', after: '' },
    sessions,
    capacity: d.capacity,
    minParticipants: d.minParticipants,
    deadline,
    registrationMode: d.mode,
    status: d.status,
    ...(d.series ? { series: d.series } : {}),
    createdBy: 'demo',
    createdAt: CREATED,
    updatedAt: CREATED,
    publishedAt: CREATED,
    // The demo is history: the planner writes no reminders, surveys or nudges for it.
    historic: true,
  };
}

/** Who registers: teams (a leader and the people they registered), or people round the organisations. */
function registrants(d: DemoActivity, people: People): { person: Person; by?: string }[] {
  const from = d.from.filter((o) => !(d.absentOrgs ?? []).includes(o));
  const perOrg = new Map<string, number>();
  const next = (org: string, role: JobRole, external?: string) => {
    const key = `${org}|${external ?? ''}|${role}`;
    const k = perOrg.get(key) ?? 0;
    perOrg.set(key, k + 1);
    return people.get(org, role, k, external);
  };
  if (d.teams) {
    const out: { person: Person; by?: string }[] = [];
    const teamFrom = d.teams.from ?? from;
    for (let i = 0; i < d.teams.count; i++) {
      const org = teamFrom[i % teamFrom.length] ?? 'ange';
      const leader = next(org, d.role === 'teacher' ? 'principal' : 'schoolLeader');
      out.push({ person: leader, by: leader.aadObjectId });
      for (let j = 1; j < d.teams.size; j++) out.push({ person: next(org, d.role === 'schoolLeader' ? 'developer' : d.role), by: leader.aadObjectId });
    }
    return out;
  }
  const externals = Math.round(d.registered * (d.external ?? 0));
  return Array.from({ length: d.registered }, (_, i) => {
    if (i >= d.registered - externals) return { person: next('other', d.role, EXTERNAL_ORGANISERS[i % EXTERNAL_ORGANISERS.length]) };
    return { person: next(from[i % from.length] ?? 'ange', d.role) };
  });
}

/**
 * Who is present at each session: `participants` people in all, each at one session or more,
 * session i having present[i] of them. Those not yet seen fill a session first.
 */
export function presenceSets(registered: number, present: readonly number[], participants?: number): number[][] {
  const total = Math.min(registered, participants ?? Math.max(0, ...present));
  const pool = Array.from({ length: total }, (_, i) => i);
  const unseen = new Set(pool);
  return present.map((n, s) => {
    const count = Math.min(n, total);
    const chosen: number[] = [...unseen].slice(0, Math.max(0, count - (s === 0 ? 0 : Math.floor(count / 2))));
    // Then people already seen, rotated so the same few are not always the ones missing.
    for (let i = 0; chosen.length < count && i < total; i++) {
      const p = pool[(i + s * 3) % total] as number;
      if (!chosen.includes(p)) chosen.push(p);
    }
    for (const p of chosen) unseen.delete(p);
    return chosen.sort((a, b) => a - b);
  });
}

function attendanceDoc(activity: Activity, session: Session, person: Person, seconds: number): Attendance {
  const start = Date.parse(session.start);
  const key = personKey({ aadObjectId: person.aadObjectId });
  const report = { importId: 'demo', spans: [{ start: new Date(start).toISOString(), end: new Date(start + seconds * 1000).toISOString() }], seconds };
  const person_ = {
    aadObjectId: person.aadObjectId,
    name: person.name,
    ...(person.organizationId ? { organizationId: person.organizationId } : {}),
    ...(person.organizationOther ? { organizationOther: person.organizationOther } : {}),
  };
  return {
    id: `att-${session.id}-${key}`,
    activityId: activity.id,
    type: 'attendance',
    sessionId: session.id,
    personKey: key,
    person: person_,
    report,
    ...derive({ report }, { thresholdSeconds: thresholdSeconds(activity, session) }),
    createdAt: session.end,
    updatedAt: session.end,
  };
}

/** The whole demo, as documents. */
export function buildDemo(facts: readonly DemoActivity[] = DEMO_ACTIVITIES): DemoData {
  const people = new People();
  const out: DemoData = { activities: [], seats: [], attendance: [], people: [] };
  for (const d of facts) {
    const activity = activityOf(d);
    out.activities.push(activity);
    const regs = registrants(d, people);
    const at = new Date(Date.parse(`${activity.deadline}T12:00:00Z`) - 14 * 86_400_000).toISOString();
    const entry = (r: { person: Person; by?: string }, i: number): SeatEntry => ({
      userId: r.person.aadObjectId,
      status: i < d.capacity * (d.teams ? d.teams.size : 1) ? 'registered' : 'waitlisted',
      at: new Date(Date.parse(at) + i * 3_600_000).toISOString(),
      ...(r.by && r.by !== r.person.aadObjectId ? { byUserId: r.by } : {}),
    });
    const scopes = d.mode === 'series' ? ['series'] : activity.sessions.map((s) => s.id);
    for (const scope of scopes) {
      const seats = emptySeats(activity.id, scope, d.capacity);
      seats.entries = regs.map(entry);
      seats.userIds = seats.entries.map((e) => e.userId);
      out.seats.push(seats);
    }
    if (!d.present) continue;
    // Attendance for the held sessions the facts give figures for (later ones have not happened).
    const held = activity.sessions.filter((s) => s.status !== 'cancelled').slice(0, d.present.length);
    const sets = presenceSets(regs.length, d.present, d.participants);
    held.forEach((session, i) => {
      const here = new Set(sets[i] ?? []);
      const length = (Date.parse(session.end) - Date.parse(session.start)) / 1000;
      regs.forEach((r, j) => {
        if (here.has(j)) out.attendance.push(attendanceDoc(activity, session, r.person, Math.round(length * (0.8 + ((j * 7 + i) % 5) * 0.05))));
        // Some who were not there joined for a few minutes.
        else if ((j + i) % 4 === 0) out.attendance.push(attendanceDoc(activity, session, r.person, 300 + ((j * 13) % 5) * 60));
      });
    });
  }
  out.people = people.all();
  return out;
}
