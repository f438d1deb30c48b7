import type { Card } from '../../platform/cards/render';
import { cancelBlocker, type Activity } from '../../kernel/activity';
import { waitPosition, type Seats } from '../../kernel/seats';
import { formatSpan } from '../../kernel/time';
import { translator, type Lang } from '../i18n';
import type { Actor } from '../../kernel/actor';
import type { RegistrationPorts } from './ports';
import { confirmationCard } from './cards';
import type { RegisterOutcome } from './register';

/**
 * After "Anmäl mig" in a channel or group chat, a 1:1 confirmation to keep: in Teams the shared
 * card shows no personal state to more than 60 people. One per registration: the job's id names
 * the seat list, the person and when they took their place, so a retried or double-clicked
 * registration (which keeps that time) writes the same job again and nothing more is sent.
 * In 1:1 the answer card itself is the confirmation; a promotion later has its own notice.
 */
export async function confirmRegistration(ports: RegistrationPorts, actor: Actor, outcome: RegisterOutcome): Promise<void> {
  const { activity, scope, result, state } = outcome;
  if (result.kind !== 'registered' && result.kind !== 'waitlisted') return;
  const entry = state.entries.find((e) => e.userId === actor.aadObjectId);
  if (!entry) return;
  await ports.scheduler.enqueue({
    id: `confirm-${activity.id}-${scope}-${actor.aadObjectId}-${Date.parse(entry.at)}`,
    kind: 'notice',
    toUserId: actor.aadObjectId,
    activityId: activity.id,
    lang: actor.lang,
    // Rendered when sent, from the records then (renderConfirmation): the place as it stands.
    payload: { confirmation: true, textKey: 'conf_registered', activityId: activity.id, sessionId: scope },
    dueAt: ports.now(),
  });
}

/**
 * The confirmation card from the current records, or why it is no longer wanted: the person
 * cancelled before it went out, the activity was cancelled, or it is all over.
 */
export function renderConfirmation(input: {
  activity: Activity;
  /** The seat list of the registration's scope (a session id or "series"). */
  seats: Seats | null;
  scope: string;
  userId: string;
  lang: Lang;
  now: Date;
  /** A signed calendar-file link for a session, or '' without a public address. */
  icsUrl: (sessionId: string) => string;
}): { card: Card; summary: string } | { skip: string } {
  const { activity, seats, scope, userId, lang } = input;
  const t = translator(lang);
  if (activity.status !== 'published') return { skip: 'activity not published' };
  const entry = seats?.entries.find((e) => e.userId === userId);
  if (!seats || !entry) return { skip: 'not registered' };
  const sessions = activity.sessions.filter((s) => scope === 'series' || s.id === scope);
  if (!sessions.some((s) => s.status !== 'cancelled' && Date.parse(s.end) > input.now.getTime())) return { skip: 'nothing left to attend' };
  const registered = entry.status === 'registered';
  return {
    summary: t(registered ? 'conf_summaryRegistered' : 'conf_summaryWaitlisted', { title: activity.title }),
    card: confirmationCard({
      t: { sessions: t('inv_sessions'), join: t('inv_join'), calendar: t('rem_calendar'), cancel: t('inv_cancel') },
      heading: t('conf_heading'),
      title: activity.title,
      status: registered ? t('conf_registered') : t('conf_waitlisted', { position: waitPosition(seats, userId) }),
      statusColor: registered ? 'Good' : 'Warning',
      activityId: activity.id,
      scope,
      canCancel: cancelBlocker(activity, scope, input.now) === null,
      sessions: sessions.map((s) => {
        const open = registered && s.status !== 'cancelled';
        return {
          when: formatSpan(new Date(s.start), new Date(s.end), lang),
          note: s.status === 'cancelled' ? t('inv_cancelledSession') : '',
          // Only someone with a place gets the meeting link and the calendar file.
          joinUrl: open && /^https:\/\//.test(s.meetingUrl ?? '') ? (s.meetingUrl ?? '') : '',
          icsUrl: open ? input.icsUrl(s.id) : '',
        };
      }),
    }),
  };
}
