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

/**
 * Every chart is a horizontal bar chart of whole people: one labelled bar per row, its count at
 * its end and no value axis (Teams' charts choose their own ticks: 0, 0.5, 1.5 … for small counts).
 * The labels sit beside the bars at full width, so short labels and the table below tell the rest.
 */
export type Chart = { kind: 'bar'; title: string; points: Point[] };

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

/** A headline number: `value` as the card says it ("12 av 19 kommuner"), `numbers` as the export writes it (12, 19). */
export interface Fact {
  label: string;
  value: string;
  numbers?: number[];
}

export const fact = (label: string, n: number, lang: 'sv' | 'en'): Fact => ({ label, value: formatNumber(n, lang), numbers: [n] });

/** A number as the reader writes it: "1 234", "2,5" in Swedish; "1,234", "2.5" in English. */
export function formatNumber(n: number, lang: 'sv' | 'en'): string {
  return n.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 });
}

/** A bar label short enough to read beside its bar; a long one ends in "…" (the table has it in full). */
export function barLabel(text: string, max = 28): string {
  const s = text.trim();
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

export interface Report {
  heading: string;
  /** The activity, series or period asked about (user text when it is a title). */
  title: string;
  subtitle: string;
  facts: Fact[];
  notes: string[];
  figures: Figure[];
  /** "summary": the card leads with the facts and a list of the figures, each opened on its own. */
  layout?: 'summary';
  /** File name without extension for exports, ASCII. */
  fileStem: string;
}

/** "Ånge 12 · Härnösand 8 · …": a chart as one line, for clients that draw no charts. */
export function chartText(chart: Chart, lang: 'sv' | 'en', max = 12): string {
  const shown = chart.points.slice(0, max).map((p) => `${p.x} ${formatNumber(p.y, lang)}`);
  return [...shown, ...(chart.points.length > max ? ['…'] : [])].join(' · ');
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
