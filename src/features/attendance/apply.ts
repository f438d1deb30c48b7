import { mergeSpans, spanSeconds, type ParticipantRole, type Span } from '../../kernel/attendance';
import { organizationOfAddress } from '../../kernel/people';
import type { AttendancePorts } from './ports';
import { matchIdentities, personKey, type Identity, type Match } from './match';
import { candidatesOf, registrantsOf, type PersonInfo, type Registrant, type SessionCtx } from './session';

/** One person as a report file or Graph states them. */
export interface SourceRow extends Identity {
  name: string;
  role: ParticipantRole;
  spans: Span[];
  seconds: number;
  external?: boolean;
  lines?: number[];
}

/** Everything one source says about one person of the session, after matching. */
export interface PlannedPerson {
  key: string;
  by: Match<SourceRow>['by'];
  registered: boolean;
  ambiguousName: boolean;
  person: PersonInfo;
  role: ParticipantRole;
  spans: Span[];
  seconds: number;
  rows: SourceRow[];
}

export interface Plan {
  ctx: SessionCtx;
  registrants: Registrant[];
  people: PlannedPerson[];
}

const ROLE_RANK: Record<ParticipantRole, number> = { organizer: 3, presenter: 2, attendee: 1, unknown: 0 };

/**
 * Rows that matched nobody and carry an e-mail or UPN Teams gave us for exactly one person of the
 * directory are that person (their Teams id, and so their organisation).
 */
async function withDirectoryAddresses(ports: AttendancePorts, matches: Match<SourceRow>[], registrants: ReadonlyMap<string, Registrant>): Promise<Match<SourceRow>[]> {
  const addressed = matches.filter((m) => m.by === 'new' && !m.row.aadObjectId && (m.row.email || m.row.upn));
  if (addressed.length === 0) return matches;
  const found = await ports.directory.peopleByAddress(addressed.flatMap((m) => [m.row.email, m.row.upn].filter((a): a is string => !!a)));
  const byAddress = new Map<string, Set<string>>();
  for (const p of found) {
    for (const a of [p.email, p.upn]) if (a) byAddress.set(a, (byAddress.get(a) ?? new Set()).add(p.aadObjectId));
  }
  return matches.map((m) => {
    if (m.by !== 'new' || m.row.aadObjectId) return m;
    const ids = new Set([m.row.email, m.row.upn].flatMap((a) => [...(byAddress.get(a?.toLowerCase() ?? '') ?? [])]));
    if (ids.size !== 1) return m;
    const row = { ...m.row, aadObjectId: [...ids][0] };
    const key = personKey(row);
    return registrants.has(key) ? { row, key, by: 'email' } : { row, key, by: 'new' };
  });
}

/**
 * Rows that matched nobody and carry only a name: when exactly one person in the directory has
 * that display name, they are that person (their Teams id, and so their organisation).
 */
async function withDirectoryIds(ports: AttendancePorts, matches: Match<SourceRow>[], registrants: ReadonlyMap<string, Registrant>): Promise<Match<SourceRow>[]> {
  const nameless = matches.filter((m) => m.by === 'new' && !m.row.aadObjectId && !m.ambiguousName && m.row.name);
  if (nameless.length === 0) return matches;
  const found = await ports.attendance.repo.peopleNamed(nameless.map((m) => m.row.name));
  const byName = new Map<string, string[]>();
  for (const p of found) if (p.name) byName.set(p.name, [...(byName.get(p.name) ?? []), p.aadObjectId]);
  // A name is not trusted against an address Teams gave us for that person that says otherwise.
  const addresses = new Map(found.map((p) => [p.aadObjectId, [p.email, p.upn].filter((a): a is string => !!a)]));
  const conflicts = (row: SourceRow, id: string) => {
    const known = addresses.get(id) ?? [];
    const given = [row.email, row.upn].filter((a): a is string => !!a).map((a) => a.toLowerCase());
    return known.length > 0 && given.length > 0 && !given.some((a) => known.includes(a));
  };
  return matches.map((m) => {
    const named = m.by === 'new' && !m.row.aadObjectId ? byName.get(m.row.name) : undefined;
    const ids = named?.filter((id) => !conflicts(m.row, id));
    if (!ids || ids.length !== 1) return m;
    const row = { ...m.row, aadObjectId: ids[0] };
    const key = personKey(row);
    return registrants.has(key) ? { row, key, by: 'name' } : { row, key, by: 'new' };
  });
}

/** Matches rows to the session's people and joins rows that turn out to be the same person. */
export async function planRows(ports: AttendancePorts, ctx: SessionCtx, rows: readonly SourceRow[]): Promise<Plan> {
  const registrants = await registrantsOf(ports, ctx.activity, ctx.session.id);
  const { candidates } = await candidatesOf(ports, ctx, registrants);
  const byKey = new Map(registrants.map((r) => [r.key, r]));
  const matches = await withDirectoryIds(ports, await withDirectoryAddresses(ports, matchIdentities(rows, candidates), byKey), byKey);

  const people = new Map<string, PlannedPerson>();
  for (const m of matches) {
    const registrant = byKey.get(m.key);
    let p = people.get(m.key);
    if (!p) {
      p = {
        key: m.key,
        by: m.by,
        registered: !!registrant,
        ambiguousName: !!m.ambiguousName,
        person: registrant
          ? { aadObjectId: registrant.aadObjectId, mri: registrant.mri, name: registrant.name || undefined, organizationId: registrant.organizationId, organizationOther: registrant.organizationOther }
          : {},
        role: 'unknown',
        spans: [],
        seconds: 0,
        rows: [],
      };
      people.set(m.key, p);
    }
    p.rows.push(m.row);
    p.person = {
      ...p.person,
      aadObjectId: p.person.aadObjectId ?? m.row.aadObjectId,
      email: p.person.email ?? m.row.email,
      upn: p.person.upn ?? m.row.upn,
      name: p.person.name ?? m.row.name,
    };
    if (ROLE_RANK[m.row.role] > ROLE_RANK[p.role]) p.role = m.row.role;
  }
  for (const p of people.values()) {
    p.spans = mergeSpans(p.rows.flatMap((r) => r.spans));
    p.seconds = Math.max(spanSeconds(p.spans), ...p.rows.map((r) => r.seconds));
  }

  // Walk-ins with a Teams id: their organisation, when they have told us.
  const unknownOrg = [...people.values()].filter((p) => !p.registered && p.person.aadObjectId && !p.person.organizationId);
  const known = await ports.directory.people(unknownOrg.map((p) => p.person.aadObjectId as string));
  for (const p of unknownOrg) {
    const found = known.get(p.person.aadObjectId as string);
    if (found?.organizationId) p.person = { ...p.person, organizationId: found.organizationId, organizationOther: found.organizationOther };
  }
  // Anyone else (a guest, someone who never told us): the organisation their address's domain belongs to.
  const stillUnknown = [...people.values()].filter((p) => !p.registered && !p.person.organizationId && (p.person.email || p.person.upn));
  if (stillUnknown.length > 0) {
    const orgs = await ports.directory.organizations();
    for (const p of stillUnknown) {
      const org = organizationOfAddress(p.person.email, orgs) ?? organizationOfAddress(p.person.upn, orgs);
      if (org) p.person = { ...p.person, organizationId: org };
    }
  }
  return { ctx, registrants, people: [...people.values()] };
}

/** Runs fn over items with at most `limit` at a time; the first failure is rethrown after all settle. */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { err: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.err;
}
