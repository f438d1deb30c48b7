import { refused } from '../refusal';
import { seatScope, type Activity } from '../../kernel/activity';
import type { RegistrationPorts } from './ports';

export async function loadActivity(ports: RegistrationPorts, activityId: string): Promise<Activity> {
  const found = await ports.activities.get(activityId);
  if (!found) throw refused('notFound');
  return found.doc;
}

/** The seat scope a card's session id refers to, checked against the stored activity. */
export function scopeFor(activity: Activity, sessionId: string): string {
  if (sessionId === 'series') {
    if (activity.registrationMode !== 'series') throw refused('sessionNotInActivity');
    return 'series';
  }
  if (!activity.sessions.some((s) => s.id === sessionId)) throw refused('sessionNotInActivity');
  return seatScope(activity, sessionId);
}
