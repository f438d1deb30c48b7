import { z } from 'zod';

/** An activity's id as cards, links and the tab carry it. */
export const ActivityIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
import { endOfStockholmDay, stockholmToUtc } from './time';

export const ACTIVITY_KINDS = ['seminar', 'series', 'networkMeeting', 'conference', 'webinar'] as const;
export const REGISTRATION_MODES = ['session', 'series'] as const;

export const MAX_SESSIONS = 12;
export const MAX_TITLE = 200;
const MAX_TEXT = 2000;

const SessionSchema = z.object({
  id: z.string().regex(/^s[0-9]{1,3}$/),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  meetingUrl: z.string().max(2000).optional(),
  status: z.enum(['scheduled', 'held', 'cancelled']),
  // The calendar file's SEQUENCE (RFC 5545): raised when the time or link changes or the
  // session is cancelled, so calendars replace the entry with the same UID. Absent: 0.
  sequence: z.number().int().min(0).optional(),
});
export type Session = z.infer<typeof SessionSchema>;

/** The session after a change calendars must pick up (moved, new link, cancelled). */
export const revised = (s: Session): Session => ({ ...s, sequence: (s.sequence ?? 0) + 1 });

/** Set on activities that take teams (src/features/staff-teams): the capacity then counts teams. */
const TeamSettingsSchema = z.object({
  minSize: z.number().int().min(1).max(100),
  maxSize: z.number().int().min(1).max(100),
  // Also count people: at most this many in all teams together (absent: only teams count).
  maxPeople: z.number().int().positive().max(10000).optional(),
});
export type TeamSettings = z.infer<typeof TeamSettingsSchema>;

export const ActivitySchema = z.object({
  id: z.string(),
  activityId: z.string(),
  type: z.literal('activity'),
  title: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  purpose: z.string(),
  targetGroup: z.string(),
  format: z.string(),
  prerequisites: z.object({ before: z.string(), during: z.string(), after: z.string() }),
  sessions: z.array(SessionSchema).min(1),
  capacity: z.number().int().positive(),
  minParticipants: z.number().int().min(0),
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  registrationMode: z.enum(REGISTRATION_MODES),
  status: z.enum(['draft', 'published', 'cancelled']),
  series: z.string().optional(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().optional(),
  // Minutes in the meeting that count as attended; absent means half the session's length.
  attendanceThresholdMinutes: z.number().int().min(1).max(1440).optional(),
  // Scheduling settings; defaults below when absent.
  reminderOffsetsMinutes: z.array(z.number().int().min(5).max(20160)).max(4).optional(),
  lowRegistrationDays: z.number().int().min(1).max(60).optional(),
  followUpMonths: z.number().int().min(1).max(24).optional(),
  // Teams and networks (src/features/staff-teams, src/features/networks).
  team: TeamSettingsSchema.optional(),
  networkId: z.string().max(100).optional(),
  // Loaded as history (npm run demo, an import of past years): shown and counted, never messaged.
  historic: z.boolean().optional(),
});
export type Activity = z.infer<typeof ActivitySchema>;

// Messages are i18n keys, so the handler can explain each field in the user's language.
const text = (max: number) => z.string().trim().min(1, 'err_required').max(max, 'err_tooLong');
const optionalText = z.string().trim().max(MAX_TEXT, 'err_tooLong').default('');
const date = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'err_date');
const time = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'err_time');
const count = (min: number) => z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.number('err_number').int('err_wholeNumber').min(min, 'err_min').max(10000, 'err_max'));
const meetingUrl = z
  .string()
  .trim()
  .max(2000, 'err_tooLong')
  .refine((v) => v === '' || /^https:\/\/[^\s]+$/.test(v), 'err_url')
  .default('');

const SessionInputSchema = z.object({ date, start: time, end: time, meetingUrl });

export const ActivityFormSchema = z
  .object({
    title: text(MAX_TITLE),
    kind: z.enum(ACTIVITY_KINDS, 'err_choice'),
    purpose: text(MAX_TEXT),
    targetGroup: text(MAX_TEXT),
    format: text(MAX_TEXT),
    prepBefore: optionalText,
    prepDuring: optionalText,
    prepAfter: optionalText,
    capacity: count(1),
    minParticipants: count(0),
    deadline: date,
    registrationMode: z.enum(REGISTRATION_MODES, 'err_choice'),
    sessions: z.array(SessionInputSchema).min(1, 'err_noSessions').max(MAX_SESSIONS, 'err_max'),
  })
  .superRefine((f, ctx) => {
    f.sessions.forEach((s, i) => {
      if (s.end <= s.start) ctx.addIssue({ code: 'custom', path: ['sessions', i, 'end'], message: 'err_endBeforeStart' });
    });
    if (f.minParticipants > f.capacity) {
      ctx.addIssue({ code: 'custom', path: ['minParticipants'], message: 'err_minAboveCapacity' });
    }
    const first = [...f.sessions].map((s) => s.date).sort()[0];
    if (first && f.deadline > first) {
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'err_deadlineAfterStart' });
    }
  });
export type ActivityForm = z.infer<typeof ActivityFormSchema>;

/** Raw card inputs (s0_date, s0_start, …) → the nested shape the form schema checks. */
export function collectSessionInputs(raw: Record<string, unknown>, sessionCount: number): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < sessionCount; i++) {
    const pick = (k: string) => {
      const v = raw[`s${i}_${k}`];
      return typeof v === 'string' ? v : undefined;
    };
    // `row` is the form row, so errors find their way back after empty rows are skipped.
    const s = { date: pick('date'), start: pick('start'), end: pick('end'), meetingUrl: pick('link') ?? '', row: i };
    // A completely empty extra row is ignored rather than reported.
    if (i > 0 && !s.date && !s.start && !s.end && !s.meetingUrl) continue;
    out.push(s);
  }
  return out;
}

/**
 * Sessions from the form. Editing keeps each row's session (row i is the previous session i,
 * as the edit form lists them), so registrations stay attached when a time changes; new rows
 * get new ids. A published activity's dropped row is kept as cancelled, a draft's is removed.
 */
export function sessionsFromForm(form: ActivityForm, previous?: Activity): Session[] {
  const before = previous?.sessions ?? [];
  let next = Math.max(0, ...before.map((s) => Number(s.id.slice(1)))) + 1;
  const fromRows: Session[] = form.sessions.map((s, i) => {
    const times = {
      start: stockholmToUtc(s.date, s.start).toISOString(),
      end: stockholmToUtc(s.date, s.end).toISOString(),
      meetingUrl: s.meetingUrl || undefined,
    };
    const old = before[i];
    if (!old) return { id: `s${next++}`, status: 'scheduled' as const, ...times };
    const changed = old.start !== times.start || old.end !== times.end || old.meetingUrl !== times.meetingUrl;
    return changed ? revised({ ...old, ...times }) : { ...old, ...times };
  });
  const dropped = previous?.status === 'published' ? before.slice(form.sessions.length).map((s) => (s.status === 'cancelled' ? s : revised({ ...s, status: 'cancelled' as const }))) : [];
  const all = [...fromRows, ...dropped].sort((a, b) => a.start.localeCompare(b.start));
  // A brand-new activity numbers its sessions in time order.
  return previous ? all : all.map((s, i) => ({ ...s, id: `s${i + 1}` }));
}

export function buildActivity(input: { id: string; form: ActivityForm; createdBy: string; now: Date; previous?: Activity }): Activity {
  const { form, now, previous } = input;
  return {
    id: input.id,
    activityId: input.id,
    type: 'activity',
    title: form.title,
    kind: form.kind,
    purpose: form.purpose,
    targetGroup: form.targetGroup,
    format: form.format,
    prerequisites: { before: form.prepBefore, during: form.prepDuring, after: form.prepAfter },
    sessions: sessionsFromForm(form, previous),
    capacity: form.capacity,
    minParticipants: form.minParticipants,
    deadline: form.deadline,
    // Seat lists are per session or per series: the mode is fixed once people can register.
    registrationMode: previous?.status === 'published' ? previous.registrationMode : form.registrationMode,
    status: previous?.status ?? 'draft',
    createdBy: previous?.createdBy ?? input.createdBy,
    createdAt: previous?.createdAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
    ...(previous?.publishedAt ? { publishedAt: previous.publishedAt } : {}),
    ...(previous?.attendanceThresholdMinutes !== undefined ? { attendanceThresholdMinutes: previous.attendanceThresholdMinutes } : {}),
    ...(previous?.reminderOffsetsMinutes ? { reminderOffsetsMinutes: previous.reminderOffsetsMinutes } : {}),
    ...(previous?.lowRegistrationDays !== undefined ? { lowRegistrationDays: previous.lowRegistrationDays } : {}),
    ...(previous?.followUpMonths !== undefined ? { followUpMonths: previous.followUpMonths } : {}),
    ...(previous?.team ? { team: previous.team } : {}),
    ...(previous?.networkId ? { networkId: previous.networkId } : {}),
  };
}

/** The seat list a registration for this session goes into: one per session, or one for the whole series. */
export function seatScope(activity: Activity, sessionId: string): string {
  return activity.registrationMode === 'series' ? 'series' : sessionId;
}

export function seatScopes(activity: Activity): string[] {
  return activity.registrationMode === 'series' ? ['series'] : activity.sessions.map((s) => s.id);
}

export function deadlineInstant(activity: Activity): Date {
  return endOfStockholmDay(activity.deadline);
}

/** Throws nothing: returns why a registration is not possible now, or null when it is. */
export function registrationBlocker(
  activity: Activity,
  scope: string,
  now: Date,
  /** A team registration: allowed (only) on activities that take teams. */
  options: { asTeam?: boolean } = {},
): 'notPublished' | 'deadlinePassed' | 'sessionCancelled' | 'sessionStarted' | 'teamsOnly' | 'notForTeams' | null {
  if (activity.status !== 'published') return 'notPublished';
  if (now.getTime() > deadlineInstant(activity).getTime()) return 'deadlinePassed';
  if (activity.team && !options.asTeam) return 'teamsOnly';
  if (!activity.team && options.asTeam) return 'notForTeams';
  if (scope !== 'series') {
    const session = activity.sessions.find((s) => s.id === scope);
    if (!session || session.status === 'cancelled') return 'sessionCancelled';
    if (now.getTime() >= Date.parse(session.start)) return 'sessionStarted';
  }
  return null;
}

/** Cancelling is allowed until the (first) session starts. */
export function cancelBlocker(activity: Activity, scope: string, now: Date): 'sessionStarted' | null {
  const sessions = scope === 'series' ? activity.sessions : activity.sessions.filter((s) => s.id === scope);
  const first = sessions.map((s) => Date.parse(s.start)).sort((a, b) => a - b)[0];
  if (first !== undefined && now.getTime() >= first) return 'sessionStarted';
  return null;
}

export const DEFAULT_REMINDER_OFFSETS = [1440, 60];
export const DEFAULT_LOW_REGISTRATION_DAYS = 7;
export const DEFAULT_FOLLOW_UP_MONTHS = 6;

/** The stored id of one posted invitation card: its conversation and message, as Teams named them. */
export function postingId(conversationId: string, messageId: string): string {
  return `posting-${Buffer.from(`${conversationId}|${messageId}`).toString('base64url').slice(0, 180)}`;
}
