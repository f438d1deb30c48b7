import { refused, Refusal, refusalOf } from '../refusal';
import { registrationBlocker } from '../../kernel/activity';
import { langOfPerson } from '../i18n';
import { cancel, loadActivity, notifyPromoted, scopeFor } from '../registration';
import type { AppEvents } from '../../kernel/events';
import type { Actor } from '../../kernel/actor';
import type { StaffTeamPorts } from './ports';
import { checkOrganization, peopleFromForm } from './check';
import { registrarOf, mayRegisterOthers } from './managers';
import { isEmailUser, persistPeople } from './people';
import { scopeSpan, sendNotice } from './notices';
import type { TeamEnv } from './register';
import { MAX_BEHALF_PEOPLE, plainName } from './rules';
import { BehalfFormSchema } from './schemas';

export interface BehalfOutcome {
  activityId: string;
  registered: number;
  waitlisted: number;
  already: number;
  /** People the bot cannot reach 1:1 yet (typed by e-mail, or never seen in Teams). */
  notTold: number;
}

/**
 * A manager (or coordinator) registers named colleagues for an individual activity. Each gets
 * a 1:1 notice saying who registered them, with a cancel button; the registrar hears if one cancels.
 */
export async function registerOnBehalf(turn: TeamEnv, raw: Record<string, unknown>): Promise<BehalfOutcome> {
  const { ports, actor } = turn;
  const parsed = BehalfFormSchema.safeParse(raw);
  if (!parsed.success) throw refusalOf(parsed.error);
  const form = parsed.data;
  const activity = await loadActivity(ports, form.activityId);
  const registrar = await registrarOf(ports, actor.aadObjectId, turn.person);
  if (!mayRegisterOthers(registrar)) throw new Refusal('team_errForbidden');
  const scope = scopeFor(activity, form.scope);
  const blocker = registrationBlocker(activity, scope, ports.now());
  if (blocker) throw refused(blocker, { deadline: activity.deadline });
  const people = await peopleFromForm(ports, turn, { picked: form.members, typed: form.membersTyped });
  if (people.length === 0) throw new Refusal('behalf_errNoPeople');
  if (people.length > MAX_BEHALF_PEOPLE) throw new Refusal('behalf_errTooMany', { max: MAX_BEHALF_PEOPLE });
  await checkOrganization(ports, registrar, form.organizationId, people);

  await persistPeople(ports, people, form.organizationId);
  const out: BehalfOutcome = { activityId: activity.id, registered: 0, waitlisted: 0, already: 0, notTold: 0 };
  const stamp = ports.now().getTime();
  for (const p of people) {
    const { result, promotedByCapacity } = await ports.seats.submit({
      activityId: activity.id,
      scope,
      capacity: activity.capacity,
      op: { kind: 'register', userId: p.userId, byUserId: actor.aadObjectId, ...(p.mri ? { mri: p.mri } : {}) },
    });
    await notifyPromoted(ports, activity, scope, promotedByCapacity);
    if ((result.kind === 'registered' || result.kind === 'waitlisted') && result.already) {
      out.already++;
      continue;
    }
    if (result.kind !== 'registered' && result.kind !== 'waitlisted') continue;
    out[result.kind]++;
    const told =
      p.userId !== actor.aadObjectId &&
      (await sendNotice(ports, {
        id: `behalf-${activity.id}-${scope}-${p.userId}-${stamp}`,
        toUserId: p.userId,
        activity,
        textKey: result.kind === 'registered' ? 'behalf_noticeMember' : 'behalf_noticeWaitlisted',
        headingKey: 'team_noticeHeading',
        params: { by: plainName(actor.name) },
        scope,
        buttons: [{ verb: 'behalf.cancel', key: 'behalf_cancelButton' }],
      }));
    if (!told && p.userId !== actor.aadObjectId && (isEmailUser(p.userId) || !p.mri)) out.notTold++;
  }
  ports.events.emit('seatsChanged', { activityId: activity.id });
  ports.log.info({ activityId: activity.id, scope, registered: out.registered, waitlisted: out.waitlisted }, 'registered on behalf');
  return out;
}

/** Someone registered by another cancels from their notice: the same cancel as anywhere else. */
export async function cancelOnBehalf(ports: StaffTeamPorts, actor: Actor, input: { activityId: string; scope: string }): Promise<void> {
  await cancel(ports, actor, { activityId: input.activityId, sessionId: input.scope, view: 'mine' });
}

/**
 * After anyone cancels, wherever they pressed (the invitation, "mina anmälningar", a notice, the
 * tab) — it follows the registrationCancelled event: a team member's leaving goes into the
 * team's history, and the one who registered them (if someone else) is told.
 */
export async function afterCancelled(ports: Pick<StaffTeamPorts, 'now' | 'groups' | 'directory' | 'scheduler' | 'config'>, event: AppEvents['registrationCancelled']): Promise<void> {
  const { actor, activity, scope, entry } = event;
  const at = ports.now().toISOString();
  if (entry?.teamId) {
    await ports.groups.teams.update(activity.id, entry.teamId, (t) => ({
      ...t,
      history: [...t.history, { at, by: actor.aadObjectId, action: 'removed' as const, userIds: [actor.aadObjectId] }].slice(-200),
      updatedAt: at,
    }));
  }
  const by = entry?.byUserId;
  if (!by || by === actor.aadObjectId) return;
  const registrar = await ports.directory.person(by);
  const span = scopeSpan(activity, scope);
  await ports.scheduler.enqueue({
    // One notice per registration that ends: the entry's own time tells two registrations apart.
    id: `behalf-cancelled-${activity.id}-${scope}-${actor.aadObjectId}-${Date.parse(entry?.at ?? at)}`,
    kind: 'notice',
    toUserId: by,
    activityId: activity.id,
    lang: langOfPerson(registrar?.doc, ports.config.DEFAULT_LOCALE),
    payload: {
      textKey: 'behalf_managerTold',
      headingKey: 'behalf_managerHeading',
      title: activity.title,
      name: plainName(actor.name),
      ...(span ? { whenStart: span.start, whenEnd: span.end } : {}),
    },
    dueAt: ports.now(),
  });
}
