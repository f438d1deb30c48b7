import type { Activity } from '../../kernel/activity';
import type { Lang } from '../i18n';
import type { AudienceSource } from '../reminders';
import type { NewJob } from '../../platform/outbox/jobs';
import { scopeSpan, type GroupServices } from '../staff-teams';

const HOUR = 3_600_000;

/**
 * For the scheduler: who is expected at a session without holding a place in it. A network
 * meeting's roster (minus those who left its reminders or said they cannot come), and a team's
 * principal who said yes to the kick-off. Roster members also get the invitation 1:1.
 */
export class GroupAudience implements AudienceSource {
  // Invitation ids already handed to the planner; forgotten hourly so a failed write is tried again.
  private emitted = new Set<string>();
  private emittedAt = 0;

  constructor(
    private readonly groups: GroupServices,
    private readonly defaultLang: Lang,
  ) {}

  async remindedOf(activity: Activity, sessionId: string): Promise<string[]> {
    const out = new Set<string>();
    if (activity.networkId) {
      const absent = await this.groups.absences.ofActivity(activity.id);
      const away = new Set(absent.filter((a) => a.sessionId === '' || a.sessionId === sessionId).map((a) => a.userId));
      for (const m of await this.groups.networks.members(activity.networkId)) if (!m.remindersOff && !away.has(m.userId)) out.add(m.userId);
    }
    if (activity.team) {
      for (const t of await this.groups.teams.ofActivity(activity.id)) {
        if (t.status === 'active' && t.principalId && t.kickoff?.answer === 'yes' && t.kickoff.sessionId === sessionId) out.add(t.principalId);
      }
    }
    return [...out];
  }

  async stillReminded(activity: Activity, sessionId: string, userId: string): Promise<boolean> {
    if (activity.networkId) {
      const m = await this.groups.networks.member(activity.networkId, userId);
      if (m && !m.remindersOff && !(await this.groups.absences.isAbsent(activity.id, sessionId, userId))) return true;
    }
    if (activity.team) {
      const teams = await this.groups.teams.ofActivity(activity.id);
      return teams.some((t) => t.status === 'active' && t.principalId === userId && t.kickoff?.answer === 'yes' && t.kickoff.sessionId === sessionId);
    }
    return false;
  }

  async invitations(activity: Activity, now: Date): Promise<NewJob[]> {
    if (!activity.networkId || activity.status !== 'published') return [];
    if (now.getTime() - this.emittedAt > HOUR) {
      this.emitted = new Set();
      this.emittedAt = now.getTime();
    }
    const absent = new Set((await this.groups.absences.ofActivity(activity.id)).filter((a) => a.sessionId === '').map((a) => a.userId));
    const span = scopeSpan(activity, '');
    const jobs: NewJob[] = [];
    for (const m of await this.groups.networks.members(activity.networkId)) {
      const id = `netinv-${activity.id}-${m.userId}`;
      if (m.remindersOff || absent.has(m.userId) || m.userId.startsWith('email-') || this.emitted.has(id)) continue;
      this.emitted.add(id);
      jobs.push({
        id,
        kind: 'notice',
        toUserId: m.userId,
        activityId: activity.id,
        lang: this.defaultLang,
        payload: {
          textKey: 'net_invite',
          headingKey: 'net_inviteHeading',
          title: activity.title,
          activityId: activity.id,
          sessionId: '',
          ...(span ? { whenStart: span.start, whenEnd: span.end } : {}),
          buttons: 'network.decline:net_cannotCome:|invitation.show:net_showInvitation:|network.leave:net_leaveButton:',
        },
        dueAt: now,
      });
    }
    return jobs;
  }
}
