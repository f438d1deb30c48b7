import { z } from 'zod';
import type { Activity } from '../../kernel/activity';
import { organizationOfAddress, type JobRole, type Organization, type Person } from '../../kernel/people';
import type { Seats } from '../../kernel/seats';
import { personKey } from '../attendance';

// What the reports read about one activity, as rows with the person's organisation resolved.
// The statistics (stats.ts) work on these rows only; access.ts decides which rows a viewer gets.

/** The fields of an attendance document "who attended" needs (a projection: see store.ts). */
export const PresenceDocSchema = z.object({
  sessionId: z.string(),
  personKey: z.string(),
  aadObjectId: z.string().optional(),
  name: z.string().optional(),
  organizationId: z.string().optional(),
  /** Only to attribute an attendee to an organisation by domain; never shown. */
  email: z.string().optional(),
  upn: z.string().optional(),
  minutes: z.number().int().min(0),
  present: z.boolean(),
});
export type PresenceDoc = z.infer<typeof PresenceDocSchema>;

export interface PersonFields {
  name: string;
  /** The organisation's id, "other", or null when nobody said. */
  organizationId: string | null;
  jobRole?: JobRole | undefined;
}

interface PresenceRow extends PersonFields {
  activityId: string;
  sessionId: string;
  personKey: string;
  aadObjectId?: string | undefined;
  minutes: number;
  present: boolean;
}

export interface RegistrationRow extends PersonFields {
  activityId: string;
  /** A session id, or "series". */
  scope: string;
  personKey: string;
  aadObjectId: string;
  status: 'registered' | 'waitlisted';
  /** Place in its seat list, from 1, registered first then the waiting list, as stored. */
  order: number;
  at: string;
  /** Who made the registration when it was not the person (a principal registering a team). */
  byUserId?: string | undefined;
  /** The team the place belongs to (src/features/staff-teams). */
  teamId?: string | undefined;
}

export interface ActivityRecords {
  activity: Activity;
  /** Sessions with any attendance recorded, whoever it is about (kept when rows are filtered for a viewer). */
  recordedSessions: string[];
  presence: PresenceRow[];
  registrations: RegistrationRow[];
}

/** Someone nobody placed in an organisation: the organisation their address's domain belongs to, if any. */
function byDomain(orgs: readonly Organization[], ...addresses: (string | undefined)[]): string | undefined {
  for (const a of addresses) {
    const id = organizationOfAddress(a, orgs);
    if (id) return id;
  }
  return undefined;
}

/**
 * Joins an activity's attendance and seat lists with the directory's people. Walk-ins and guests
 * nobody placed count for the organisation of their e-mail domain (organisations' `domains`).
 */
export function toRecords(activity: Activity, presence: readonly PresenceDoc[], seats: readonly Seats[], people: ReadonlyMap<string, Person>, orgs: readonly Organization[] = []): ActivityRecords {
  const rows: PresenceRow[] = presence.map((d) => {
    const p = d.aadObjectId ? people.get(d.aadObjectId) : undefined;
    return {
      activityId: activity.id,
      sessionId: d.sessionId,
      personKey: d.personKey,
      ...(d.aadObjectId ? { aadObjectId: d.aadObjectId } : {}),
      name: d.name ?? p?.name ?? '',
      // The organisation recorded with the attendance is what it was then; the directory is now.
      organizationId: d.organizationId ?? p?.organizationId ?? byDomain(orgs, d.email, d.upn, p?.email, p?.upn) ?? null,
      ...(p?.jobRole ? { jobRole: p.jobRole } : {}),
      minutes: d.minutes,
      present: d.present,
    };
  });
  const registrations: RegistrationRow[] = seats.flatMap((s) =>
    s.entries.map((e, i) => {
      const p = people.get(e.userId);
      return {
        activityId: activity.id,
        scope: s.scope,
        personKey: personKey({ aadObjectId: e.userId }),
        aadObjectId: e.userId,
        name: p?.name ?? '',
        organizationId: p?.organizationId ?? byDomain(orgs, p?.email, p?.upn) ?? null,
        ...(p?.jobRole ? { jobRole: p.jobRole } : {}),
        status: e.status,
        order: i + 1,
        at: e.at,
        ...(e.byUserId && e.byUserId !== e.userId ? { byUserId: e.byUserId } : {}),
        ...(e.teamId ? { teamId: e.teamId } : {}),
      };
    }),
  );
  return { activity, recordedSessions: [...new Set(presence.map((d) => d.sessionId))], presence: rows, registrations };
}

/** The people whose directory entries the rows need. */
export function peopleIds(presence: readonly PresenceDoc[], seats: readonly Seats[]): string[] {
  const ids = new Set<string>();
  for (const d of presence) if (d.aadObjectId) ids.add(d.aadObjectId);
  for (const s of seats)
    for (const e of s.entries) {
      ids.add(e.userId);
      if (e.byUserId) ids.add(e.byUserId);
    }
  return [...ids];
}
