import { fold } from '../../../kernel/text';
import { isGuid, readAction, readDateTime, readDuration, readEmail, readRole } from './values';

// The layout of a report file: sections ("1. Summary", "2. Participants", "3. In-Meeting
// activities"), key/value rows in the summary, and tables whose columns are found by their
// (English or Swedish) header or, when the header is in another language, by their content.

export interface Line {
  no: number;
  cells: string[];
}

type SectionKind = 'summary' | 'participants' | 'activities' | 'unknown';

type Field = 'name' | 'join' | 'leave' | 'duration' | 'email' | 'upn' | 'role' | 'action' | 'timestamp';
export type Columns = Partial<Record<Field, number>>;

export interface Table {
  section: SectionKind;
  header: Line;
  rows: Line[];
  columns: Columns;
}

export interface Layout {
  summary: Line[];
  tables: Table[];
}

function splitLine(line: string, delimiter: string): string[] {
  if (!line.includes('"')) return line.split(delimiter).map((c) => c.trim());
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      out.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  out.push(cell.trim());
  return out;
}

/** Tab-separated despite the .csv name; a file re-saved by Excel may use ; or , instead. */
function delimiterOf(lines: readonly string[]): string {
  const sample = lines.slice(0, 60);
  if (sample.some((l) => l.includes('\t'))) return '\t';
  const count = (ch: string) => sample.reduce((n, l) => n + l.split(ch).length - 1, 0);
  return count(';') > count(',') ? ';' : ',';
}

const SECTION_NAMES: [SectionKind, string[]][] = [
  ['summary', ['summary', 'meeting summary', 'sammanfattning', 'motessammanfattning', 'sammanfattning av motet']],
  ['participants', ['participants', 'deltagare', 'motesdeltagare']],
  ['activities', ['in-meeting activities', 'in-meeting activity', 'in meeting activities', 'activities', 'aktiviteter under motet', 'aktiviteter i motet', 'motesaktiviteter', 'aktiviteter']],
];

function sectionOf(cells: readonly string[]): SectionKind | null {
  const filled = cells.filter((c) => c !== '');
  if (filled.length !== 1 || cells[0] === '') return null;
  const text = cells[0] ?? '';
  const numbered = /^([1-9])\s*[.)]\s*(.*)$/.exec(text);
  const name = fold(numbered ? (numbered[2] ?? '') : text).replace(/[:.]$/, '');
  for (const [kind, names] of SECTION_NAMES) if (names.includes(name)) return kind;
  if (numbered) return numbered[1] === '1' ? 'summary' : numbered[1] === '2' ? 'participants' : numbered[1] === '3' ? 'activities' : 'unknown';
  return null;
}

const HEADERS: [Field, string[]][] = [
  ['upn', ['participant id (upn)', 'participant id', 'upn', 'deltagar-id (upn)', 'deltagar-id', 'deltagar id', 'user principal name', 'anvandarens huvudnamn', 'id']],
  ['name', ['name', 'full name', 'namn', 'fullstandigt namn', 'deltagarnamn', 'participant name', 'display name', 'visningsnamn']],
  ['join', ['first join', 'join time', 'first joined', 'forsta anslutning', 'anslutningstid', 'ansluten', 'joined', 'join', 'tid for anslutning']],
  ['leave', ['last leave', 'leave time', 'last left', 'senaste avslut', 'senast lamnade', 'tid for lamnande', 'lamnade', 'left', 'leave']],
  ['duration', ['in-meeting duration', 'duration', 'varaktighet', 'varaktighet i motet', 'tid i motet', 'deltagandetid', 'attendance duration', 'time in meeting']],
  ['email', ['email', 'e-mail', 'e-post', 'epost', 'e-postadress', 'mail', 'email address']],
  ['role', ['role', 'roll']],
  ['action', ['user action', 'action', 'anvandaratgard', 'atgard', 'handling']],
  ['timestamp', ['timestamp', 'tidsstampel', 'tidpunkt', 'time', 'tid']],
];
const STEMS: [Field, RegExp][] = [
  ['upn', /upn|participant id|deltagar-?id/],
  ['join', /join|anslut/],
  ['leave', /leave|left|lamna|avslut/],
  ['duration', /duration|varaktighet/],
  ['email', /mail|e-?post/],
  ['role', /^rol/],
  ['action', /action|atgard/],
  ['timestamp', /timestamp|tidsstampel/],
  ['name', /name|namn/],
];

function headerField(cell: string): Field | null {
  const h = fold(cell)
    .replace(/[:*]+$/, '')
    .trim();
  if (!h) return null;
  for (const [field, names] of HEADERS) if (names.includes(h)) return field;
  for (const [field, re] of STEMS) if (re.test(h)) return field;
  return null;
}

type Kind = 'dt' | 'duration' | 'email' | 'guid' | 'role' | 'action' | 'text';

function columnKind(rows: readonly Line[], j: number): Kind | null {
  const values = rows
    .map((r) => r.cells[j] ?? '')
    .filter((v) => v !== '')
    .slice(0, 60);
  if (values.length === 0) return null;
  const share = (f: (v: string) => unknown) =>
    values.filter((v) => {
      const r = f(v);
      return r !== null && r !== false;
    }).length / values.length;
  if (share(readDateTime) >= 0.8) return 'dt';
  if (share(readDuration) >= 0.8) return 'duration';
  if (share(readEmail) >= 0.5) return 'email';
  if (share((v) => isGuid(v)) >= 0.8) return 'guid';
  if (share(readRole) >= 0.8) return 'role';
  if (share(readAction) >= 0.8) return 'action';
  return 'text';
}

/** Header names first; what is still missing is found by what the column holds. */
function findColumns(header: Line, rows: readonly Line[]): Columns {
  const cols: Columns = {};
  const width = Math.max(header.cells.length, ...rows.slice(0, 60).map((r) => r.cells.length));
  const taken = new Set<number>();
  header.cells.forEach((cell, j) => {
    const f = headerField(cell);
    if (f && cols[f] === undefined) {
      cols[f] = j;
      taken.add(j);
    }
  });
  const kinds: (Kind | null)[] = [];
  for (let j = 0; j < width; j++) kinds.push(taken.has(j) ? null : columnKind(rows, j));
  const free = (k: Kind) => kinds.flatMap((kind, j) => (kind === k && !taken.has(j) ? [j] : []));
  const assign = (f: Field, j: number | undefined) => {
    if (j === undefined || cols[f] !== undefined) return;
    cols[f] = j;
    taken.add(j);
  };
  assign('action', free('action')[0]);
  if (cols.action !== undefined) assign('timestamp', free('dt')[0]);
  else {
    assign('join', free('dt')[0]);
    assign('leave', free('dt')[0]);
  }
  assign('duration', free('duration')[0]);
  assign('email', free('email')[0]);
  assign('upn', free('email')[0] ?? free('guid')[0]);
  assign('role', free('role')[0]);
  assign('name', free('text')[0]);
  return cols;
}

export function readLayout(text: string): Layout {
  const raw = text.split(/\r\n|\n|\r/);
  const delimiter = delimiterOf(raw.filter((l) => l.trim() !== ''));
  const summary: Line[] = [];
  const tables: Table[] = [];
  let section: SectionKind | null = null;
  let table: { section: SectionKind; header: Line; rows: Line[] } | null = null;
  const close = () => {
    if (table) tables.push({ ...table, columns: findColumns(table.header, table.rows) });
    table = null;
  };
  raw.forEach((l, i) => {
    const cells = splitLine(l, delimiter);
    if (cells.every((c) => c === '')) return close();
    const kind = sectionOf(cells);
    if (kind) {
      close();
      section = kind;
      return;
    }
    const line = { no: i + 1, cells };
    // A table right under the summary without a blank line or a title of its own.
    if (section === 'summary' && cells.filter((c) => c !== '').length >= 3) section = 'unknown';
    if (section === 'summary') summary.push(line);
    else if (!table) table = { section: section ?? 'unknown', header: line, rows: [] };
    else table.rows.push(line);
  });
  close();
  return { summary, tables };
}
