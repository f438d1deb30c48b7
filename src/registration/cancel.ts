import { cancelBlocker, type Activity } from '../domain/activity';
import { DomainError } from '../domain/errors';
import type { SeatEntry, Seats } from '../domain/seats';
import { formatSpan } from '../domain/time';
import { langFromLocale } from '../i18n';
import type { Actor, Services } from '../services';
import type { CancelInput } from './schemas';
import { loadActivity, scopeFor } from './seatsOf';

export interface CancelOutcome {
  activity: Activity;
  scope: string;
  state: Seats;
  promoted: SeatEntry[];
}

/** Frees the place; the first on the waitlist moves up and is told 1:1 through the outbox. */
export async function cancel(svc: Services, actor: Actor, input: CancelInput): Promise<CancelOutcome> {
  const activity = await loadActivity(svc, input.activityId);
  const scope = scopeFor(activity, input.sessionId);
  if (cancelBlocker(activity, scope, svc.now())) throw new DomainError('sessionStarted');
  const { result, state } = await svc.seats.submit({
    activityId: activity.id,
    scope,
    capacity: activity.capacity,
    op: { kind: 'cancel', userId: actor.aadObjectId },
  });
  if (result.kind !== 'cancelled') throw new DomainError('notRegistered');
  svc.log.info({ activityId: activity.id, scope, promoted: result.promoted.length }, 'registration cancelled');
  for (const p of result.promoted) await notifyPromoted(svc, activity, scope, p);
  svc.invitations.changed(activity.id);
  return { activity, scope, state, promoted: result.promoted };
}

async function notifyPromoted(svc: Services, activity: Activity, scope: string, entry: SeatEntry): Promise<void> {
  const session = activity.sessions.find((s) => s.id === scope);
  const person = await svc.directory.person(entry.userId);
  const lang = langFromLocale(person?.doc.locale, svc.config.DEFAULT_LOCALE);
  // One notice per promotion: the id names the seat list, the person and when they got the place.
  await svc.outbox.enqueue({
    id: `promoted-${activity.id}-${scope}-${entry.userId}-${Date.parse(entry.at)}`,
    toUserId: entry.userId,
    lang,
    text: session
      ? { key: 'notice_promoted', params: { title: activity.title, when: formatSpan(new Date(session.start), new Date(session.end), lang) } }
      : { key: 'notice_promotedSeries', params: { title: activity.title } },
  });
}
