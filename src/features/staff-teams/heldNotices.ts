import { createHash } from 'node:crypto';
import { langOfPerson, type MessageKey } from '../i18n';
import type { StaffTeamPorts } from './ports';

/** Notices that still hold when someone turns up later: they hold a place, or lead a team. */
const ABOUT_A_PLACE: readonly MessageKey[] = ['team_noticeMember', 'behalf_noticeMember', 'behalf_noticeWaitlisted'];
const ABOUT_A_KICKOFF: readonly MessageKey[] = ['team_kickoffText'];

async function stillTrue(ports: StaffTeamPorts, userId: string, textKey: string, activityId: string): Promise<boolean> {
  if (ABOUT_A_PLACE.some((k) => k === textKey)) {
    return (await ports.activities.seatsWithUser(userId)).some((s) => s.activityId === activityId);
  }
  if (ABOUT_A_KICKOFF.some((k) => k === textKey)) {
    return (await ports.groups.teams.withPrincipal(userId)).some((t) => t.activityId === activityId && t.status === 'active');
  }
  // A removal or a cancelled team is no news to someone who never heard they were in it.
  return false;
}

/**
 * Someone the bot could not reach has turned up (`from`: the id the notices were held for, their
 * e-mail person or their own id; `to`: their Teams id). Each held notice that is still true goes
 * out now as a new job with an id derived from the held one, so a second run (a retried turn,
 * two instances) writes nothing new; the held job is closed either way.
 */
export async function releaseHeld(ports: StaffTeamPorts, input: { from: string; to: string }): Promise<number> {
  const held = await ports.scheduler.jobs.held(input.from);
  if (held.length === 0) return 0;
  const person = await ports.directory.person(input.to);
  const lang = langOfPerson(person?.doc, ports.config.DEFAULT_LOCALE);
  let released = 0;
  for (const v of held) {
    const { job } = v;
    const textKey = typeof job.payload.textKey === 'string' ? job.payload.textKey : '';
    const relevant = !!job.activityId && (await stillTrue(ports, input.to, textKey, job.activityId));
    if (relevant) {
      await ports.scheduler.enqueue({
        id: `first-${createHash('sha256').update(job.id).digest('hex').slice(0, 32)}-${input.to}`,
        kind: job.kind,
        toUserId: input.to,
        ...(job.activityId ? { activityId: job.activityId } : {}),
        lang,
        payload: job.payload,
        dueAt: ports.now(),
      });
      released++;
    }
    await ports.scheduler.jobs.transition(v, { ...job, status: 'skipped', lastError: relevant ? `handed on at first contact` : 'no longer true at first contact' });
  }
  ports.log.info({ held: held.length, released }, 'held notices handed on');
  return released;
}
