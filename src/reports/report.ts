// An answer as figures: what the card shows (paged) and what the export writes (in full),
// built once from the same numbers.

export type Cell = string | number | null;

export interface Column {
  label: string;
  kind: 'text' | 'number' | 'date';
  /** Text a user typed (names, titles): shown as plain text, never markdown; guarded in CSV. */
  user?: boolean;
  /** Relative width in the card's table. */
  width?: number;
}

export interface Point {
  x: string;
  y: number;
}

export type Chart = { kind: 'bar'; title: string; points: Point[] } | { kind: 'line'; title: string; series: { legend: string; points: Point[] }[] };

export const FIGURE_IDS = [
  'people',
  'registrations',
  'perOrganization',
  'perSession',
  'teams',
  'runs',
  'representation',
  'perActivityOrganization',
  'perOrganizationYear',
  'seminarSessions',
  'networkMeetings',
  'roles',
] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

export interface Figure {
  id: FigureId;
  title: string;
  columns: Column[];
  rows: Cell[][];
  chart?: Chart;
  /** Said instead of the table when it has no rows. */
  empty?: string;
}

export interface Report {
  heading: string;
  /** The activity, series or period asked about (user text when it is a title). */
  title: string;
  subtitle: string;
  facts: { label: string; value: string }[];
  notes: string[];
  figures: Figure[];
  /** File name without extension for exports, ASCII. */
  fileStem: string;
}

/** "Ånge kommun 12 · Härnösands kommun 8 · …": a chart as one line, for clients that draw no charts. */
export function chartText(chart: Chart, max = 12): string {
  if (chart.kind === 'bar') {
    const shown = chart.points.slice(0, max).map((p) => `${p.x} ${p.y}`);
    return [...shown, ...(chart.points.length > max ? ['…'] : [])].join(' · ');
  }
  return chart.series.map((s) => `${s.legend}: ${s.points.map((p) => p.y).join(' → ')}`).join('\n');
}

/** An ASCII file name part: "Att leda en likvärdig skola" → "att-leda-en-likvardig-skola". */
export function slug(text: string, max = 60): string {
  const s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return s || 'rapport';
}
