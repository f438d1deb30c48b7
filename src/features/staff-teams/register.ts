import { refused, Refusal, refusalOf } from '../refusal';
import type { EventTurn } from '../../platform/teams/turn';
import { registrationBlocker, seatScopes, type Activity } from '../../kernel/activity';
import type { Person } from '../../kernel/people';
import { seatsId, teamEntries, type SeatResult } from '../../kernel/seats';
import { loadActivity, notifyPromoted, scopeFor } from '../registration';
import type { Actor } from '../../kernel/actor';
import type { StaffTeamPorts } from './ports';
import { checkOrganization, peopleFromForm, refuseConflicts } from './check';
import { registrarOf, type Registrar } from './managers';
import { persistPeople, type ResolvedPerson } from './people';
import { askPrincipal, tellMembers, type Reach } from './teamNotices';
import { memberDiff, plainName, teamSizeProblem } from './rules';
import { TeamFormSchema, type TeamChange, type TeamDoc, type TeamForm } from './schemas';
import { teamIdFor } from './store';

export interface TeamEnv {
  ports: StaffTeamPorts;
  actor: Actor;
  person: Person | null;
  conversation: EventTurn['conversation'];
  member: EventTurn['member'];
}

/** Who heard from the bot just now, and who (by name) hears when they first open Träffpunkt. */
export interface TeamTold {
  told: number;
  waiting: { name: string; principal: boolean }[];
}

export type TeamSaved =
  | { outcome: 'already'; team: TeamDoc; size: number }
  | ({ outcome: 'registered'; team: TeamDoc; size: number } & TeamTold)
  | ({ outcome: 'waitlisted'; team: TeamDoc; size: number; position: number } & TeamTold)
  | ({ outcome: 'changed'; team: TeamDoc; added: number; removed: number } & TeamTold)
  | { outcome: 'unchanged'; team: TeamDoc };

function toldOf(people: readonly ResolvedPerson[], principalId: string, reaches: readonly Reach[]): TeamTold {
  const byId = new Map(people.map((p) => [p.userId, p]));
  const waiting = [...new Set(reaches.flatMap((r) => r.waiting))].map((id) => ({
    name: plainName(byId.get(id)?.name || byId.get(id)?.email || ''),
    principal: id === principalId,
  }));
  return { told: reaches.reduce((n, r) => n + r.told, 0), waiting };
}

interface Checked {
  activity: Activity;
  form: TeamForm;
  registrar: Registrar;
  scope: string;
  members: ResolvedPerson[];
  principal: ResolvedPerson;
  existing: TeamDoc | null;
}

/** Registers a team, or changes one (teamId given). Throws Refusal (nothing written) or DomainError. */
export async function saveTeam(turn: TeamEnv, raw: Record<string, unknown>): Promise<TeamSaved> {
  const c = await check(turn, raw);
  await persistPeople(turn.ports, [...c.members, c.principal], c.form.organizationId);
  return c.existing ? change(turn, c, c.existing) : create(turn, c);
}

async function check(turn: TeamEnv, raw: Record<string, unknown>): Promise<Checked> {
  const { ports, actor } = turn;
  const parsed = TeamFormSchema.safeParse(raw);
  if (!parsed.success) throw refusalOf(parsed.error);
  const form = parsed.data;
  const activity = await loadActivity(ports, form.activityId);
  if (!activity.team) throw refused('notForTeams');
  const registrar = await registrarOf(ports, actor.aadObjectId, turn.person);
  if (!registrar.coordinator && registrar.managerOf === null) throw new Refusal('team_errForbidden');
  const existing = form.teamId ? ((await ports.groups.teams.get(activity.id, form.teamId))?.doc ?? null) : null;
  if (form.teamId && (!existing || existing.status !== 'active')) throw new Refusal('team_errNotFound');
  if (existing && existing.registeredBy !== actor.aadObjectId && !registrar.coordinator) throw new Refusal('team_errNotYours');
  const scope = existing?.scope ?? scopeFor(activity, form.scope ?? defaultScope(activity, ports.now()));
  const blocker = registrationBlocker(activity, scope, ports.now(), { asTeam: true });
  if (blocker) throw refused(blocker, { deadline: activity.deadline });

  const members = await peopleFromForm(ports, turn, { picked: form.members, typed: form.membersTyped });
  const principals = await peopleFromForm(ports, turn, { picked: form.principal, typed: form.principalTyped, maxTyped: 1 });
  const principal = principals[0];
  if (!principal) throw new Refusal('team_errNoPrincipal');
  const size = teamSizeProblem(members.length, activity.team);
  if (size) throw new Refusal(size.key, size.params);
  await checkOrganization(ports, registrar, form.organizationId, [...members, principal]);
  // A new team's id is known already (organisation and name): its own members are no conflict (a double submit).
  const ownTeamId = existing?.teamId ?? teamIdFor(activity.id, form.organizationId, form.name);
  await refuseConflicts(
    ports,
    activity,
    members.map((m) => m.userId),
    ownTeamId,
  );
  return { activity, form, registrar, scope, members, principal, existing };
}

/** The first seat list still open: the series, or the first session that has not started. */
export function defaultScope(activity: Activity, now: Date): string {
  const scopes = seatScopes(activity);
  if (activity.registrationMode === 'series') return 'series';
  const open = activity.sessions.find((s) => s.status === 'scheduled' && Date.parse(s.start) > now.getTime());
  return open?.id ?? scopes[0] ?? 's1';
}

async function create(turn: TeamEnv, c: Checked): Promise<TeamSaved> {
  const { ports, actor } = turn;
  const teams = ports.groups.teams;
  const teamId = teamIdFor(c.activity.id, c.form.organizationId, c.form.name);
  const at = ports.now().toISOString();
  const doc: TeamDoc = {
    id: `team-${teamId}`,
    activityId: c.activity.id,
    type: 'team',
    teamId,
    scope: c.scope,
    name: c.form.name,
    organizationId: c.form.organizationId,
    unit: c.form.unit,
    principalId: c.principal.userId,
    registeredBy: actor.aadObjectId,
    status: 'active',
    history: [{ at, by: actor.aadObjectId, action: 'created', userIds: c.members.map((m) => m.userId) }],
    createdAt: at,
    updatedAt: at,
  };
  if (!(await teams.create(doc))) {
    const found = (await teams.get(c.activity.id, teamId))?.doc;
    if (found?.status === 'active' && (found.registeredBy !== actor.aadObjectId || !(await sameMembers(ports, found, c.members)))) throw new Refusal('team_errExists');
    // A cancelled team of the same name starts afresh; the registrar's own double submit goes on below.
    if (found?.status === 'cancelled') await teams.update(c.activity.id, teamId, (t) => ({ ...doc, history: [...t.history, ...doc.history] }));
  }
  const commit = await ports.seats.submit({
    activityId: c.activity.id,
    scope: c.scope,
    capacity: c.activity.capacity,
    op: {
      kind: 'registerTeam',
      teamId,
      members: c.members.map((m) => ({ userId: m.userId, ...(m.mri ? { mri: m.mri } : {}) })),
      byUserId: actor.aadObjectId,
      ...(c.activity.team?.maxPeople ? { peopleCapacity: c.activity.team.maxPeople } : {}),
    },
  });
  const result = commit.result;
  if (result.kind === 'taken' || result.kind === 'tooManyPeople') {
    // Someone else was faster with one of these people: the team did not get in.
    await teams.update(c.activity.id, teamId, (t) => ({ ...t, status: 'cancelled', updatedAt: at }));
    throw result.kind === 'taken' ? new Refusal('team_errInOtherTeam', { n: result.userIds.length }) : new Refusal('team_errTooManyPeople');
  }
  const team = (await teams.get(c.activity.id, teamId))?.doc ?? doc;
  await notifyPromoted(ports, c.activity, c.scope, commit.promotedByCapacity);
  if ((result.kind === 'registered' || result.kind === 'waitlisted') && result.already) return { outcome: 'already', team, size: c.members.length };
  const members = await tellMembers(ports, { activity: c.activity, team, actor, userIds: c.members.map((m) => m.userId), textKey: 'team_noticeMember' });
  const principal = await askPrincipal(ports, { activity: c.activity, team, actor });
  ports.events.emit('seatsChanged', { activityId: c.activity.id });
  ports.log.info({ activityId: c.activity.id, teamId, size: c.members.length, outcome: result.kind }, 'team registered');
  return outcomeOf(result, team, c.members.length, toldOf([...c.members, c.principal], c.principal.userId, [members, principal]));
}

/** Whether the team's seat entries (if any yet) are exactly these people: a double submit. */
async function sameMembers(ports: StaffTeamPorts, team: TeamDoc, members: readonly ResolvedPerson[]): Promise<boolean> {
  const seats = await ports.activities.getSeats(team.activityId, seatsId(team.scope));
  const current = seats ? teamEntries(seats.doc, team.teamId).map((e) => e.userId) : [];
  const diff = memberDiff(
    current,
    members.map((m) => m.userId),
  );
  return current.length === 0 || (diff.added.length === 0 && diff.removed.length === 0);
}

function outcomeOf(result: SeatResult, team: TeamDoc, size: number, told: TeamTold): TeamSaved {
  return result.kind === 'waitlisted' ? { outcome: 'waitlisted', team, size, position: result.position, ...told } : { outcome: 'registered', team, size, ...told };
}

async function change(turn: TeamEnv, c: Checked, team: TeamDoc): Promise<TeamSaved> {
  const { ports, actor } = turn;
  const at = ports.now().toISOString();
  const seats = await ports.activities.getSeats(c.activity.id, seatsId(team.scope));
  const current = seats ? teamEntries(seats.doc, team.teamId).map((e) => e.userId) : [];
  if (current.length === 0) throw new Refusal('team_errNotFound');
  const diff = memberDiff(
    current,
    c.members.map((m) => m.userId),
  );
  const history: TeamChange[] = [];
  if (diff.added.length || diff.removed.length) {
    const commit = await ports.seats.submit({
      activityId: c.activity.id,
      scope: team.scope,
      capacity: c.activity.capacity,
      op: {
        kind: 'changeTeam',
        teamId: team.teamId,
        add: c.members.filter((m) => diff.added.includes(m.userId)).map((m) => ({ userId: m.userId, ...(m.mri ? { mri: m.mri } : {}) })),
        remove: diff.removed,
        byUserId: actor.aadObjectId,
      },
    });
    const r = commit.result;
    if (r.kind === 'taken') throw new Refusal('team_errInOtherTeam', { n: r.userIds.length });
    if (r.kind === 'tooManyPeople') throw new Refusal('team_errTooManyPeople');
    if (r.kind !== 'teamChanged') throw new Refusal('team_errNotFound');
    await notifyPromoted(ports, c.activity, team.scope, [...commit.promotedByCapacity, ...r.promoted]);
    if (diff.added.length) history.push({ at, by: actor.aadObjectId, action: 'added', userIds: diff.added });
    if (diff.removed.length) history.push({ at, by: actor.aadObjectId, action: 'removed', userIds: diff.removed });
  }
  const principalChanged = c.principal.userId !== team.principalId;
  if (principalChanged) history.push({ at, by: actor.aadObjectId, action: 'principal', userIds: [c.principal.userId] });
  if (c.form.name !== team.name || c.form.unit !== team.unit || c.form.organizationId !== team.organizationId) {
    history.push({ at, by: actor.aadObjectId, action: 'renamed', userIds: [] });
  }
  if (history.length === 0) return { outcome: 'unchanged', team };
  const updated =
    (await ports.groups.teams.update(c.activity.id, team.teamId, (t) => {
      const { kickoff, ...rest } = t;
      return {
        ...rest,
        ...(principalChanged ? {} : kickoff ? { kickoff } : {}),
        name: c.form.name,
        unit: c.form.unit,
        organizationId: c.form.organizationId,
        principalId: c.principal.userId,
        history: [...t.history, ...history].slice(-200),
        updatedAt: at,
      };
    })) ?? team;
  const added = await tellMembers(ports, { activity: c.activity, team: updated, actor, userIds: diff.added, textKey: 'team_noticeMember' });
  const removed = await tellMembers(ports, { activity: c.activity, team: updated, actor, userIds: diff.removed, textKey: 'team_noticeRemoved' });
  const principal = principalChanged ? await askPrincipal(ports, { activity: c.activity, team: updated, actor }) : { told: 0, waiting: [] };
  // Someone removed before ever hearing they were in has nothing to be told later.
  const told = toldOf([...c.members, c.principal], c.principal.userId, [added, { told: removed.told, waiting: [] }, principal]);
  ports.events.emit('seatsChanged', { activityId: c.activity.id });
  ports.log.info({ activityId: c.activity.id, teamId: team.teamId, added: diff.added.length, removed: diff.removed.length }, 'team changed');
  return { outcome: 'changed', team: updated, added: diff.added.length, removed: diff.removed.length, ...told };
}
