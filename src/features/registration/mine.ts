import type { Activity, Session } from '../../kernel/activity';
import { waitPosition, type Seats } from '../../kernel/seats';
import type { RegistrationPorts } from './ports';

export interface MyRegistration {
  activity: Activity;
  scope: string;
  status: 'registered' | 'waitlisted';
  position: number;
  start: string;
  end: string;
  /** The sessions the place covers (all of a series), each with its own time. */
  sessions: Session[];
}

/** Everything a person holds a place (or a waitlist place) in, soonest first; past sessions left out. */
export async function myRegistrations(ports: RegistrationPorts, userId: string): Promise<MyRegistration[]> {
  const seatLists: Seats[] = await ports.activities.seatsWithUser(userId);
  const activityIds = [...new Set(seatLists.map((s) => s.activityId))];
  const activities = new Map<string, Activity>();
  await Promise.all(
    activityIds.map(async (id) => {
      const a = await ports.activities.get(id);
      if (a) activities.set(id, a.doc);
    }),
  );
  const now = ports.now().getTime();
  const out: MyRegistration[] = [];
  for (const seats of seatLists) {
    const activity = activities.get(seats.activityId);
    const entry = seats.entries.find((e) => e.userId === userId);
    if (!activity || !entry || activity.status === 'cancelled') continue;
    const sessions = seats.scope === 'series' ? activity.sessions : activity.sessions.filter((s) => s.id === seats.scope);
    const first = sessions[0];
    const last = sessions[sessions.length - 1];
    if (!first || !last || Date.parse(last.end) < now) continue;
    out.push({
      activity,
      scope: seats.scope,
      status: entry.status,
      position: entry.status === 'waitlisted' ? waitPosition(seats, userId) : 0,
      start: first.start,
      end: last.end,
      sessions,
    });
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}
