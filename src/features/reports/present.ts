import type { Card } from '../../platform/cards/render';
import { formatDate } from '../../kernel/time';
import type { Translate } from '../i18n';
import { reportAnswerCard, type ButtonData, type ButtonView, type FigureView, type ReportCardView } from './cards';
import { chartText, formatNumber, type Cell, type Figure, type FigureId, type Report } from './report';

// A report as a card: an overview with the first rows of every figure, or one figure paged.
// The card is kept well under Teams' message size by showing fewer rows when it grows.

const PAGE_ROWS = 20;
const OVERVIEW_ROWS = [10, 6, 4, 2, 0];
const STATIC_ROWS = [60, 30, 10];
const MAX_CARD_BYTES = 28 * 1024;

function cellText(c: Cell, lang: 'sv' | 'en', kind?: string): string {
  if (c === null) return '–';
  if (typeof c === 'number') return formatNumber(c, lang);
  // A date column holds YYYY-MM-DD (what the export needs); people read "16 maj 2018".
  if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(c)) return formatDate(new Date(`${c}T12:00:00Z`), lang);
  return c;
}

function figureView(f: Figure, input: { t: Translate; lang: 'sv' | 'en'; from: number; count: number; withChart: boolean; buttons: ButtonView[] }): FigureView {
  const shown = f.rows.slice(input.from, input.from + input.count);
  const chart = input.withChart ? f.chart : undefined;
  const total = f.rows.length;
  return {
    title: f.title,
    chartKind: chart?.kind ?? 'none',
    chartTitle: chart?.title ?? '',
    // Whole people: a count is never drawn as 13.3.
    bars: chart ? chart.points.map((p) => ({ x: p.x, y: Math.round(p.y) })) : [],
    chartText: chart ? chartText(chart, input.lang) : '',

    widths: f.columns.map((c) => ({ width: c.width ?? (c.kind === 'text' ? 3 : 1) })),
    header: shown.length > 0 ? f.columns.map((c) => c.label) : [],
    rows: shown.map((r) => ({ cells: f.columns.map((c, i) => ({ text: cellText(r[i] ?? null, input.lang, c.kind), user: !!c.user })) })),
    empty: total === 0 ? (f.empty ?? input.t('rep_noRows')) : '',
    pageText: total > shown.length && shown.length > 0 ? input.t('rep_rowsShown', { from: input.from + 1, to: input.from + shown.length, total }) : '',
    buttons: input.buttons,
  };
}

export interface PresentInput {
  report: Report;
  t: Translate;
  lang: 'sv' | 'en';
  /** What every button sends back besides the page: the question and any pick. */
  base: ButtonData;
  figure?: FigureId | undefined;
  page: number;
  /** Offer the export button (default: yes). */
  exportable?: boolean;
}

function view(input: PresentInput, overviewRows: number, charts: boolean): ReportCardView {
  const { report, t, base } = input;
  const focus = input.figure ? report.figures.find((f) => f.id === input.figure) : undefined;
  const common = {
    heading: report.heading,
    title: report.title,
    subtitle: report.subtitle,
    actions: input.exportable === false ? [] : [{ title: t('rep_export'), verb: 'report.export' as const, data: base }],
  };
  if (focus) {
    const pages = Math.max(1, Math.ceil(focus.rows.length / PAGE_ROWS));
    const page = Math.min(Math.max(0, input.page), pages - 1);
    const buttons: ButtonView[] = [
      ...(page > 0 ? [{ title: t('rep_previous'), verb: 'report.page' as const, data: { ...base, figure: focus.id, page: page - 1 } }] : []),
      ...(page < pages - 1 ? [{ title: t('rep_next'), verb: 'report.page' as const, data: { ...base, figure: focus.id, page: page + 1 } }] : []),
      { title: t('rep_overview'), verb: 'report.page', data: { ...base, page: 0 } },
    ];
    return {
      ...common,
      facts: [],
      notes: [],
      summaryIntro: '',
      summary: [],
      figures: [figureView(focus, { t, lang: input.lang, from: page * PAGE_ROWS, count: PAGE_ROWS, withChart: page === 0 && charts, buttons })],
    };
  }
  if (report.layout === 'summary') {
    // A long report leads with its numbers and names its figures; each opens on its own card.
    return {
      ...common,
      facts: report.facts,
      notes: report.notes,
      summaryIntro: t('rep_summaryIntro', { n: report.figures.length }),
      summary: report.figures.map((f) => ({
        title: f.title,
        detail: f.rows.length > 0 ? t('rep_figureRows', { n: f.rows.length }) : (f.empty ?? t('rep_noRows')),
        button: { title: t('rep_showFigure'), verb: 'report.page' as const, data: { ...base, figure: f.id, page: 0 } },
      })),
      figures: [],
    };
  }
  return {
    ...common,
    facts: report.facts,
    notes: report.notes,
    summaryIntro: '',
    summary: [],
    figures: report.figures.map((f) =>
      figureView(f, {
        t,
        lang: input.lang,
        from: 0,
        count: overviewRows,
        withChart: charts,
        buttons: f.rows.length > overviewRows && input.exportable !== false ? [{ title: t('rep_showAll', { n: f.rows.length }), verb: 'report.page', data: { ...base, figure: f.id, page: 0 } }] : [],
      }),
    ),
  };
}

/** The card for a report; fewer rows (and at last no charts) until it fits. */
export function presentReport(input: PresentInput): Card {
  let last: Card | undefined;
  for (const charts of [true, false]) {
    // A card without buttons (the roles list) shows everything that fits.
    for (const rows of input.figure ? [PAGE_ROWS] : input.exportable === false ? STATIC_ROWS : OVERVIEW_ROWS) {
      last = reportAnswerCard(view(input, rows, charts));
      if (Buffer.byteLength(JSON.stringify(last.content), 'utf8') <= MAX_CARD_BYTES) return last;
    }
  }
  return last ?? reportAnswerCard(view(input, 0, false));
}
