import { deadlineInstant, type Activity } from '../../kernel/activity';
import type { Seats } from '../../kernel/seats';
import type { Lang } from '../i18n';
import type { NewJob } from '../../platform/outbox/jobs';

const DAY = 24 * 60 * 60_000;
/** How long after a re-sent invitation the coordinator hears how it went. */
const FOLLOW_UP_AFTER = 3 * DAY;

/** Registered people in the fullest seat list (a series counts once, sessions by their best). */
export function registeredCount(seats: ReadonlyMap<string, Seats>): number {
  return Math.max(0, ...[...seats.values()].map((s) => s.entries.filter((e) => e.status === 'registered').length));
}

/** The warning a week before the deadline: one per activity and coordinator, for life. */
export const lowRegWarningId = (activityId: string, userId: string) => `lowreg-${activityId}-${userId}`;

/**
 * The one follow-up after a coordinator re-sends the invitation of an activity with too few
 * registered: its id has no time in it, so pressing "send again" twice (or on two instances)
 * still gives one follow-up. Null when there is nothing to follow up (enough registered, or
 * the deadline too close for a few days to tell anything).
 */
export function lowRegFollowUp(input: { activity: Activity; userId: string; lang: Lang; now: Date; count: number }): NewJob | null {
  const { activity, now } = input;
  if (input.count >= activity.minParticipants) return null;
  const due = Math.min(now.getTime() + FOLLOW_UP_AFTER, deadlineInstant(activity).getTime() - DAY / 2);
  if (due <= now.getTime()) return null;
  return {
    id: `lowreg-followup-${activity.id}-${input.userId}`,
    kind: 'lowRegistration',
    toUserId: input.userId,
    activityId: activity.id,
    lang: input.lang,
    payload: { activityId: activity.id, followUp: true, reinvitedAt: now.toISOString(), countAtReinvite: input.count },
    dueAt: new Date(due),
  };
}
