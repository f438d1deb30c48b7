import type { TokenCredential } from '@azure/identity';
import { z } from 'zod';
import { countThrottled } from '../../../platform/observability';
import { parseRetryAfter } from '../../../kernel/retryAfter';

// Microsoft Graph, just what attendance needs: an app-only token (@azure/identity: client secret
// or managed identity) and the online meeting's attendance reports. Base URL and authority are
// settings, so tests talk to a local fake over HTTP exactly as production talks to Graph.

export interface GraphSettings {
  baseUrl: string;
  /** App-only credential (graph/credential.ts); it caches and refreshes its tokens. */
  credential: TokenCredential;
  scope: string;
  timeoutMs?: number;
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`graph ${status} ${code}`);
    this.name = 'GraphError';
  }
}

const ErrorSchema = z.object({ error: z.object({ code: z.string() }) });
const page = <T extends z.ZodType>(item: T) => z.object({ value: z.array(item), '@odata.nextLink': z.string().optional() });

const MeetingSchema = z.object({ id: z.string().min(1) });
const AttendanceReportSchema = z.object({
  id: z.string().min(1),
  totalParticipantCount: z.number().int().nullish(),
  meetingStartDateTime: z.string().nullish(),
  meetingEndDateTime: z.string().nullish(),
});
export type GraphAttendanceReport = z.infer<typeof AttendanceReportSchema>;

const AttendanceRecordSchema = z.object({
  id: z.string().nullish(),
  emailAddress: z.string().max(320).nullish(),
  totalAttendanceInSeconds: z.number().min(0).nullish(),
  role: z.string().max(100).nullish(),
  identity: z.object({ id: z.string().max(200).nullish(), displayName: z.string().max(500).nullish(), tenantId: z.string().nullish() }).nullish(),
  attendanceIntervals: z
    .array(z.object({ joinDateTime: z.string().nullish(), leaveDateTime: z.string().nullish(), durationInSeconds: z.number().nullish() }))
    .max(1000)
    .nullish(),
});
export type GraphAttendanceRecord = z.infer<typeof AttendanceRecordSchema>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class GraphClient {
  private readonly base: string;

  constructor(private readonly settings: GraphSettings) {
    this.base = settings.baseUrl.replace(/\/+$/, '');
  }

  private async accessToken(): Promise<string> {
    try {
      const token = await this.settings.credential.getToken(this.settings.scope, { abortSignal: AbortSignal.timeout(this.settings.timeoutMs ?? 15_000) });
      if (!token?.token) throw new Error('no token');
      return token.token;
    } catch {
      // The credential's message names the tenant and app; the code is enough for the log.
      throw new GraphError(0, 'tokenFailed');
    }
  }

  /** GET with the token; 429 and 5xx are retried a few times, honouring Retry-After (capped). */
  private async get<T>(url: string, schema: z.ZodType<T>): Promise<T> {
    if (!url.startsWith(`${this.base}/`)) throw new GraphError(0, 'foreignLink');
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(url, {
        headers: { authorization: `Bearer ${await this.accessToken()}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 15_000),
      });
      const body: unknown = await res.json().catch(() => null);
      if (res.ok) {
        const parsed = schema.safeParse(body);
        if (!parsed.success) throw new GraphError(res.status, 'unexpectedResponse');
        return parsed.data;
      }
      if (res.status === 429) countThrottled('graph');
      if ((res.status === 429 || res.status >= 500) && attempt < 3) {
        const after = parseRetryAfter(res.headers.get('retry-after'), Date.now());
        await sleep(after !== null && after > 0 ? Math.min(after, 30_000) : 500 * 2 ** attempt);
        continue;
      }
      const err = ErrorSchema.safeParse(body);
      throw new GraphError(res.status, err.success ? err.data.error.code : 'error');
    }
  }

  private async all<T>(first: string, item: z.ZodType<T>): Promise<T[]> {
    const out: T[] = [];
    let url: string | undefined = first;
    for (let pages = 0; url && pages < 50; pages++) {
      const p: { value: T[]; '@odata.nextLink'?: string | undefined } = await this.get(url, page(item));
      out.push(...p.value);
      url = p['@odata.nextLink'];
    }
    return out;
  }

  private meetingPath(organizerId: string, meetingId: string): string {
    return `${this.base}/users/${encodeURIComponent(organizerId)}/onlineMeetings/${encodeURIComponent(meetingId)}`;
  }

  /** The online meeting's Graph id, found by its join link (application permission needs the organiser). */
  async findMeetingId(organizerId: string, joinUrl: string): Promise<string | null> {
    const filter = encodeURIComponent(`JoinWebUrl eq '${joinUrl.replace(/'/g, "''")}'`);
    const found = await this.get(`${this.base}/users/${encodeURIComponent(organizerId)}/onlineMeetings?$filter=${filter}`, page(MeetingSchema));
    return found.value[0]?.id ?? null;
  }

  attendanceReports(organizerId: string, meetingId: string): Promise<GraphAttendanceReport[]> {
    return this.all(`${this.meetingPath(organizerId, meetingId)}/attendanceReports`, AttendanceReportSchema);
  }

  attendanceRecords(organizerId: string, meetingId: string, reportId: string): Promise<GraphAttendanceRecord[]> {
    return this.all(`${this.meetingPath(organizerId, meetingId)}/attendanceReports/${encodeURIComponent(reportId)}/attendanceRecords`, AttendanceRecordSchema);
  }
}
