import { refused, Refusal } from '../refusal';
import { cancelBlocker, type Activity } from '../../kernel/activity';
import { seatsId, teamEntries } from '../../kernel/seats';
import type { MessageKey } from '../i18n';
import { loadActivity, notifyPromoted } from '../registration';
import type { Actor } from '../../kernel/actor';
import type { StaffTeamPorts } from './ports';
import { registrarOf } from './managers';
import type { Person } from '../../kernel/people';
import { sendNotice } from './notices';
import { plainName } from './rules';
import type { TeamDoc } from './schemas';

/** Who a notice reached now, and who gets it when they first open Träffpunkt (held). */
export interface Reach {
  told: number;
  waiting: string[];
}

/** Tells team members 1:1 who registered (or removed) them; a registration notice has a cancel button. */
export async function tellMembers(ports: StaffTeamPorts, input: { activity: Activity; team: TeamDoc; actor: Actor; userIds: readonly string[]; textKey: MessageKey }): Promise<Reach> {
  let told = 0;
  const waiting: string[] = [];
  const stamp = ports.now().getTime();
  for (const userId of input.userIds) {
    if (userId === input.actor.aadObjectId) continue;
    const registered = input.textKey === 'team_noticeMember';
    const sent = await sendNotice(ports, {
      id: `team-${input.textKey}-${input.activity.id}-${input.team.teamId}-${userId}-${stamp}`,
      toUserId: userId,
      activity: input.activity,
      textKey: input.textKey,
      headingKey: registered ? 'team_noticeHeading' : 'team_noticeHeadingChanged',
      params: { by: plainName(input.actor.name) },
      scope: input.team.scope,
      ...(registered ? { buttons: [{ verb: 'behalf.cancel' as const, key: 'behalf_cancelButton' as const }] } : {}),
    });
    if (sent) told++;
    else waiting.push(userId);
  }
  return { told, waiting };
}

/** The principal is asked 1:1 to join the kick-off (the first session); the answer is kept on the team. */
export async function askPrincipal(ports: StaffTeamPorts, input: { activity: Activity; team: TeamDoc; actor: Actor }): Promise<Reach> {
  const principal = input.team.principalId;
  const kickoff = input.activity.sessions.find((s) => s.status === 'scheduled');
  if (!principal || !kickoff) return { told: 0, waiting: [] };
  const sent = await sendNotice(ports, {
    id: `kickoff-${input.activity.id}-${input.team.teamId}-${principal}`,
    toUserId: principal,
    activity: input.activity,
    textKey: 'team_kickoffText',
    headingKey: 'team_kickoffHeading',
    params: { by: plainName(input.actor.name) },
    scope: kickoff.id,
    buttons: [
      { verb: 'team.kickoff', key: 'team_kickoffYesButton', confirm: 'yes' },
      { verb: 'team.kickoff', key: 'team_kickoffNoButton', confirm: 'no' },
    ],
  });
  return sent ? { told: 1, waiting: [] } : { told: 0, waiting: [principal] };
}

/** The principal's answer, on every team of the activity they lead (found from the actor, not the card). */
export async function answerKickoff(ports: StaffTeamPorts, actor: Actor, input: { activityId: string; answer: 'yes' | 'no' }): Promise<number> {
  const activity = await loadActivity(ports, input.activityId);
  const kickoff = activity.sessions.find((s) => s.status === 'scheduled');
  const teams = (await ports.groups.teams.ofActivity(activity.id)).filter((t) => t.status === 'active' && t.principalId === actor.aadObjectId);
  if (teams.length === 0 || !kickoff) throw new Refusal('team_kickoffNotPrincipal');
  const at = ports.now().toISOString();
  for (const t of teams) {
    await ports.groups.teams.update(activity.id, t.teamId, (doc) => ({
      ...doc,
      kickoff: { answer: input.answer, at, sessionId: kickoff.id },
      history: [...doc.history, { at, by: actor.aadObjectId, action: 'kickoff' as const, userIds: [] }].slice(-200),
      updatedAt: at,
    }));
  }
  ports.log.info({ activityId: activity.id, teams: teams.length, answer: input.answer }, 'kick-off answered');
  if (input.answer === 'yes') void ports.scheduler.planNow();
  return teams.length;
}

/** Cancels a whole team's place (its registrar or a coordinator), until the first session starts. */
export async function cancelTeam(ports: StaffTeamPorts, actor: Actor, person: Person | null, input: { activityId: string; teamId: string }): Promise<TeamDoc> {
  const activity = await loadActivity(ports, input.activityId);
  const teams = ports.groups.teams;
  const team = (await teams.get(activity.id, input.teamId))?.doc;
  if (!team || team.status !== 'active') throw new Refusal('team_errNotFound');
  const registrar = await registrarOf(ports, actor.aadObjectId, person);
  if (team.registeredBy !== actor.aadObjectId && !registrar.coordinator) throw new Refusal('team_errNotYours');
  if (cancelBlocker(activity, team.scope, ports.now())) throw refused('sessionStarted');
  const seats = await ports.activities.getSeats(activity.id, seatsId(team.scope));
  const members = seats ? teamEntries(seats.doc, team.teamId).map((e) => e.userId) : [];
  const commit = await ports.seats.submit({ activityId: activity.id, scope: team.scope, capacity: activity.capacity, op: { kind: 'cancelTeam', teamId: team.teamId } });
  const at = ports.now().toISOString();
  const updated =
    (await teams.update(activity.id, team.teamId, (t) => ({
      ...t,
      status: 'cancelled',
      history: [...t.history, { at, by: actor.aadObjectId, action: 'cancelled' as const, userIds: [] }].slice(-200),
      updatedAt: at,
    }))) ?? team;
  const promoted = commit.result.kind === 'cancelled' ? commit.result.promoted : [];
  await notifyPromoted(ports, activity, team.scope, [...commit.promotedByCapacity, ...promoted]);
  await tellMembers(ports, { activity, team: updated, actor, userIds: members, textKey: 'team_noticeCancelled' });
  ports.events.emit('seatsChanged', { activityId: activity.id });
  ports.log.info({ activityId: activity.id, teamId: team.teamId }, 'team cancelled');
  return updated;
}
