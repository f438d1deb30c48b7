import type { Container } from '@azure/cosmos';
import { parseAll, readDoc } from '../../platform/cosmos/docs';
import type { z } from 'zod';
import { AttendanceSchema, attendanceId, type Attendance } from '../../kernel/attendance';
import { PersonSchema, type Person } from '../../kernel/people';
import { isConflict, isPreconditionFailed } from '../../platform/cosmos/errors';
import { ImportSchema, MeetingLinkSchema, meetingLinkId, SessionMeetingSchema, sessionMeetingId, type AttendanceImport, type MeetingLink, type SessionMeeting } from './schemas';

export interface Versioned<T> {
  doc: T;
  etag: string;
}

const MAX_ATTEMPTS = 20;

/**
 * Read-modify-write of one document under If-Match, retried when someone else wrote first,
 * so concurrent events for one person never lose one. `change` returns null for "nothing to
 * change", and then nothing is written.
 */
async function updateDoc<T extends { id: string }>(
  container: Container,
  id: string,
  pk: string,
  schema: z.ZodType<T>,
  change: (current: T | null) => T | null,
): Promise<{ doc: T | null; changed: boolean }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await readDoc(container, id, pk, schema);
    const next = change(current?.doc ?? null);
    if (!next) return { doc: current?.doc ?? null, changed: false };
    const parsed = schema.parse(next);
    try {
      if (current) await container.item(id, pk).replace(parsed, { accessCondition: { type: 'IfMatch', condition: current.etag } });
      else await container.items.create(parsed);
      return { doc: parsed, changed: true };
    } catch (err) {
      if (!isPreconditionFailed(err) && !isConflict(err)) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(40, 2 + attempt * 4)));
    }
  }
  throw new Error('attendance update kept conflicting');
}

/** Attendance, session meetings and imports (activities container), and meeting links (meetings container). */
export class AttendanceRepository {
  constructor(
    private readonly activities: Container,
    private readonly meetings: Container,
    private readonly directory?: Container,
  ) {}

  /**
   * People in the directory with exactly these display names (walk-ins in a report have a
   * name but no Teams id). One cross-partition query per import.
   */
  async peopleNamed(names: readonly string[]): Promise<Person[]> {
    if (!this.directory || names.length === 0) return [];
    const { resources } = await this.directory.items
      .query({ query: "SELECT * FROM c WHERE c.type = 'person' AND ARRAY_CONTAINS(@names, c.name)", parameters: [{ name: '@names', value: [...new Set(names)].slice(0, 1000) }] })
      .fetchAll();
    return resources.flatMap((r) => {
      const p = PersonSchema.safeParse(r);
      return p.success ? [p.data] : [];
    });
  }

  get(activityId: string, sessionId: string, personKey: string): Promise<Versioned<Attendance> | null> {
    return readDoc(this.activities, attendanceId(sessionId, personKey), activityId, AttendanceSchema);
  }

  update(activityId: string, sessionId: string, personKey: string, change: (current: Attendance | null) => Attendance | null) {
    return updateDoc(this.activities, attendanceId(sessionId, personKey), activityId, AttendanceSchema, change);
  }

  /** Everyone recorded for a session; a single-partition query (the key is in the WHERE clause). */
  async ofSession(activityId: string, sessionId: string): Promise<Attendance[]> {
    const { resources } = await this.activities.items
      .query({
        query: "SELECT * FROM c WHERE c.activityId = @a AND c.type = 'attendance' AND c.sessionId = @s",
        parameters: [
          { name: '@a', value: activityId },
          { name: '@s', value: sessionId },
        ],
      })
      .fetchAll();
    return parseAll(resources, AttendanceSchema);
  }

  async ofActivity(activityId: string): Promise<Attendance[]> {
    const { resources } = await this.activities.items.query({ query: "SELECT * FROM c WHERE c.activityId = @a AND c.type = 'attendance'", parameters: [{ name: '@a', value: activityId }] }).fetchAll();
    return parseAll(resources, AttendanceSchema);
  }

  async meeting(activityId: string, sessionId: string): Promise<SessionMeeting | null> {
    return (await readDoc(this.activities, sessionMeetingId(sessionId), activityId, SessionMeetingSchema))?.doc ?? null;
  }

  updateMeeting(activityId: string, sessionId: string, change: (current: SessionMeeting | null) => SessionMeeting | null) {
    const id = sessionMeetingId(sessionId);
    return updateDoc(this.activities, id, activityId, SessionMeetingSchema, (cur) => {
      const next = change(cur);
      return next ? { ...next, id, activityId, sessionId } : null;
    });
  }

  /** Session meetings whose Graph fetch is waiting; across partitions, but there are few. */
  async pendingGraphFetches(): Promise<SessionMeeting[]> {
    const { resources } = await this.activities.items.query("SELECT * FROM c WHERE c.type = 'sessionMeeting' AND c.graph.status = 'pending'").fetchAll();
    return resources.flatMap((r) => {
      const p = SessionMeetingSchema.safeParse(r);
      return p.success ? [p.data] : [];
    });
  }

  async import(activityId: string, id: string): Promise<AttendanceImport | null> {
    return (await readDoc(this.activities, id, activityId, ImportSchema))?.doc ?? null;
  }

  updateImport(activityId: string, id: string, change: (current: AttendanceImport | null) => AttendanceImport | null) {
    return updateDoc(this.activities, id, activityId, ImportSchema, change);
  }

  async link(threadId: string): Promise<MeetingLink | null> {
    const id = meetingLinkId(threadId);
    return (await readDoc(this.meetings, id, id, MeetingLinkSchema))?.doc ?? null;
  }

  updateLink(threadId: string, change: (current: MeetingLink | null) => MeetingLink | null) {
    const id = meetingLinkId(threadId);
    return updateDoc(this.meetings, id, id, MeetingLinkSchema, (cur) => {
      const next = change(cur);
      return next ? { ...next, id } : null;
    });
  }
}
