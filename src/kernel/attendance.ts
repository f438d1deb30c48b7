import { z } from 'zod';

// Attendance: who took part in a session, from several sources kept side by side. Times in
// the rules are epoch milliseconds; documents store ISO strings.

export interface Span {
  start: number;
  end: number;
}

/** Sorted, overlapping or touching spans joined, empty or reversed ones dropped. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

export function spanSeconds(spans: readonly Span[]): number {
  return Math.floor(mergeSpans(spans).reduce((n, s) => n + (s.end - s.start), 0) / 1000);
}

export type MeetingEventKind = 'join' | 'leave';
export interface MeetingEvent {
  kind: MeetingEventKind;
  at: number;
}

/**
 * Join/leave events → spans. Joins and leaves are counted, so a second device joining and
 * leaving inside a stay changes nothing; a leave without a join is ignored; a stay never
 * left is closed at `closeAt` (the meeting's end) or, without one, left open and not counted.
 */
export function spansFromEvents(events: readonly MeetingEvent[], closeAt?: number): { spans: Span[]; open: boolean } {
  // At the same instant a leave comes before a join, so leave+rejoin is one continuous stay.
  const sorted = [...events].sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'leave' ? -1 : 1));
  const spans: Span[] = [];
  let depth = 0;
  let openAt = 0;
  for (const e of sorted) {
    if (e.kind === 'join') {
      if (depth === 0) openAt = e.at;
      depth++;
    } else if (depth > 0) {
      depth--;
      if (depth === 0) spans.push({ start: openAt, end: e.at });
    }
  }
  let open = depth > 0;
  if (open && closeAt !== undefined && closeAt > openAt) {
    spans.push({ start: openAt, end: closeAt });
    open = false;
  }
  return { spans: mergeSpans(spans), open };
}

/** The activity's threshold, or half the session's scheduled length. */
export function thresholdSeconds(activity: { attendanceThresholdMinutes?: number | undefined }, session: { start: string; end: string }): number {
  if (activity.attendanceThresholdMinutes !== undefined) return activity.attendanceThresholdMinutes * 60;
  const length = Math.max(0, Date.parse(session.end) - Date.parse(session.start));
  return Math.floor(length / 2000);
}

export type PresentBy = 'manual' | 'checkIn' | 'minutes' | 'none';

/**
 * The attendance rule: a manual mark decides; otherwise a check-in or enough minutes in the
 * meeting make the person present.
 */
export function decidePresence(input: { manual?: boolean | undefined; checkedIn: boolean; seconds: number; thresholdSeconds: number }): { present: boolean; by: PresentBy } {
  if (input.manual !== undefined) return { present: input.manual, by: 'manual' };
  if (input.checkedIn) return { present: true, by: 'checkIn' };
  if (input.seconds > 0 && input.seconds >= input.thresholdSeconds) return { present: true, by: 'minutes' };
  return { present: false, by: 'none' };
}

// --- documents ------------------------------------------------------------------------------

const iso = z.iso.datetime();
const SpanDocSchema = z.object({ start: iso, end: iso });
export type SpanDoc = z.infer<typeof SpanDocSchema>;

export const ROLES = ['organizer', 'presenter', 'attendee', 'unknown'] as const;
export type ParticipantRole = (typeof ROLES)[number];

const MAX_EVENTS = 400;

export const AttendanceSchema = z.object({
  id: z.string(),
  activityId: z.string(),
  type: z.literal('attendance'),
  sessionId: z.string(),
  personKey: z.string(),
  person: z.object({
    aadObjectId: z.string().optional(),
    mri: z.string().optional(),
    email: z.string().optional(),
    upn: z.string().optional(),
    name: z.string().optional(),
    organizationId: z.string().optional(),
    organizationOther: z.string().optional(),
  }),
  meeting: z
    .object({
      events: z.array(z.object({ kind: z.enum(['join', 'leave']), at: iso, eventId: z.string().optional() })).max(MAX_EVENTS),
      role: z.enum(ROLES).optional(),
    })
    .optional(),
  checkIn: z.object({ at: iso }).optional(),
  report: z.object({ importId: z.string(), spans: z.array(SpanDocSchema), seconds: z.number().int().min(0), role: z.enum(ROLES).optional() }).optional(),
  graph: z.object({ reportIds: z.array(z.string()), spans: z.array(SpanDocSchema), seconds: z.number().int().min(0), role: z.enum(ROLES).optional() }).optional(),
  manual: z.object({ present: z.boolean(), by: z.string(), at: iso }).optional(),
  seconds: z.number().int().min(0),
  minutes: z.number().int().min(0),
  present: z.boolean(),
  presentBy: z.enum(['manual', 'checkIn', 'minutes', 'none']),
  createdAt: iso,
  updatedAt: iso,
});
export type Attendance = z.infer<typeof AttendanceSchema>;

export function attendanceId(sessionId: string, personKey: string): string {
  return `att-${sessionId}-${personKey}`;
}

const toSpans = (docs: readonly SpanDoc[]): Span[] => docs.map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end) }));
export const toSpanDocs = (spans: readonly Span[]): SpanDoc[] => spans.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() }));

export interface DeriveContext {
  thresholdSeconds: number;
  /** When the meeting ended: open meeting stays are closed here. */
  meetingEndedAt?: number | undefined;
}

/**
 * Minutes from every timed source together (overlaps counted once), never less than what a
 * source states as its own total; then the rule.
 */
export function derive(doc: Pick<Attendance, 'meeting' | 'checkIn' | 'report' | 'graph' | 'manual'>, ctx: DeriveContext): Pick<Attendance, 'seconds' | 'minutes' | 'present' | 'presentBy'> {
  const all: Span[] = [];
  const stated: number[] = [];
  if (doc.meeting) {
    const events = doc.meeting.events.map((e) => ({ kind: e.kind, at: Date.parse(e.at) }));
    all.push(...spansFromEvents(events, ctx.meetingEndedAt).spans);
  }
  if (doc.report) {
    all.push(...toSpans(doc.report.spans));
    stated.push(doc.report.seconds);
  }
  if (doc.graph) {
    all.push(...toSpans(doc.graph.spans));
    stated.push(doc.graph.seconds);
  }
  const seconds = Math.max(spanSeconds(all), ...stated, 0);
  const decided = decidePresence({ manual: doc.manual?.present, checkedIn: !!doc.checkIn, seconds, thresholdSeconds: ctx.thresholdSeconds });
  return { seconds, minutes: Math.floor(seconds / 60), present: decided.present, presentBy: decided.by };
}

/** Adds a meeting event unless it is already there (same Teams activity id, or same kind and instant). */
export function addMeetingEvent(
  events: readonly { kind: MeetingEventKind; at: string; eventId?: string | undefined }[],
  e: { kind: MeetingEventKind; at: string; eventId?: string | undefined },
): { kind: MeetingEventKind; at: string; eventId?: string }[] | null {
  const at = Date.parse(e.at);
  if (events.some((x) => (e.eventId && x.eventId === e.eventId) || (x.kind === e.kind && Date.parse(x.at) === at))) return null;
  const next = [
    ...events.map((x) => ({ kind: x.kind, at: x.at, ...(x.eventId ? { eventId: x.eventId } : {}) })),
    { kind: e.kind, at: new Date(at).toISOString(), ...(e.eventId ? { eventId: e.eventId } : {}) },
  ];
  // A flapping connection must not grow the document without bound: keep the latest.
  return next.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).slice(-MAX_EVENTS);
}

// --- the meeting of a session ---------------------------------------------------------------

/**
 * Of the sessions a meeting is linked to (a recurring meeting serves several), the one at
 * this instant: the session whose scheduled time, widened by two hours each side, holds it,
 * and of those the nearest start.
 */
export function sessionAt<T extends { id: string; start: string; end: string; status: string }>(sessions: readonly T[], ids: readonly string[], instant: number): T | undefined {
  const margin = 2 * 3600_000;
  return sessions
    .filter((s) => ids.includes(s.id) && s.status !== 'cancelled')
    .filter((s) => instant >= Date.parse(s.start) - margin && instant <= Date.parse(s.end) + margin)
    .sort((a, b) => Math.abs(Date.parse(a.start) - instant) - Math.abs(Date.parse(b.start) - instant))[0];
}

/** Check-in is open from 30 minutes before the start until 30 minutes after the (actual or scheduled) end. */
export function checkInOpen(session: { start: string; end: string; status: string }, meeting: { startedAt?: string | undefined; endedAt?: string | undefined } | null, now: number): boolean {
  if (session.status === 'cancelled') return false;
  const start = Math.min(Date.parse(session.start), meeting?.startedAt ? Date.parse(meeting.startedAt) : Infinity);
  const end = Math.max(Date.parse(session.end), meeting?.endedAt ? Date.parse(meeting.endedAt) : -Infinity);
  return now >= start - 30 * 60_000 && now <= end + 30 * 60_000;
}

/** The thread id in a Teams join link ("19:meeting_…@thread.v2"), or null. */
export function meetingThreadOf(url: string): string | null {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    // a stray % in a pasted link: match on the raw text
  }
  const m = /19:[A-Za-z0-9_\-.=]+@thread\.(?:v2|tacv2|skype)/.exec(decoded);
  return m ? m[0] : null;
}

/** The organiser's object id in a join link's context parameter ({"Tid":…,"Oid":…}), or null. */
export function organizerOf(url: string): string | null {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    return null;
  }
  const m = /"Oid"\s*:\s*"([0-9a-fA-F-]{36})"/.exec(decoded);
  return m?.[1] ?? null;
}

/** Two join links name the same meeting: same thread, or the same address without its query. */
export function sameMeeting(a: string, b: string): boolean {
  const ta = meetingThreadOf(a);
  const tb = meetingThreadOf(b);
  if (ta && tb) return ta.toLowerCase() === tb.toLowerCase();
  const strip = (u: string) => u.split('?')[0]?.replace(/\/+$/, '').toLowerCase() ?? '';
  return strip(a) !== '' && strip(a) === strip(b);
}

/** Whether anything at all says this person was (or was not) there. */
export function hasSource(d: Pick<Attendance, 'meeting' | 'checkIn' | 'report' | 'graph' | 'manual'>): boolean {
  return (d.meeting?.events.length ?? 0) > 0 || !!d.checkIn || !!d.report || !!d.graph || !!d.manual;
}
