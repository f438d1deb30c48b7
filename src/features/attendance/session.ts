import { refused } from '../refusal';
import { seatScope, type Activity, type Session } from '../../kernel/activity';
import { derive, thresholdSeconds, type Attendance, type DeriveContext } from '../../kernel/attendance';
import { isPreconditionFailed } from '../../platform/cosmos/errors';
import type { AttendancePorts } from './ports';
import type { Candidate } from './match';
import { personKey } from './match';
import type { SessionMeeting } from './schemas';
import type { AttendanceRepository } from './store';

/** A session with what every attendance write needs: the rule's threshold and the meeting's end. */
export interface SessionCtx {
  activity: Activity;
  session: Session;
  meeting: SessionMeeting | null;
  derive: DeriveContext;
}

export function attendanceRepo(ports: AttendancePorts): AttendanceRepository {
  return ports.attendance.repo;
}

export function contextOf(activity: Activity, session: Session, meeting: SessionMeeting | null): SessionCtx {
  return {
    activity,
    session,
    meeting,
    derive: { thresholdSeconds: thresholdSeconds(activity, session), ...(meeting?.endedAt ? { meetingEndedAt: Date.parse(meeting.endedAt) } : {}) },
  };
}

export async function loadSession(ports: AttendancePorts, activityId: string, sessionId: string): Promise<SessionCtx> {
  const found = await ports.activities.get(activityId);
  if (!found) throw refused('notFound');
  const session = found.doc.sessions.find((s) => s.id === sessionId);
  if (!session) throw refused('sessionNotInActivity');
  return contextOf(found.doc, session, await attendanceRepo(ports).meeting(activityId, sessionId));
}

export interface PersonInfo {
  aadObjectId?: string | undefined;
  mri?: string | undefined;
  email?: string | undefined;
  upn?: string | undefined;
  name?: string | undefined;
  organizationId?: string | undefined;
  organizationOther?: string | undefined;
}

function mergePerson(current: Attendance['person'], add: PersonInfo): Attendance['person'] {
  const out: Attendance['person'] = { ...current };
  for (const k of ['aadObjectId', 'mri', 'email', 'upn', 'name', 'organizationId', 'organizationOther'] as const) {
    const v = add[k];
    if (v && !out[k]) out[k] = k === 'name' ? v.slice(0, 200) : v;
  }
  return out;
}

/** JSON with sorted keys, so two documents that say the same compare equal whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const same = (a: Omit<Attendance, 'updatedAt'>, b: Omit<Attendance, 'updatedAt'>) => canonical(a) === canonical(b);

function withoutUpdated(d: Attendance): Omit<Attendance, 'updatedAt'> {
  const { updatedAt: _u, ...rest } = d;
  return rest;
}

/**
 * Changes one person's attendance in a session: the change touches its own source only, the
 * person's identity is completed, the rule is applied again. Writes nothing when the result
 * equals what is stored, so a repeated event or import changes nothing.
 */
export async function recordFor(
  ports: AttendancePorts,
  ctx: SessionCtx,
  input: { key: string; person: PersonInfo; change: (doc: Attendance) => Attendance },
): Promise<{ doc: Attendance | null; changed: boolean }> {
  const now = ports.now().toISOString();
  return attendanceRepo(ports).update(ctx.activity.id, ctx.session.id, input.key, (current) => {
    const base: Attendance = current ?? {
      id: '',
      activityId: ctx.activity.id,
      type: 'attendance',
      sessionId: ctx.session.id,
      personKey: input.key,
      person: {},
      seconds: 0,
      minutes: 0,
      present: false,
      presentBy: 'none',
      createdAt: now,
      updatedAt: now,
    };
    const changed = input.change({ ...base, person: mergePerson(base.person, input.person) });
    const next: Attendance = { ...changed, id: `att-${ctx.session.id}-${input.key}`, ...derive(changed, ctx.derive) };
    if (current && same(withoutUpdated(current), withoutUpdated(next))) return null;
    return { ...next, updatedAt: now };
  });
}

/** Applies the rule again to everyone in a session (after the meeting ended or the threshold changed). */
export async function recomputeSession(ports: AttendancePorts, ctx: SessionCtx): Promise<number> {
  const docs = await attendanceRepo(ports).ofSession(ctx.activity.id, ctx.session.id);
  let changed = 0;
  for (const d of docs) {
    const r = await recordFor(ports, ctx, { key: d.personKey, person: {}, change: (doc) => doc });
    if (r.changed) changed++;
  }
  return changed;
}

/** Scheduled → held, once; cancelled sessions stay cancelled. */
export async function markHeld(ports: AttendancePorts, activityId: string, sessionId: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const found = await ports.activities.get(activityId);
    const session = found?.doc.sessions.find((s) => s.id === sessionId);
    if (!found || !session || session.status !== 'scheduled') return;
    const next: Activity = {
      ...found.doc,
      sessions: found.doc.sessions.map((s) => (s.id === sessionId ? { ...s, status: 'held' as const } : s)),
      updatedAt: ports.now().toISOString(),
    };
    try {
      await ports.activities.replace(next, found.etag);
      ports.log.info({ activityId, sessionId }, 'session marked held');
      return;
    } catch (err) {
      if (!isPreconditionFailed(err)) throw err;
    }
  }
  throw refused('conflict');
}

export interface Registrant {
  key: string;
  aadObjectId: string;
  mri?: string | undefined;
  name: string;
  organizationId?: string | undefined;
  organizationOther?: string | undefined;
  /** E-mail and UPN as Teams told them (lower case), to match report rows by. */
  addresses?: string[] | undefined;
}

/** Who holds a place for this session (directly, or through the whole series). */
export async function registrantsOf(ports: AttendancePorts, activity: Activity, sessionId: string): Promise<Registrant[]> {
  const seats = (await ports.activities.seatsOf(activity.id)).get(seatScope(activity, sessionId));
  const entries = (seats?.entries ?? []).filter((e) => e.status === 'registered');
  const people = await ports.directory.people(entries.map((e) => e.userId));
  return entries.map((e) => {
    const p = people.get(e.userId);
    return {
      key: personKey({ aadObjectId: e.userId }),
      aadObjectId: e.userId,
      mri: e.mri ?? p?.mri,
      name: p?.name ?? '',
      organizationId: p?.organizationId,
      organizationOther: p?.organizationOther,
      addresses: [...new Set([p?.email, p?.upn].filter((v): v is string => !!v).map((v) => v.toLowerCase()))],
    };
  });
}

/**
 * Everyone a report row could be: the registrants (with addresses learned from earlier
 * sessions of the activity) and everyone already recorded for the session.
 */
export async function candidatesOf(ports: AttendancePorts, ctx: SessionCtx, registrants: readonly Registrant[]): Promise<{ candidates: Candidate[]; recorded: Attendance[] }> {
  const all = await attendanceRepo(ports).ofActivity(ctx.activity.id);
  const recorded = all.filter((d) => d.sessionId === ctx.session.id);
  const learned = new Map<string, Set<string>>();
  for (const d of all) {
    if (!d.person.aadObjectId) continue;
    const set = learned.get(d.person.aadObjectId) ?? new Set<string>();
    for (const e of [d.person.email, d.person.upn]) if (e) set.add(e.toLowerCase());
    learned.set(d.person.aadObjectId, set);
  }
  const registeredKeys = new Set(registrants.map((r) => r.key));
  const candidates: Candidate[] = registrants.map((r) => ({
    key: r.key,
    aadObjectId: r.aadObjectId,
    emails: [...new Set([...(r.addresses ?? []), ...(learned.get(r.aadObjectId) ?? [])])],
    names: r.name ? [r.name] : [],
    registered: true,
  }));
  for (const d of recorded) {
    if (registeredKeys.has(d.personKey)) continue;
    candidates.push({
      key: d.personKey,
      aadObjectId: d.person.aadObjectId,
      emails: [d.person.email, d.person.upn].filter((e): e is string => !!e),
      names: d.person.name ? [d.person.name] : [],
      registered: false,
    });
  }
  return { candidates, recorded };
}
