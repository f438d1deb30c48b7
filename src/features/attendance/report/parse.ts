import { mergeSpans, spansFromEvents, spanSeconds, type MeetingEvent, type ParticipantRole, type Span } from '../../../kernel/attendance';
import { fold } from '../../../kernel/text';
import { decodeReport, MAX_REPORT_BYTES, type DecodeFailure, type Encoding } from './decode';
import { readLayout, type Columns, type Line, type Table } from './tables';
import { detectOrder, isGuid, readAction, readDateTime, readDuration, readEmail, readName, readRole, toInstant, type DateOrder, type RawDateTime } from './values';

export type ParseFailure = DecodeFailure | 'notAReport' | 'noParticipants' | 'mostlyUnreadable';
type UnreadableReason = 'columns' | 'noName' | 'badTime' | 'badDuration' | 'leaveBeforeJoin' | 'badAction';

/** One person in the report, all their rows together. */
interface ReportPerson {
  name: string;
  external: boolean;
  email?: string;
  upn?: string;
  aadObjectId?: string;
  role: ParticipantRole;
  spans: Span[];
  seconds: number;
  lines: number[];
}

export interface ParsedReport {
  format: 'sections' | 'legacy';
  encoding: Encoding;
  title?: string;
  start?: number;
  end?: number;
  people: ReportPerson[];
  unreadable: { line: number; reason: UnreadableReason }[];
  dataRows: number;
  /** Day and month could be either way round and were decided by the hint or by default. */
  orderGuessed: boolean;
}

export type ParseResult = { ok: true; report: ParsedReport } | { ok: false; reason: ParseFailure };

interface Acc {
  name: string;
  external: boolean;
  email?: string;
  upn?: string;
  aadObjectId?: string;
  role?: ParticipantRole;
  spans: Span[];
  /** Stated total from the participants table. */
  stated?: number;
  /** First join to last leave, used only when nothing better is known. */
  envelope?: Span;
  events: MeetingEvent[];
  lines: number[];
}

const cell = (line: Line, j: number | undefined) => (j === undefined ? '' : (line.cells[j] ?? '').trim());

function keyOf(p: { email?: string | undefined; upn?: string | undefined; aadObjectId?: string | undefined; name: string }): string {
  return p.email ?? p.upn ?? p.aadObjectId ?? `n:${fold(p.name)}`;
}

const SUMMARY_KEYS = {
  title: ['meeting title', 'title', 'motesrubrik', 'motets rubrik', 'motets titel', 'rubrik', 'titel', 'motesnamn'],
  start: ['start time', 'meeting start time', 'starttid', 'motets starttid', 'start', 'borjade'],
  end: ['end time', 'meeting end time', 'sluttid', 'motets sluttid', 'slut', 'slutade'],
};

function readSummary(lines: readonly Line[], order: DateOrder): { title?: string; start?: number; end?: number } {
  const out: { title?: string; start?: number; end?: number } = {};
  const dates: number[] = [];
  for (const l of lines) {
    const key = fold(l.cells[0] ?? '').replace(/:$/, '');
    const value = (l.cells[1] ?? '').trim();
    if (!value) continue;
    const raw = readDateTime(value);
    const at = raw ? toInstant(raw, order) : null;
    if (SUMMARY_KEYS.title.includes(key)) out.title = value.slice(0, 300);
    else if (SUMMARY_KEYS.start.includes(key) && at !== null) out.start = at;
    else if (SUMMARY_KEYS.end.includes(key) && at !== null) out.end = at;
    else if (at !== null) dates.push(at);
  }
  // Headers in another language: the first two times are the start and the end.
  if (out.start === undefined && dates[0] !== undefined) out.start = dates.shift();
  if (out.end === undefined && dates[0] !== undefined) out.end = dates.shift();
  return out;
}

function usableTable(t: Table): boolean {
  const c = t.columns;
  return c.name !== undefined && (c.join !== undefined || c.duration !== undefined || (c.action !== undefined && c.timestamp !== undefined));
}

export function parseReport(bytes: Uint8Array, options: { maxBytes?: number; hint?: number; order?: DateOrder } = {}): ParseResult {
  const decoded = decodeReport(bytes, options.maxBytes ?? MAX_REPORT_BYTES);
  if (!decoded.ok) return decoded;
  const layout = readLayout(decoded.text);
  const tables = layout.tables.filter(usableTable);
  if (tables.length === 0) return { ok: false, reason: 'notAReport' };
  const legacy = tables.some((t) => t.columns.action !== undefined);

  // Day-first or month-first is decided once, from every time in the file.
  const samples: RawDateTime[] = [];
  for (const l of layout.summary) {
    const r = readDateTime(l.cells[1] ?? '');
    if (r) samples.push(r);
  }
  for (const t of tables) {
    for (const row of t.rows) {
      for (const j of [t.columns.join, t.columns.leave, t.columns.timestamp]) {
        const r = readDateTime(cell(row, j));
        if (r) samples.push(r);
      }
    }
  }
  const detected = detectOrder(samples, options.hint);
  const order = options.order ?? detected.order;
  const summary = readSummary(layout.summary, order);
  const time = (v: string): number | null | undefined => {
    if (v === '') return undefined;
    const r = readDateTime(v);
    return r ? toInstant(r, order) : null;
  };

  const people = new Map<string, Acc>();
  const byName = new Map<string, Acc>();
  const unreadable: ParsedReport['unreadable'] = [];
  let dataRows = 0;
  let latest = -Infinity;
  const openIntervals: { acc: Acc; join: number }[] = [];

  const personOf = (row: Line, cols: Columns): Acc | UnreadableReason => {
    if (row.cells.filter((c) => c !== '').length < 2) return 'columns';
    const { name, external } = readName(cell(row, cols.name));
    if (!name) return 'noName';
    const email = readEmail(cell(row, cols.email)) ?? undefined;
    const idCell = cell(row, cols.upn);
    const aadObjectId = isGuid(idCell) ? idCell.toLowerCase() : undefined;
    const upn = readEmail(idCell) ?? undefined;
    const ident = { name, ...(email ? { email } : {}), ...(upn ? { upn } : {}), ...(aadObjectId ? { aadObjectId } : {}) };
    const key = keyOf(ident);
    // A row without an address (a table with no e-mail column, a guest) joins the person of that name.
    let acc = people.get(key) ?? (email || upn || aadObjectId ? undefined : byName.get(fold(name)));
    if (!acc) {
      acc = { ...ident, external: external || (upn?.includes('#ext#') ?? false), spans: [], events: [], lines: [] };
      people.set(key, acc);
      if (!byName.has(fold(name))) byName.set(fold(name), acc);
    }
    return acc;
  };

  for (const t of tables) {
    const cols = t.columns;
    const kind = cols.action !== undefined ? 'legacy' : t.section === 'activities' ? 'intervals' : t.section === 'participants' ? 'participants' : 'auto';
    // An untitled table lists each person once (participants) or once per stay (intervals).
    const repeats = kind === 'auto' && new Set(t.rows.map((r) => fold(cell(r, cols.name)))).size < t.rows.length;
    const rowKind = kind === 'auto' ? (repeats ? 'intervals' : 'participants') : kind;
    for (const row of t.rows) {
      dataRows++;
      const found = personOf(row, cols);
      if (typeof found === 'string') {
        unreadable.push({ line: row.no, reason: found });
        continue;
      }
      const role = readRole(cell(row, cols.role)) ?? undefined;
      if (rowKind === 'legacy') {
        const action = readAction(cell(row, cols.action));
        const at = time(cell(row, cols.timestamp));
        if (!action) unreadable.push({ line: row.no, reason: 'badAction' });
        else if (at === null || at === undefined) unreadable.push({ line: row.no, reason: 'badTime' });
        else {
          found.events.push({ kind: action, at });
          found.lines.push(row.no);
          latest = Math.max(latest, at);
        }
        continue;
      }
      const join = time(cell(row, cols.join));
      const leave = time(cell(row, cols.leave));
      const durationCell = cell(row, cols.duration);
      const duration = durationCell === '' ? undefined : readDuration(durationCell);
      if (join === null || leave === null) unreadable.push({ line: row.no, reason: 'badTime' });
      else if (duration === null) unreadable.push({ line: row.no, reason: 'badDuration' });
      else if (join !== undefined && leave !== undefined && leave < join) unreadable.push({ line: row.no, reason: 'leaveBeforeJoin' });
      else if (rowKind === 'intervals' && join === undefined) unreadable.push({ line: row.no, reason: 'badTime' });
      else if (rowKind === 'participants' && duration === undefined && (join === undefined || leave === undefined)) unreadable.push({ line: row.no, reason: 'badTime' });
      else {
        found.lines.push(row.no);
        if (role && (!found.role || found.role === 'attendee')) found.role = role;
        if (leave !== undefined) latest = Math.max(latest, leave);
        if (rowKind === 'participants') {
          if (duration !== undefined) found.stated = (found.stated ?? 0) + duration;
          if (join !== undefined && leave !== undefined) found.envelope = { start: join, end: leave };
        } else if (join !== undefined && leave !== undefined) found.spans.push({ start: join, end: leave });
        else if (join !== undefined) openIntervals.push({ acc: found, join });
      }
    }
  }

  const end = summary.end ?? (Number.isFinite(latest) ? latest : undefined);
  // A stay without a leave time lasted until the meeting ended.
  for (const o of openIntervals) if (end !== undefined && end > o.join) o.acc.spans.push({ start: o.join, end });

  const out: ReportPerson[] = [];
  for (const acc of people.values()) {
    if (acc.lines.length === 0) continue;
    let spans = mergeSpans(acc.spans);
    if (acc.events.length > 0) spans = mergeSpans([...spans, ...spansFromEvents(acc.events, end).spans]);
    if (spans.length === 0 && acc.stated === undefined && acc.envelope) spans = [acc.envelope];
    const seconds = Math.max(spanSeconds(spans), acc.stated ?? 0);
    out.push({
      name: acc.name,
      external: acc.external,
      ...(acc.email ? { email: acc.email } : {}),
      ...(acc.upn ? { upn: acc.upn } : {}),
      ...(acc.aadObjectId ? { aadObjectId: acc.aadObjectId } : {}),
      role: acc.role ?? 'unknown',
      spans,
      seconds,
      lines: acc.lines,
    });
  }

  if (dataRows === 0) return { ok: false, reason: 'noParticipants' };
  const readable = dataRows - unreadable.length;
  if (readable === 0 || unreadable.length > readable) return { ok: false, reason: 'mostlyUnreadable' };
  const starts = out.flatMap((p) => p.spans.map((s) => s.start));
  const start = summary.start ?? (starts.length > 0 ? Math.min(...starts) : undefined);
  return {
    ok: true,
    report: {
      format: legacy ? 'legacy' : 'sections',
      encoding: decoded.encoding,
      ...(summary.title ? { title: summary.title } : {}),
      ...(start !== undefined ? { start } : {}),
      ...(end !== undefined ? { end } : {}),
      people: out,
      unreadable: unreadable.sort((a, b) => a.line - b.line),
      dataRows,
      orderGuessed: !options.order && !detected.certain,
    },
  };
}
