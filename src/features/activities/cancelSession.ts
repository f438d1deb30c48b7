import { refused } from '../refusal';
import { revised, seatScope, type Activity } from '../../kernel/activity';
import { formatSpan } from '../../kernel/time';
import { langOfPerson } from '../i18n';
import { isPreconditionFailed } from '../../platform/cosmos/errors';
import type { ActivityPorts } from './ports';

/** Marks a session cancelled (idempotent) and tells everyone registered or waiting, 1:1. */
export async function cancelSession(
  ports: Pick<ActivityPorts, 'activities' | 'config' | 'directory' | 'events' | 'log' | 'now' | 'scheduler'>,
  activityId: string,
  sessionId: string,
): Promise<{ activity: Activity; told: number }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = await ports.activities.get(activityId);
    if (!found) throw refused('notFound');
    const session = found.doc.sessions.find((s) => s.id === sessionId);
    if (!session) throw refused('sessionNotInActivity');
    if (session.status === 'cancelled') return { activity: found.doc, told: 0 };
    const next: Activity = {
      ...found.doc,
      sessions: found.doc.sessions.map((s) => (s.id === sessionId ? revised({ ...s, status: 'cancelled' as const }) : s)),
      updatedAt: ports.now().toISOString(),
    };
    try {
      await ports.activities.replace(next, found.etag);
    } catch (err) {
      if (isPreconditionFailed(err)) continue;
      throw err;
    }
    const seats = await ports.activities.getSeats(activityId, `seats-${seatScope(next, sessionId)}`);
    const people = seats?.doc.entries ?? [];
    for (const e of people) {
      const person = await ports.directory.person(e.userId);
      const lang = langOfPerson(person?.doc, ports.config.DEFAULT_LOCALE);
      await ports.scheduler.enqueue({
        id: `cancelled-${activityId}-${sessionId}-${e.userId}`,
        kind: 'notice',
        toUserId: e.userId,
        activityId,
        lang,
        payload: {
          textKey: 'notice_sessionCancelled',
          headingKey: 'notice_sessionCancelledHeading',
          title: next.title,
          when: formatSpan(new Date(session.start), new Date(session.end), lang),
        },
        dueAt: ports.now(),
      });
    }
    ports.log.info({ activityId, sessionId, told: people.length }, 'session cancelled');
    ports.events.emit('seatsChanged', { activityId });
    return { activity: next, told: people.length };
  }
  throw refused('conflict');
}

/** After an edit of a published activity: everyone registered for a session whose time changed is told. */
export async function noticeMovedSessions(ports: ActivityPorts, before: Activity, after: Activity): Promise<number> {
  let told = 0;
  for (const s of after.sessions) {
    const old = before.sessions.find((o) => o.id === s.id);
    if (!old || (old.start === s.start && old.end === s.end) || s.status === 'cancelled') continue;
    const seats = await ports.activities.getSeats(after.id, `seats-${seatScope(after, s.id)}`);
    for (const e of seats?.doc.entries ?? []) {
      const person = await ports.directory.person(e.userId);
      const lang = langOfPerson(person?.doc, ports.config.DEFAULT_LOCALE);
      await ports.scheduler.enqueue({
        // The new start is part of the id: moving twice tells people twice, retrying once does not.
        id: `moved-${after.id}-${s.id}-${Date.parse(s.start)}-${e.userId}`,
        kind: 'notice',
        toUserId: e.userId,
        activityId: after.id,
        lang,
        payload: {
          textKey: 'notice_sessionMoved',
          headingKey: 'notice_sessionMovedHeading',
          title: after.title,
          from: formatSpan(new Date(old.start), new Date(old.end), lang),
          to: formatSpan(new Date(s.start), new Date(s.end), lang),
        },
        dueAt: ports.now(),
      });
      told++;
    }
  }
  return told;
}
