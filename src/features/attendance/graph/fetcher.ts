import type { Logger } from 'pino';
import { mergeSpans, organizerOf, toSpanDocs, type ParticipantRole, type Span } from '../../../kernel/attendance';
import type { AttendancePorts } from '../ports';
import { eachLimited, planRows, type SourceRow } from '../apply';
import { markHeld, loadSession, recordFor, attendanceRepo, type SessionCtx } from '../session';
import { GraphError, type GraphAttendanceRecord, type GraphClient } from './client';

export type GraphOutcome = { kind: 'fetched'; people: number; reportIds: string[] } | { kind: 'noMeeting' } | { kind: 'noReport' } | { kind: 'failed'; code: string };

export interface GraphFetchOptions {
  /** Wait this long after the meeting ends before the first try (reports take a few minutes). */
  delayMs: number;
  maxAttempts: number;
  pollMs: number;
}

function roleOf(v: string | null | undefined): ParticipantRole {
  const r = (v ?? '').toLowerCase();
  if (r.includes('organizer')) return 'organizer';
  if (r.includes('presenter')) return 'presenter';
  if (r.includes('attendee')) return 'attendee';
  return 'unknown';
}

/** Graph's records (one per person per report) → rows, several reports of one session joined. */
export function rowsFromRecords(records: readonly GraphAttendanceRecord[]): SourceRow[] {
  const byPerson = new Map<string, SourceRow>();
  for (const r of records) {
    const aad = r.identity?.id && /^[0-9a-f-]{36}$/i.test(r.identity.id) ? r.identity.id.toLowerCase() : undefined;
    const email = r.emailAddress ? r.emailAddress.toLowerCase() : undefined;
    const name = (r.identity?.displayName ?? '').trim();
    const spans: Span[] = (r.attendanceIntervals ?? []).flatMap((i) => {
      const start = i.joinDateTime ? Date.parse(i.joinDateTime) : NaN;
      const end = i.leaveDateTime ? Date.parse(i.leaveDateTime) : NaN;
      return Number.isFinite(start) && Number.isFinite(end) && end > start ? [{ start, end }] : [];
    });
    const key = aad ?? email ?? `n:${name.toLowerCase()}`;
    const prev = byPerson.get(key);
    const seconds = Math.round(r.totalAttendanceInSeconds ?? 0);
    if (prev) {
      prev.spans = mergeSpans([...prev.spans, ...spans]);
      prev.seconds += seconds;
    } else {
      byPerson.set(key, { name, aadObjectId: aad, email, role: roleOf(r.role), spans, seconds });
    }
  }
  return [...byPerson.values()].filter((r) => r.name || r.aadObjectId || r.email);
}

/**
 * Fetches a session's attendance reports from Graph after its meeting ends, and on request.
 * What is due is kept on the session's meeting document (so a restart resumes it), tried
 * again with growing pauses while Graph has no report yet.
 */
export class GraphAttendance {
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Map<string, Promise<void>>();
  private readonly timeouts = new Set<NodeJS.Timeout>();

  constructor(
    private readonly client: GraphClient,
    private readonly log: Logger,
    private readonly options: GraphFetchOptions,
    private readonly ports: AttendancePorts,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.options.pollMs);
    this.timer.unref();
    void this.sweep();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    for (const t of this.timeouts) clearTimeout(t);
    this.timeouts.clear();
    await this.idle();
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  /** Marks the session's reports as wanted after its meeting ended, and tries when due. */
  async schedule(activityId: string, sessionId: string): Promise<void> {
    const ports = this.ports;
    const due = new Date(ports.now().getTime() + this.options.delayMs).toISOString();
    await attendanceRepo(ports).updateMeeting(activityId, sessionId, (cur) => ({
      id: '',
      activityId,
      sessionId,
      type: 'sessionMeeting',
      ...(cur ?? {}),
      graph: { status: 'pending', dueAt: due, attempts: 0, reportIds: cur?.graph?.reportIds ?? [] },
      updatedAt: ports.now().toISOString(),
    }));
    this.later(activityId, sessionId, this.options.delayMs);
  }

  private later(activityId: string, sessionId: string, ms: number): void {
    const t = setTimeout(() => {
      this.timeouts.delete(t);
      void this.runDue(activityId, sessionId);
    }, ms);
    t.unref();
    this.timeouts.add(t);
  }

  /** Runs every due fetch (also those left by a previous process). */
  async sweep(): Promise<void> {
    try {
      const now = this.ports.now().toISOString();
      for (const m of await attendanceRepo(this.ports).pendingGraphFetches()) {
        if (m.graph && m.graph.dueAt <= now) await this.runDue(m.activityId, m.sessionId);
      }
    } catch (err) {
      this.log.warn({ err }, 'graph sweep failed');
    }
  }

  private runDue(activityId: string, sessionId: string): Promise<void> {
    const key = `${activityId}/${sessionId}`;
    const existing = this.running.get(key);
    if (existing) return existing;
    const run = this.attempt(activityId, sessionId).finally(() => this.running.delete(key));
    this.running.set(key, run);
    return run;
  }

  private async attempt(activityId: string, sessionId: string): Promise<void> {
    const ports = this.ports;
    const repo = attendanceRepo(ports);
    const now = ports.now();
    // Claim the attempt under If-Match, so two instances do not both fetch.
    const claimed = await repo.updateMeeting(activityId, sessionId, (cur) =>
      cur?.graph?.status === 'pending' && cur.graph.dueAt <= now.toISOString() ? { ...cur, graph: { ...cur.graph, attempts: cur.graph.attempts + 1 }, updatedAt: now.toISOString() } : null,
    );
    const graph = claimed.changed ? claimed.doc?.graph : undefined;
    if (!graph) return;
    let outcome: GraphOutcome;
    try {
      outcome = await this.fetchNow(activityId, sessionId);
    } catch (err) {
      outcome = { kind: 'failed', code: err instanceof Error ? err.name : 'error' };
    }
    const done = outcome.kind === 'fetched';
    const giveUp = !done && (graph.attempts >= this.options.maxAttempts || outcome.kind === 'noMeeting');
    const waitMs = Math.max(1000, this.options.delayMs) * 2 ** graph.attempts;
    await repo.updateMeeting(activityId, sessionId, (cur) =>
      cur
        ? {
            ...cur,
            graph: {
              status: done ? 'done' : giveUp ? 'failed' : 'pending',
              dueAt: done || giveUp ? graph.dueAt : new Date(ports.now().getTime() + waitMs).toISOString(),
              attempts: graph.attempts,
              reportIds: outcome.kind === 'fetched' ? outcome.reportIds : graph.reportIds,
              ...(outcome.kind === 'fetched' ? {} : { lastError: outcome.kind === 'failed' ? outcome.code : outcome.kind }),
            },
            updatedAt: ports.now().toISOString(),
          }
        : null,
    );
    this.log.info({ activityId, sessionId, outcome: outcome.kind, attempts: graph.attempts }, 'graph attendance fetch');
    if (!done && !giveUp) this.later(activityId, sessionId, waitMs);
  }

  /** Fetches the session's reports now and records them as the Graph source. */
  async fetchNow(activityId: string, sessionId: string): Promise<GraphOutcome> {
    const ports = this.ports;
    const ctx = await loadSession(ports, activityId, sessionId);
    const joinUrl = ctx.meeting?.joinUrl ?? ctx.session.meetingUrl;
    const organizerId = ctx.meeting?.organizerId ?? (joinUrl ? organizerOf(joinUrl) : null);
    if (!joinUrl || !organizerId) return { kind: 'noMeeting' };
    try {
      const meetingId = await this.client.findMeetingId(organizerId, joinUrl);
      if (!meetingId) return { kind: 'noMeeting' };
      const reports = (await this.client.attendanceReports(organizerId, meetingId)).filter((r) => fits(ctx, r.meetingStartDateTime, r.meetingEndDateTime));
      if (reports.length === 0) return { kind: 'noReport' };
      const records: GraphAttendanceRecord[] = [];
      for (const r of reports) records.push(...(await this.client.attendanceRecords(organizerId, meetingId, r.id)));
      const reportIds = reports.map((r) => r.id).sort();
      const people = await this.apply(ctx, rowsFromRecords(records), reportIds);
      return { kind: 'fetched', people, reportIds };
    } catch (err) {
      if (err instanceof GraphError) return { kind: 'failed', code: err.code };
      throw err;
    }
  }

  private async apply(ctx: SessionCtx, rows: SourceRow[], reportIds: string[]): Promise<number> {
    const ports = this.ports;
    const plan = await planRows(ports, ctx, rows);
    await eachLimited(plan.people, 8, async (p) => {
      await recordFor(ports, ctx, {
        key: p.key,
        person: p.person,
        change: (doc) => ({ ...doc, graph: { reportIds, spans: toSpanDocs(p.spans), seconds: p.seconds, role: p.role } }),
      });
    });
    if (plan.people.length > 0) await markHeld(ports, ctx.activity.id, ctx.session.id);
    return plan.people.length;
  }
}

/** A report belongs to the session when its meeting overlaps the session (two hours' margin). */
function fits(ctx: SessionCtx, start: string | null | undefined, end: string | null | undefined): boolean {
  const s = start ? Date.parse(start) : NaN;
  if (!Number.isFinite(s)) return false;
  const e = end ? Date.parse(end) : s;
  const margin = 2 * 3600_000;
  return s <= Date.parse(ctx.session.end) + margin && e >= Date.parse(ctx.session.start) - margin;
}
