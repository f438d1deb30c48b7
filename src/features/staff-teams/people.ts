import type { EventTurn } from '../../platform/teams/turn';
import { TeamsMemberSchema } from '../../platform/teams/member';
import { createHash } from 'node:crypto';
import type { Person } from '../../kernel/people';
import type { StaffTeamPorts } from './ports';
import { releaseHeld } from './heldNotices';
import type { TypedPerson } from './rules';

/** People typed by e-mail get a stable id until they show up in Teams; the e-mail itself is never an id. */
export function emailUserId(email: string): string {
  return `email-${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 40)}`;
}

export const isEmailUser = (userId: string) => userId.startsWith('email-');

/** Someone a form named, as far as the directory (and Teams) knows them; nothing written yet. */
export interface ResolvedPerson {
  userId: string;
  name: string;
  /** Known or just learned e-mail (lower case). */
  email?: string;
  organizationId?: string;
  mri?: string;
  /** What to write when the registration goes ahead. */
  pending?: { name: string; email?: string; mri?: string; serviceUrl?: string; tenantId?: string };
}

function fromPerson(p: Person): ResolvedPerson {
  return {
    userId: p.aadObjectId,
    name: p.name ?? '',
    ...(p.email ? { email: p.email } : {}),
    ...(p.organizationId ? { organizationId: p.organizationId } : {}),
    ...(p.mri ? { mri: p.mri } : {}),
  };
}

/** Typed "name <e-mail>" lines: a known e-mail resolves to the person it belongs to (merged or not). */
export async function resolveTyped(ports: StaffTeamPorts, people: readonly TypedPerson[]): Promise<ResolvedPerson[]> {
  return Promise.all(
    people.map(async (t) => {
      const id = emailUserId(t.email);
      const found = (await ports.directory.person(id))?.doc;
      if (found?.mergedInto) {
        const target = (await ports.directory.person(found.mergedInto))?.doc;
        if (target) return fromPerson(target);
      }
      if (found) return { ...fromPerson(found), name: found.name || t.name, email: t.email };
      return { userId: id, name: t.name, email: t.email, pending: { name: t.name, email: t.email } };
    }),
  );
}

/**
 * People picked with the people picker (Entra object ids). Someone the bot has never met is
 * looked up in the conversation of the turn (a team channel or group chat knows its members),
 * so they can be told 1:1; otherwise they are kept by id alone.
 */
export async function resolvePicked(ports: StaffTeamPorts, turn: Pick<EventTurn, 'conversation' | 'member'>, ids: readonly string[]): Promise<ResolvedPerson[]> {
  const known = await ports.directory.people(ids);
  const personal = turn.conversation.type === 'personal';
  return Promise.all(
    ids.map(async (id) => {
      const p = known.get(id);
      if (p?.mri) return fromPerson(p);
      if (!personal) {
        try {
          const m = TeamsMemberSchema.safeParse(await turn.member(id));
          if (m.success && m.data.aadObjectId === id) {
            const email = (m.data.email ?? m.data.userPrincipalName ?? '').toLowerCase();
            return {
              ...(p ? fromPerson(p) : { userId: id, name: '' }),
              name: p?.name || m.data.name || '',
              ...(email.includes('@') ? { email } : {}),
              mri: m.data.id,
              pending: {
                name: m.data.name ?? '',
                mri: m.data.id,
                serviceUrl: turn.conversation.serviceUrl,
                ...(email.includes('@') ? { email } : {}),
                ...(m.data.tenantId ? { tenantId: m.data.tenantId } : {}),
              },
            };
          }
        } catch (err) {
          ports.log.debug({ err: String(err).slice(0, 120) }, 'picked person not found in the conversation');
        }
      }
      return p ? fromPerson(p) : { userId: id, name: '', pending: { name: '' } };
    }),
  );
}

/** Distinct people: the same Teams user picked twice, or typed by an e-mail that is theirs, count once. */
export function distinctPeople(people: readonly ResolvedPerson[]): ResolvedPerson[] {
  const out = new Map<string, ResolvedPerson>();
  const emails = new Set<string>();
  for (const p of people) {
    if (out.has(p.userId) || (p.email && emails.has(p.email))) continue;
    out.set(p.userId, p);
    if (p.email) emails.add(p.email);
  }
  return [...out.values()];
}

/** Writes what resolving learned (new e-mail people, Teams details), and the organisation where none is stored. */
export async function persistPeople(ports: StaffTeamPorts, people: readonly ResolvedPerson[], organizationId: string): Promise<void> {
  for (const r of people) {
    if (!r.pending && (r.organizationId || !organizationId)) continue;
    const pending = r.pending;
    const saved = await ports.directory.updatePerson(r.userId, (p) => ({
      ...p,
      ...(pending?.name && !p.name ? { name: pending.name } : {}),
      ...(pending?.email ? { email: pending.email } : {}),
      ...(pending?.mri ? { mri: pending.mri } : {}),
      ...(pending?.serviceUrl && !p.serviceUrl ? { serviceUrl: pending.serviceUrl } : {}),
      ...(pending?.tenantId && !p.tenantId ? { tenantId: pending.tenantId } : {}),
      ...(p.organizationId || !organizationId ? {} : { organizationId }),
    }));
    if (pending?.email && !isEmailUser(r.userId)) await linkEmail(ports, saved.aadObjectId, pending.email, pending.mri);
  }
}

/** A Teams user's e-mail became known: a person typed with that e-mail is merged into them. */
export async function linkEmail(ports: StaffTeamPorts, aadObjectId: string, email: string, mri?: string): Promise<void> {
  const id = emailUserId(email);
  const found = (await ports.directory.person(id))?.doc;
  if (found?.mergedInto === aadObjectId) return;
  if (found && !found.mergedInto) {
    await mergePerson(ports, { from: found, to: aadObjectId, ...(mri ? { mri } : {}) });
    return;
  }
  // Remember the link, so the e-mail typed later resolves to the Teams user at once.
  await ports.directory.updatePerson(id, (p) => ({ ...p, email: email.toLowerCase(), mergedInto: aadObjectId }));
}

/**
 * Moves everything of a person known by e-mail onto their Teams account: seat entries (through
 * the seat committer, so a place held twice becomes one), team principals, rosters, profile.
 */
async function mergePerson(ports: StaffTeamPorts, input: { from: Person; to: string; mri?: string }): Promise<void> {
  const from = input.from.aadObjectId;
  const to = input.to;
  for (const seats of await ports.activities.seatsWithUser(from)) {
    const activity = await ports.activities.get(seats.activityId);
    if (!activity) continue;
    await ports.seats.submit({
      activityId: seats.activityId,
      scope: seats.scope,
      capacity: activity.doc.capacity,
      op: { kind: 'merge', fromUserId: from, toUserId: to, ...(input.mri ? { mri: input.mri } : {}) },
    });
    ports.events.emit('seatsChanged', { activityId: seats.activityId });
  }
  const groups = ports.groups;
  for (const team of await groups.teams.withPrincipal(from)) {
    await groups.teams.update(team.activityId, team.teamId, (t) => ({ ...t, principalId: to }));
  }
  for (const m of await groups.networks.membershipsOf(from)) {
    await groups.networks.putMember({
      networkId: m.networkId,
      userId: to,
      source: m.source,
      addedBy: m.addedBy,
      now: ports.now(),
      ...(m.organizationId ? { organizationId: m.organizationId } : {}),
      ...(m.jobRole ? { jobRole: m.jobRole } : {}),
    });
    if (m.remindersOff) await groups.networks.setRemindersOff(m.networkId, to, true, ports.now());
    await groups.networks.removeMember(m.networkId, from);
  }
  const old = input.from;
  await ports.directory.updatePerson(to, (p) => ({
    ...p,
    name: p.name || old.name,
    email: p.email ?? old.email,
    organizationId: p.organizationId ?? old.organizationId,
    organizationOther: p.organizationOther ?? old.organizationOther,
    jobRole: p.jobRole ?? old.jobRole,
  }));
  await ports.directory.updatePerson(from, (p) => ({ ...p, mergedInto: to }));
  ports.log.info({ from, to }, 'person merged');
  // What they were told while known only by e-mail reaches them now, once.
  try {
    await releaseHeld(ports, { from, to });
  } catch (err) {
    ports.log.warn({ err: String(err).slice(0, 120), from, to }, 'held notices not handed on');
  }
}

/**
 * The first turn of someone new: notices held for them (picked before the bot had met them) go
 * out, and Teams is asked who they are (learnIdentity): a person typed with their e-mail earlier
 * is merged now (with the notices held for that person). Failures only cost the merge, never the turn.
 */
export async function mergeNewcomer(ports: StaffTeamPorts, turn: EventTurn, aadObjectId: string): Promise<void> {
  try {
    await releaseHeld(ports, { from: aadObjectId, to: aadObjectId });
  } catch (err) {
    ports.log.warn({ err: String(err).slice(0, 120) }, 'held notices not handed on');
  }
  await learnIdentity(ports, turn, aadObjectId);
}

/** How long what Teams said about a person's e-mail and UPN is trusted before it is asked again. */
const IDENTITY_REFRESH_DAYS = 30;

/** True when Teams should be asked for this person's e-mail and UPN (never asked, or long ago). */
export function identityStale(p: Person | null | undefined, now: Date): boolean {
  if (!p?.identityAt) return true;
  return now.getTime() - Date.parse(p.identityAt) > IDENTITY_REFRESH_DAYS * 24 * 3_600_000;
}

const addressOf = (v: string | undefined) => {
  const a = (v ?? '').trim().toLowerCase();
  return a.includes('@') && a.length <= 320 ? a : undefined;
};

/**
 * Asks Teams (one GET member) for the e-mail and UPN of the user behind this turn and stores
 * them, lower case, with the time asked; with teams and rosters wired, a person typed with that
 * address earlier becomes them. Failures are logged (ids only) and cost nothing else.
 */
export async function learnIdentity(ports: StaffTeamPorts, turn: Pick<EventTurn, 'member' | 'fromId'>, aadObjectId: string): Promise<void> {
  try {
    const m = turn.fromId ? TeamsMemberSchema.safeParse(await turn.member(turn.fromId)) : null;
    if (!m?.success || m.data.aadObjectId !== aadObjectId) {
      ports.log.info({ userId: aadObjectId }, 'teams did not say who the user is');
      return;
    }
    const email = addressOf(m.data.email);
    const upn = addressOf(m.data.userPrincipalName);
    const at = ports.now().toISOString();
    await ports.directory.updatePerson(aadObjectId, (p) => ({
      ...p,
      // What Teams says replaces what was typed for them; a field Teams leaves out is kept.
      ...((email ?? upn) ? { email: email ?? upn } : {}),
      ...(upn ? { upn } : {}),
      identityAt: at,
    }));
    const address = email ?? upn;
    if (address) await linkEmail(ports, aadObjectId, address, m.data.id);
    ports.log.debug({ userId: aadObjectId, email: !!email, upn: !!upn }, 'teams identity learned');
  } catch (err) {
    ports.log.info({ userId: aadObjectId, err: String(err).slice(0, 120) }, 'teams identity not looked up');
  }
}
