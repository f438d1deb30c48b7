import { refused } from '../refusal';
import { registrationBlocker, type Activity } from '../../kernel/activity';
import type { SeatResult, Seats } from '../../kernel/seats';
import type { Actor } from '../../kernel/actor';
import type { RegistrationPorts } from './ports';
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
export async function register(ports: RegistrationPorts, actor: Actor, input: RegisterInput): Promise<RegisterOutcome> {
  const activity = await loadActivity(ports, input.activityId);
  const scope = scopeFor(activity, input.sessionId);
  const blocker = registrationBlocker(activity, scope, ports.now());
  if (blocker) {
    countRegistration('refused');
    throw refused(blocker, { deadline: activity.deadline }).regarding(activity);
  }
  const { result, state, promotedByCapacity } = await ports.seats.submit({
    activityId: activity.id,
    scope,
    capacity: activity.capacity,
    op: { kind: 'register', userId: actor.aadObjectId, mri: actor.mri },
  });
  await notifyPromoted(ports, activity, scope, promotedByCapacity);
  if (result.kind !== 'registered' && result.kind !== 'waitlisted') countRegistration('refused');
  if ((result.kind === 'registered' || result.kind === 'waitlisted') && !result.already) {
    countRegistration(result.kind);
    ports.log.info({ activityId: activity.id, scope, outcome: result.kind }, 'registration');
    ports.events.emit('seatsChanged', { activityId: activity.id });
  }
  return { activity, scope, result, state };
}
