import type { Activity, Session } from '../../kernel/activity';
import { meetingThreadOf, organizerOf, sameMeeting, sessionAt } from '../../kernel/attendance';
import type { AttendancePorts } from './ports';
import type { MeetingLink } from './schemas';
import { attendanceRepo } from './session';

// A Teams meeting (its chat thread) → the session(s) it serves. Found once from the join link
// in the session, or set by a coordinator writing "koppla" in the meeting chat, then read by id.

function sessionsWithLink(activities: readonly Activity[], joinUrl: string | undefined, threadId: string): { activity: Activity; sessions: Session[] }[] {
  return activities
    .map((activity) => ({
      activity,
      sessions: activity.sessions.filter((s) => {
        if (!s.meetingUrl || s.status === 'cancelled') return false;
        if (joinUrl && sameMeeting(s.meetingUrl, joinUrl)) return true;
        return meetingThreadOf(s.meetingUrl)?.toLowerCase() === threadId.toLowerCase();
      }),
    }))
    .filter((x) => x.sessions.length > 0);
}

/** The stored link, or one made now when exactly one activity's sessions carry this meeting's join link. */
export async function linkForThread(ports: AttendancePorts, threadId: string, joinUrl?: string): Promise<MeetingLink | null> {
  const repo = attendanceRepo(ports);
  const stored = await repo.link(threadId);
  if (stored) return stored;
  const activities = (await ports.activities.list()).filter((a) => a.status !== 'cancelled');
  const found = sessionsWithLink(activities, joinUrl, threadId);
  if (found.length !== 1) {
    if (found.length > 1) ports.log.warn({ activities: found.map((f) => f.activity.id) }, 'meeting link is in several activities; not linked automatically');
    return null;
  }
  const { activity, sessions } = found[0] as { activity: Activity; sessions: Session[] };
  const url = joinUrl ?? sessions[0]?.meetingUrl;
  const organizerId = url ? organizerOf(url) : null;
  const { doc } = await repo.updateLink(threadId, (cur) =>
    cur
      ? null
      : {
          id: '',
          threadId,
          activityId: activity.id,
          sessionIds: sessions.map((s) => s.id),
          ...(url ? { joinUrl: url.slice(0, 4000) } : {}),
          ...(organizerId ? { organizerId } : {}),
          linkedBy: 'joinUrl',
          linkedAt: ports.now().toISOString(),
        },
  );
  if (doc) ports.log.info({ activityId: activity.id, sessions: doc.sessionIds.length }, 'meeting linked by its join link');
  return doc ?? (await repo.link(threadId));
}

/** Links this meeting chat to a session; a link to another activity is replaced. */
export async function linkManually(ports: AttendancePorts, input: { threadId: string; activity: Activity; session: Session; by: string; joinUrl?: string }): Promise<MeetingLink> {
  const url = input.joinUrl ?? input.session.meetingUrl;
  const organizerId = url ? organizerOf(url) : null;
  const { doc } = await attendanceRepo(ports).updateLink(input.threadId, (cur) => {
    if (cur && cur.activityId === input.activity.id && cur.sessionIds.includes(input.session.id) && cur.linkedBy === 'manual') return null;
    const keep = cur && cur.activityId === input.activity.id ? cur.sessionIds.filter((id) => id !== input.session.id) : [];
    return {
      id: '',
      threadId: input.threadId,
      activityId: input.activity.id,
      sessionIds: [...keep, input.session.id],
      ...(url ? { joinUrl: url.slice(0, 4000) } : cur?.joinUrl ? { joinUrl: cur.joinUrl } : {}),
      ...(organizerId ? { organizerId } : cur?.organizerId ? { organizerId: cur.organizerId } : {}),
      linkedBy: 'manual',
      linkedByUser: input.by,
      linkedAt: ports.now().toISOString(),
    };
  });
  const link = doc ?? (await attendanceRepo(ports).link(input.threadId));
  if (!link) throw new Error('meeting link vanished');
  ports.log.info({ activityId: input.activity.id, sessionId: input.session.id }, 'meeting linked by a coordinator');
  return link;
}

/** The linked session an event at this instant belongs to. */
export async function sessionOfLink(ports: AttendancePorts, link: MeetingLink, instant: number): Promise<{ activity: Activity; session: Session } | null> {
  const found = await ports.activities.get(link.activityId);
  if (!found) return null;
  const activity = found.doc;
  let session = sessionAt(activity.sessions, link.sessionIds, instant);
  // A coordinator linked this chat by hand: the latest session they linked, whatever the clock says.
  if (!session && link.linkedBy === 'manual') session = activity.sessions.find((s) => s.id === link.sessionIds[link.sessionIds.length - 1] && s.status !== 'cancelled');
  return session ? { activity, session } : null;
}
