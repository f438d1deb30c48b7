import { createHash } from 'node:crypto';
import { toSpanDocs, type Attendance } from '../../kernel/attendance';
import type { Actor } from '../../kernel/actor';
import type { AttendancePorts } from './ports';
import { eachLimited, planRows, type Plan, type SourceRow } from './apply';
import { parseReport, type ParsedReport, type ParseFailure } from './report/parse';
import { importId } from './schemas';
import { attendanceRepo, contextOf, markHeld, recordFor, type SessionCtx } from './session';
import { findByArgument, findByTime, parseSessionArgument, reportFitsSession, type Target } from './target';

type NoTargetReason = 'noActivity' | 'noSession' | 'chooseSession' | 'manyActivities' | 'noSessionAtTime' | 'manySessionsAtTime';

export interface ImportSummary {
  ctx: SessionCtx;
  already: boolean;
  report: ParsedReport;
  plan: Plan;
  /** Everyone recorded for the session after the import, all sources together. */
  docs: Attendance[];
}

export type ImportOutcome =
  | { kind: 'unreadable'; reason: ParseFailure }
  | { kind: 'noTarget'; reason: NoTargetReason; name?: string; reportStart?: number; choices: Target[] }
  | { kind: 'otherMeeting'; target: Target; reportStart: number }
  | { kind: 'writeFailed' }
  | { kind: 'imported'; summary: ImportSummary };

const WRITERS = 8;

function rowsOf(report: ParsedReport): SourceRow[] {
  return report.people.map((p) => ({
    name: p.name,
    aadObjectId: p.aadObjectId,
    email: p.email,
    upn: p.upn,
    role: p.role,
    spans: p.spans,
    seconds: p.seconds,
    external: p.external,
    lines: p.lines,
  }));
}

/** Which session the file is for: named in the message, or found by the report's own times. */
async function resolve(ports: AttendancePorts, bytes: Uint8Array, text: string): Promise<{ report: ParsedReport; target: Target } | Exclude<ImportOutcome, { kind: 'imported' | 'writeFailed' }>> {
  const arg = parseSessionArgument(text.replace(/^\s*(närvaro|narvaro|attendance)\b/i, ''));
  if (arg.name) {
    const first = parseReport(bytes);
    if (!first.ok) return { kind: 'unreadable', reason: first.reason };
    const found = await findByArgument(ports, arg, first.report.start);
    if (!found.ok) return { kind: 'noTarget', reason: found.reason, ...(found.name ? { name: found.name } : {}), choices: found.choices };
    // With the session known, an ambiguous 08/12 is read the way that fits it.
    const again = parseReport(bytes, { hint: Date.parse(found.target.session.start) });
    if (!again.ok) return { kind: 'unreadable', reason: again.reason };
    const r = again.report;
    if (!reportFitsSession(found.target.session, r.start, r.end)) return { kind: 'otherMeeting', target: found.target, reportStart: r.start ?? 0 };
    return { report: r, target: found.target };
  }
  const parsed = parseReport(bytes);
  if (!parsed.ok) return { kind: 'unreadable', reason: parsed.reason };
  let report = parsed.report;
  if (report.start === undefined) return { kind: 'noTarget', reason: 'noSessionAtTime', choices: [] };
  let targets = await findByTime(ports, report.start, report.end ?? report.start);
  if (targets.length === 0 && report.orderGuessed) {
    const other = parseReport(bytes, { order: 'mdy' });
    if (other.ok && other.report.start !== undefined) {
      const alt = await findByTime(ports, other.report.start, other.report.end ?? other.report.start);
      if (alt.length > 0) {
        report = other.report;
        targets = alt;
      }
    }
  }
  if (targets.length === 1) return { report, target: targets[0] as Target };
  return {
    kind: 'noTarget',
    reason: targets.length === 0 ? 'noSessionAtTime' : 'manySessionsAtTime',
    ...(report.start !== undefined ? { reportStart: report.start } : {}),
    choices: targets.slice(0, 10),
  };
}

/**
 * Imports a Teams attendance report into one session. The file is read and matched in full
 * before anything is written; the import document is the commit point, and if a write fails
 * the report source is taken back from everyone it reached, so nothing is left half-written.
 * The same file again changes nothing.
 */
export async function importReport(ports: AttendancePorts, actor: Actor, input: { bytes: Uint8Array; text: string }): Promise<ImportOutcome> {
  const resolved = await resolve(ports, input.bytes, input.text);
  if ('kind' in resolved) return resolved;
  const { report, target } = resolved;
  const repo = attendanceRepo(ports);
  const ctx = contextOf(target.activity, target.session, await repo.meeting(target.activity.id, target.session.id));
  const plan = await planRows(ports, ctx, rowsOf(report));

  const fileHash = createHash('sha256').update(input.bytes).digest('hex');
  const id = importId(ctx.session.id, fileHash);
  const previous = await repo.import(ctx.activity.id, id);
  const already = previous?.status === 'applied';
  const now = ports.now().toISOString();
  const keys = plan.people.map((p) => p.key);
  await repo.updateImport(ctx.activity.id, id, (cur) =>
    cur?.status === 'applied'
      ? null
      : {
          id,
          activityId: ctx.activity.id,
          type: 'attendanceImport',
          sessionId: ctx.session.id,
          fileHash,
          status: 'applying',
          by: actor.aadObjectId,
          at: cur?.at ?? now,
          personKeys: keys,
          rows: report.dataRows,
          unreadable: report.unreadable.length,
          updatedAt: now,
        },
  );

  const before = new Map<string, Attendance['report']>();
  const reached: string[] = [];
  try {
    await eachLimited(plan.people, WRITERS, async (p) => {
      await recordFor(ports, ctx, {
        key: p.key,
        person: p.person,
        change: (doc) => {
          if (!before.has(p.key)) before.set(p.key, doc.report);
          return { ...doc, report: { importId: id, spans: toSpanDocs(p.spans), seconds: p.seconds, role: p.role } };
        },
      });
      reached.push(p.key);
    });
  } catch (err) {
    ports.log.error({ err, activityId: ctx.activity.id, sessionId: ctx.session.id, importId: id, reached: reached.length }, 'report import failed; taking it back');
    await rollBack(ports, ctx, id, reached, before);
    return { kind: 'writeFailed' };
  }
  await repo.updateImport(ctx.activity.id, id, (cur) => (cur && cur.status !== 'applied' ? { ...cur, status: 'applied', updatedAt: ports.now().toISOString() } : null));
  await markHeld(ports, ctx.activity.id, ctx.session.id);
  ports.log.info({ activityId: ctx.activity.id, sessionId: ctx.session.id, importId: id, people: plan.people.length, unreadable: report.unreadable.length, already }, 'attendance report imported');
  return { kind: 'imported', summary: { ctx, already, report, plan, docs: await repo.ofSession(ctx.activity.id, ctx.session.id) } };
}

async function rollBack(ports: AttendancePorts, ctx: SessionCtx, id: string, reached: readonly string[], before: ReadonlyMap<string, Attendance['report']>): Promise<void> {
  try {
    await eachLimited(reached, WRITERS, async (key) => {
      await recordFor(ports, ctx, {
        key,
        person: {},
        change: (doc) => {
          if (doc.report?.importId !== id) return doc;
          const { report: _r, ...rest } = doc;
          const prior = before.get(key);
          return prior ? { ...rest, report: prior } : rest;
        },
      });
    });
    await attendanceRepo(ports).updateImport(ctx.activity.id, id, (cur) => (cur ? { ...cur, status: 'rolledBack', updatedAt: ports.now().toISOString() } : null));
  } catch (err) {
    // The import stays "applying": sending the same file again completes it.
    ports.log.error({ err, activityId: ctx.activity.id, importId: id }, 'report import could not be taken back');
  }
}
