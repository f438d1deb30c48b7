import type { TeamsContext } from '../../platform/teams/messenger';
import { addMeetingEvent, organizerOf, ROLES, type MeetingEventKind, type ParticipantRole } from '../../kernel/attendance';
import { langFromLocale } from '../i18n';
import type { Services } from '../../services';
import { tenantOf } from '../../platform/teams/actor';
import { postCheckInCard } from './checkIn';
import { linkForThread, sessionOfLink } from './link';
import { personKey } from './match';
import { EventTimestampSchema, MeetingEventValueSchema, ParticipantsValueSchema } from './schemas';
import { attendanceRepo, contextOf, markHeld, recomputeSession, recordFor } from './session';

// Teams meeting events for a meeting the bot is in: start and end, participants joining and
// leaving. Payloads are parsed here; a bad one is logged and ignored, never answered in the chat.

function allowed(svc: Services, context: TeamsContext): boolean {
  const tenants = svc.config.ALLOWED_TENANTS;
  if (tenants.length === 0) return true;
  const tenant = tenantOf(context);
  return !!tenant && tenants.includes(tenant);
}

function eventTime(svc: Services, context: TeamsContext, stated?: number): number {
  if (stated !== undefined) return stated;
  const ts = EventTimestampSchema.safeParse(context.activity.timestamp);
  return ts.success ? ts.data : svc.now().getTime();
}

async function sessionForEvent(svc: Services, context: TeamsContext, at: number, joinUrl?: string) {
  const threadId = context.activity.conversation?.id;
  if (!threadId) return null;
  const link = await linkForThread(svc, threadId, joinUrl);
  if (!link) {
    svc.log.info({ conversation: threadId }, 'meeting event for a meeting not linked to a session');
    return null;
  }
  const found = await sessionOfLink(svc, link, at);
  if (!found) svc.log.info({ activityId: link.activityId }, 'meeting event outside the linked sessions');
  return found ? { ...found, threadId, link } : null;
}

export async function meetingStarted(svc: Services, context: TeamsContext): Promise<void> {
  if (!allowed(svc, context)) return;
  const value = MeetingEventValueSchema.safeParse(context.activity.value);
  if (!value.success) {
    svc.log.warn({ conversation: context.activity.conversation?.id }, 'meeting start event not understood');
    return;
  }
  const at = eventTime(svc, context, value.data.StartTime);
  const found = await sessionForEvent(svc, context, at, value.data.JoinUrl);
  if (!found) return;
  const { activity, session, threadId, link } = found;
  const joinUrl = value.data.JoinUrl ?? link.joinUrl;
  const organizerId = (joinUrl ? organizerOf(joinUrl) : null) ?? link.organizerId;
  const now = svc.now().toISOString();
  const startedAt = new Date(at).toISOString();
  // Whoever sets checkInPostedAt posts the card, so a repeated start event posts nothing.
  const { changed, doc } = await attendanceRepo(svc).updateMeeting(activity.id, session.id, (cur) => {
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
  svc.log.info({ activityId: activity.id, sessionId: session.id }, 'meeting started');
  if (changed && doc?.checkInPostedAt === now) {
    await postCheckInCard(context, { activity, session, lang: langFromLocale(context.activity.locale, svc.config.DEFAULT_LOCALE) });
  }
}

export async function meetingEnded(svc: Services, context: TeamsContext): Promise<void> {
  if (!allowed(svc, context)) return;
  const value = MeetingEventValueSchema.safeParse(context.activity.value);
  if (!value.success) {
    svc.log.warn({ conversation: context.activity.conversation?.id }, 'meeting end event not understood');
    return;
  }
  const at = eventTime(svc, context, value.data.EndTime);
  const found = await sessionForEvent(svc, context, at, value.data.JoinUrl);
  if (!found) return;
  const { activity, session, threadId } = found;
  const endedAt = new Date(at).toISOString();
  const { doc } = await attendanceRepo(svc).updateMeeting(activity.id, session.id, (cur) =>
    cur?.endedAt && cur.endedAt >= endedAt
      ? null
      : { id: '', activityId: activity.id, type: 'sessionMeeting', sessionId: session.id, ...(cur ?? {}), threadId, endedAt, updatedAt: svc.now().toISOString() },
  );
  const meeting = doc ?? (await attendanceRepo(svc).meeting(activity.id, session.id));
  // Stays still open are closed at the end now, and everyone's minutes counted again.
  const changed = await recomputeSession(svc, contextOf(activity, session, meeting));
  await markHeld(svc, activity.id, session.id);
  svc.log.info({ activityId: activity.id, sessionId: session.id, changed }, 'meeting ended');
  await svc.attendance.graph?.schedule(activity.id, session.id);
}

function roleOf(v: string | undefined): ParticipantRole | undefined {
  const r = (v ?? '').toLowerCase();
  const hit = ROLES.find((x) => r === x || (x === 'organizer' && r.includes('organizer')));
  return hit && hit !== 'unknown' ? hit : undefined;
}

export async function participantsChanged(svc: Services, context: TeamsContext, kind: MeetingEventKind): Promise<void> {
  if (!allowed(svc, context)) return;
  const value = ParticipantsValueSchema.safeParse(context.activity.value);
  if (!value.success) {
    svc.log.warn({ conversation: context.activity.conversation?.id, kind }, 'participant event not understood');
    return;
  }
  const at = eventTime(svc, context);
  const found = await sessionForEvent(svc, context, at);
  if (!found) return;
  const ctx = contextOf(found.activity, found.session, await attendanceRepo(svc).meeting(found.activity.id, found.session.id));
  const ids = value.data.members.flatMap((m) => (m.user.aadObjectId ? [m.user.aadObjectId] : []));
  const people = await svc.directory.people(ids);
  const eventId = context.activity.id ? `${context.activity.id}` : undefined;
  for (const m of value.data.members) {
    const aad = m.user.aadObjectId;
    if (!aad && !m.user.name) continue;
    const p = aad ? people.get(aad) : undefined;
    const role = roleOf(m.meeting?.role);
    await recordFor(svc, ctx, {
      key: personKey({ aadObjectId: aad, name: m.user.name }),
      person: { aadObjectId: aad, mri: m.user.id, name: m.user.name ?? p?.name, organizationId: p?.organizationId, organizationOther: p?.organizationOther },
      change: (doc) => {
        const events = addMeetingEvent(doc.meeting?.events ?? [], { kind, at: new Date(at).toISOString(), eventId: eventId ? `${eventId}:${aad ?? ''}` : undefined });
        if (!events && (!role || doc.meeting?.role === role)) return doc;
        return { ...doc, meeting: { events: events ?? doc.meeting?.events ?? [], ...((role ?? doc.meeting?.role) ? { role: role ?? doc.meeting?.role } : {}) } };
      },
    });
  }
  svc.log.info({ activityId: ctx.activity.id, sessionId: ctx.session.id, kind, members: value.data.members.length }, 'meeting participants');
  if (kind === 'join' && ctx.session.status === 'scheduled') await markHeld(svc, ctx.activity.id, ctx.session.id);
}
