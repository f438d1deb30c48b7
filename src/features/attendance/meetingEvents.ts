import type { EventTurn } from '../../platform/teams/turn';
import { addMeetingEvent, organizerOf, ROLES, type MeetingEventKind, type ParticipantRole } from '../../kernel/attendance';
import { langFromLocale } from '../i18n';
import type { AttendancePorts } from './ports';
import { postCheckInCard } from './checkIn';
import { linkForThread, sessionOfLink } from './link';
import { personKey } from './match';
import { EventTimestampSchema, MeetingEventValueSchema, ParticipantsValueSchema } from './schemas';
import { attendanceRepo, contextOf, markHeld, recomputeSession, recordFor } from './session';

// Teams meeting events for a meeting the bot is in: start and end, participants joining and
// leaving. Payloads are parsed here; a bad one is logged and ignored, never answered in the chat.

function allowed(ports: AttendancePorts, turn: EventTurn): boolean {
  const tenants = ports.config.ALLOWED_TENANTS;
  if (tenants.length === 0) return true;
  const tenant = turn.tenantId;
  return !!tenant && tenants.includes(tenant);
}

function eventTime(ports: AttendancePorts, turn: EventTurn, stated?: number): number {
  if (stated !== undefined) return stated;
  const ts = EventTimestampSchema.safeParse(turn.timestamp);
  return ts.success ? ts.data : ports.now().getTime();
}

async function sessionForEvent(ports: AttendancePorts, turn: EventTurn, at: number, joinUrl?: string) {
  const threadId = turn.conversation.id;
  if (!threadId) return null;
  const link = await linkForThread(ports, threadId, joinUrl);
  if (!link) {
    ports.log.info({ conversation: threadId }, 'meeting event for a meeting not linked to a session');
    return null;
  }
  const found = await sessionOfLink(ports, link, at);
  if (!found) ports.log.info({ activityId: link.activityId }, 'meeting event outside the linked sessions');
  return found ? { ...found, threadId, link } : null;
}

export async function meetingStarted(ports: AttendancePorts, turn: EventTurn): Promise<void> {
  if (!allowed(ports, turn)) return;
  const value = MeetingEventValueSchema.safeParse(turn.value);
  if (!value.success) {
    ports.log.warn({ conversation: turn.conversation.id }, 'meeting start event not understood');
    return;
  }
  const at = eventTime(ports, turn, value.data.StartTime);
  const found = await sessionForEvent(ports, turn, at, value.data.JoinUrl);
  if (!found) return;
  const { activity, session, threadId, link } = found;
  const joinUrl = value.data.JoinUrl ?? link.joinUrl;
  const organizerId = (joinUrl ? organizerOf(joinUrl) : null) ?? link.organizerId;
  const now = ports.now().toISOString();
  const startedAt = new Date(at).toISOString();
  // Whoever sets checkInPostedAt posts the card, so a repeated start event posts nothing.
  const { changed, doc } = await attendanceRepo(ports).updateMeeting(activity.id, session.id, (cur) => {
    const first = !cur?.startedAt || startedAt < cur.startedAt ? startedAt : cur.startedAt;
    if (cur?.checkInPostedAt && cur.startedAt === first) return null;
    return {
      id: '',
      activityId: activity.id,
      type: 'sessionMeeting',
      sessionId: session.id,
      ...(cur ?? {}),
      threadId,
      ...(joinUrl ? { joinUrl: joinUrl.slice(0, 4000) } : {}),
      ...(organizerId ? { organizerId } : {}),
      startedAt: first,
      checkInPostedAt: cur?.checkInPostedAt ?? now,
      updatedAt: now,
    };
  });
  ports.log.info({ activityId: activity.id, sessionId: session.id }, 'meeting started');
  if (changed && doc?.checkInPostedAt === now) {
    await postCheckInCard(turn, { activity, session, lang: langFromLocale(turn.locale, ports.config.DEFAULT_LOCALE) });
  }
}

export async function meetingEnded(ports: AttendancePorts, turn: EventTurn): Promise<void> {
  if (!allowed(ports, turn)) return;
  const value = MeetingEventValueSchema.safeParse(turn.value);
  if (!value.success) {
    ports.log.warn({ conversation: turn.conversation.id }, 'meeting end event not understood');
    return;
  }
  const at = eventTime(ports, turn, value.data.EndTime);
  const found = await sessionForEvent(ports, turn, at, value.data.JoinUrl);
  if (!found) return;
  const { activity, session, threadId } = found;
  const endedAt = new Date(at).toISOString();
  const { doc } = await attendanceRepo(ports).updateMeeting(activity.id, session.id, (cur) =>
    cur?.endedAt && cur.endedAt >= endedAt
      ? null
      : { id: '', activityId: activity.id, type: 'sessionMeeting', sessionId: session.id, ...(cur ?? {}), threadId, endedAt, updatedAt: ports.now().toISOString() },
  );
  const meeting = doc ?? (await attendanceRepo(ports).meeting(activity.id, session.id));
  // Stays still open are closed at the end now, and everyone's minutes counted again.
  const changed = await recomputeSession(ports, contextOf(activity, session, meeting));
  await markHeld(ports, activity.id, session.id);
  ports.log.info({ activityId: activity.id, sessionId: session.id, changed }, 'meeting ended');
  await ports.attendance.graph?.schedule(activity.id, session.id);
}

function roleOf(v: string | undefined): ParticipantRole | undefined {
  const r = (v ?? '').toLowerCase();
  const hit = ROLES.find((x) => r === x || (x === 'organizer' && r.includes('organizer')));
  return hit && hit !== 'unknown' ? hit : undefined;
}

export async function participantsChanged(ports: AttendancePorts, turn: EventTurn, kind: MeetingEventKind): Promise<void> {
  if (!allowed(ports, turn)) return;
  const value = ParticipantsValueSchema.safeParse(turn.value);
  if (!value.success) {
    ports.log.warn({ conversation: turn.conversation.id, kind }, 'participant event not understood');
    return;
  }
  const at = eventTime(ports, turn);
  const found = await sessionForEvent(ports, turn, at);
  if (!found) return;
  const ctx = contextOf(found.activity, found.session, await attendanceRepo(ports).meeting(found.activity.id, found.session.id));
  const ids = value.data.members.flatMap((m) => (m.user.aadObjectId ? [m.user.aadObjectId] : []));
  const people = await ports.directory.people(ids);
  const eventId = turn.activityId;
  for (const m of value.data.members) {
    const aad = m.user.aadObjectId;
    if (!aad && !m.user.name) continue;
    const p = aad ? people.get(aad) : undefined;
    const role = roleOf(m.meeting?.role);
    await recordFor(ports, ctx, {
      key: personKey({ aadObjectId: aad, name: m.user.name }),
      person: { aadObjectId: aad, mri: m.user.id, name: m.user.name ?? p?.name, organizationId: p?.organizationId, organizationOther: p?.organizationOther },
      change: (doc) => {
        const events = addMeetingEvent(doc.meeting?.events ?? [], { kind, at: new Date(at).toISOString(), eventId: eventId ? `${eventId}:${aad ?? ''}` : undefined });
        if (!events && (!role || doc.meeting?.role === role)) return doc;
        return { ...doc, meeting: { events: events ?? doc.meeting?.events ?? [], ...((role ?? doc.meeting?.role) ? { role: role ?? doc.meeting?.role } : {}) } };
      },
    });
  }
  ports.log.info({ activityId: ctx.activity.id, sessionId: ctx.session.id, kind, members: value.data.members.length }, 'meeting participants');
  if (kind === 'join' && ctx.session.status === 'scheduled') await markHeld(ports, ctx.activity.id, ctx.session.id);
}
