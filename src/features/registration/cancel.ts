import { refused } from '../refusal';
import { cancelBlocker, type Activity } from '../../kernel/activity';
import type { SeatEntry, Seats } from '../../kernel/seats';
import type { Actor } from '../../kernel/actor';
import type { RegistrationPorts } from './ports';
import type { CancelInput } from './schemas';
import { notifyPromoted } from './notify';
import { loadActivity, scopeFor } from './seatsOf';

export interface CancelOutcome {
  activity: Activity;
  scope: string;
  state: Seats;
  promoted: SeatEntry[];
  /** The cancelled entry as it stood in the committed list. */
  entry: SeatEntry | undefined;
}

/** Frees the place; the first on the waitlist moves up and is told 1:1 through the scheduler. */
export async function cancel(ports: RegistrationPorts, actor: Actor, input: CancelInput): Promise<CancelOutcome> {
  const activity = await loadActivity(ports, input.activityId);
  const scope = scopeFor(activity, input.sessionId);
  if (cancelBlocker(activity, scope, ports.now())) throw refused('sessionStarted').regarding(activity);
  const { result, state, promotedByCapacity } = await ports.seats.submit({
    activityId: activity.id,
    scope,
    capacity: activity.capacity,
    op: { kind: 'cancel', userId: actor.aadObjectId },
  });
  if (result.kind !== 'cancelled') throw refused('notRegistered').regarding(activity);
  ports.log.info({ activityId: activity.id, scope, promoted: result.promoted.length }, 'registration cancelled');
  await notifyPromoted(ports, activity, scope, [...promotedByCapacity, ...result.promoted]);
  ports.events.emit('seatsChanged', { activityId: activity.id });
  // A team's history and the registrar's notice follow (src/features/staff-teams), before the answer.
  await ports.events.settle('registrationCancelled', { actor, activity, scope, entry: result.removed });
  return { activity, scope, state, promoted: result.promoted, entry: result.removed };
}
