import { z } from 'zod';

// Microsoft Graph, just what attendance needs: an app-only token (client credentials) and the
// online meeting's attendance reports. Base URL and authority are settings, so tests talk to a
// local fake over HTTP exactly as production talks to Graph.

export interface GraphSettings {
  baseUrl: string;
  authority: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
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

const TokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().int().positive().default(3600) });
const ErrorSchema = z.object({ error: z.object({ code: z.string() }) });
const page = <T extends z.ZodType>(item: T) => z.object({ value: z.array(item), '@odata.nextLink': z.string().optional() });

const MeetingSchema = z.object({ id: z.string().min(1) });
export const AttendanceReportSchema = z.object({
  id: z.string().min(1),
  totalParticipantCount: z.number().int().nullish(),
  meetingStartDateTime: z.string().nullish(),
  meetingEndDateTime: z.string().nullish(),
});
export type GraphAttendanceReport = z.infer<typeof AttendanceReportSchema>;

export const AttendanceRecordSchema = z.object({
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
  private token: { value: string; expiresAt: number } | undefined;
  private readonly base: string;

  constructor(
    private readonly settings: GraphSettings,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.base = settings.baseUrl.replace(/\/+$/, '');
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now() + 60_000) return this.token.value;
    const url = `${this.settings.authority.replace(/\/+$/, '')}/${encodeURIComponent(this.settings.tenantId)}/oauth2/v2.0/token`;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.settings.clientId,
        client_secret: this.settings.clientSecret,
        scope: this.settings.scope,
      }).toString(),
      signal: AbortSignal.timeout(this.settings.timeoutMs ?? 15_000),
    });
    const body: unknown = await res.json().catch(() => null);
    const parsed = TokenSchema.safeParse(body);
    if (!res.ok || !parsed.success) throw new GraphError(res.status, 'tokenFailed');
    this.token = { value: parsed.data.access_token, expiresAt: this.now() + parsed.data.expires_in * 1000 };
    return this.token.value;
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
      if (res.status === 401 && attempt === 0) {
        this.token = undefined;
        continue;
      }
      if ((res.status === 429 || res.status >= 500) && attempt < 3) {
        const after = Number(res.headers.get('retry-after'));
        await sleep(Number.isFinite(after) && after > 0 ? Math.min(after, 30) * 1000 : 500 * 2 ** attempt);
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
