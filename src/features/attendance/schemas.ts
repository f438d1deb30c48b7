import { ActivityIdSchema } from '../../kernel/activity';
import { z } from 'zod';

// Stored documents besides the per-person attendance (src/kernel/attendance.ts), and the
// payloads cards and Teams events send in.

const iso = z.iso.datetime();

/** What happened in a session's Teams meeting; one per session in the activity's partition. */
export const SessionMeetingSchema = z.object({
  id: z.string(),
  activityId: z.string(),
  type: z.literal('sessionMeeting'),
  sessionId: z.string(),
  threadId: z.string().optional(),
  joinUrl: z.string().optional(),
  organizerId: z.string().optional(),
  startedAt: iso.optional(),
  endedAt: iso.optional(),
  checkInPostedAt: iso.optional(),
  graph: z
    .object({
      status: z.enum(['pending', 'done', 'failed']),
      dueAt: iso,
      attempts: z.number().int().min(0),
      reportIds: z.array(z.string()).default([]),
      lastError: z.string().optional(),
    })
    .optional(),
  updatedAt: iso,
});
export type SessionMeeting = z.infer<typeof SessionMeetingSchema>;
export const sessionMeetingId = (sessionId: string) => `meeting-${sessionId}`;

/** One imported report file; its status is the commit point of the import. */
export const ImportSchema = z.object({
  id: z.string(),
  activityId: z.string(),
  type: z.literal('attendanceImport'),
  sessionId: z.string(),
  fileHash: z.string(),
  status: z.enum(['applying', 'applied', 'rolledBack']),
  by: z.string(),
  at: iso,
  personKeys: z.array(z.string()),
  rows: z.number().int().min(0),
  unreadable: z.number().int().min(0),
  updatedAt: iso,
});
export type AttendanceImport = z.infer<typeof ImportSchema>;
export const importId = (sessionId: string, fileHash: string) => `import-${sessionId}-${fileHash.slice(0, 32)}`;

/** A Teams meeting (by its chat thread) and the sessions it serves; container `meetings`, pk /id. */
export const MeetingLinkSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  activityId: z.string(),
  sessionIds: z.array(z.string()).min(1),
  joinUrl: z.string().optional(),
  organizerId: z.string().optional(),
  linkedBy: z.enum(['joinUrl', 'manual']),
  linkedByUser: z.string().optional(),
  linkedAt: iso,
});
export type MeetingLink = z.infer<typeof MeetingLinkSchema>;

export function meetingLinkId(threadId: string): string {
  return `thread-${Buffer.from(threadId.toLowerCase()).toString('base64url').slice(0, 200)}`;
}

// --- input ----------------------------------------------------------------------------------

const ActivityId = ActivityIdSchema;
const SessionId = z.string().regex(/^s[0-9]{1,3}$/);
export const SessionRefSchema = z.object({ activityId: ActivityId, sessionId: SessionId });
export type SessionRef = z.infer<typeof SessionRefSchema>;

export const PERSON_KEY = /^(aad|em|nm)-[A-Za-z0-9-]{1,80}$/;

const Page = z.coerce.number().int().min(0).max(1000).default(0);
export const MarkShowSchema = SessionRefSchema.extend({ page: Page });

/** The marking card: toggles p0, p1, … , what each showed and whose it is, and the threshold typed. */
export const MarkSaveSchema = SessionRefSchema.extend({
  page: Page,
  shown: z.string().max(20_000).default(''),
  threshold: z.union([z.string(), z.number()]).optional(),
}).catchall(z.unknown());

export const FileAttachmentSchema = z.object({
  contentType: z.literal('application/vnd.microsoft.teams.file.download.info'),
  name: z.string().max(500).optional(),
  content: z.object({
    downloadUrl: z.url({ protocol: /^https?$/ }),
    fileType: z.string().max(20).optional(),
    uniqueId: z.string().max(200).optional(),
  }),
});
export type FileAttachment = z.infer<typeof FileAttachmentSchema>;

const when = z.union([z.date(), z.string()]).transform((v, ctx) => {
  const t = v instanceof Date ? v.getTime() : Date.parse(v);
  if (!Number.isFinite(t)) {
    ctx.addIssue({ code: 'custom', message: 'bad time' });
    return z.NEVER;
  }
  return t;
});

/** Teams' meetingStart / meetingEnd event value (PascalCase, as Teams sends it). */
export const MeetingEventValueSchema = z.object({
  Id: z.string().max(1000).optional(),
  JoinUrl: z.string().max(4000).optional(),
  Title: z.string().max(1000).optional(),
  MeetingType: z.string().max(100).optional(),
  StartTime: when.optional(),
  EndTime: when.optional(),
});

export const ParticipantsValueSchema = z.object({
  members: z
    .array(
      z.object({
        user: z.object({
          id: z.string().max(1000).optional(),
          name: z.string().max(500).optional(),
          aadObjectId: z
            .string()
            .regex(/^[A-Za-z0-9-]{1,64}$/)
            .optional(),
        }),
        meeting: z.object({ inMeeting: z.boolean().optional(), role: z.string().max(100).optional() }).optional(),
      }),
    )
    .max(500),
});

export const EventTimestampSchema = when;
