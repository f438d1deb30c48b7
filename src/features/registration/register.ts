import { refused } from '../refusal';
import { registrationBlocker, type Activity } from '../../kernel/activity';
import type { SeatResult, Seats } from '../../kernel/seats';
import type { Actor, Services } from '../../services';
import type { RegisterInput } from './schemas';
import { countRegistration } from '../../platform/observability';
import { notifyPromoted } from './notify';
import { loadActivity, scopeFor } from './seatsOf';

export interface RegisterOutcome {
  activity: Activity;
  scope: string;
  result: SeatResult;
  state: Seats;
}

/** Takes a place, or a place in the waitlist. Registering again answers with the existing place. */
export async function register(svc: Services, actor: Actor, input: RegisterInput): Promise<RegisterOutcome> {
  const activity = await loadActivity(svc, input.activityId);
  const scope = scopeFor(activity, input.sessionId);
  const blocker = registrationBlocker(activity, scope, svc.now());
  if (blocker) {
    countRegistration('refused');
    throw refused(blocker, { deadline: activity.deadline });
  }
  const { result, state, promotedByCapacity } = await svc.seats.submit({
    activityId: activity.id,
    scope,
    capacity: activity.capacity,
    op: { kind: 'register', userId: actor.aadObjectId, mri: actor.mri },
  });
  await notifyPromoted(svc, activity, scope, promotedByCapacity);
  if (result.kind !== 'registered' && result.kind !== 'waitlisted') countRegistration('refused');
  if ((result.kind === 'registered' || result.kind === 'waitlisted') && !result.already) {
    countRegistration(result.kind);
    svc.log.info({ activityId: activity.id, scope, outcome: result.kind }, 'registration');
    svc.events.emit('seatsChanged', { activityId: activity.id });
  }
  return { activity, scope, result, state };
}
