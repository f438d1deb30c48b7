import { h, s, uid } from './dom';

// Small SVG charts drawn here rather than a chart library: two chart kinds are needed, they
// follow the page's theme through CSS variables (light, dark, high contrast), they are an
// image with a text alternative, and every chart is followed by the same figures as a table.
// Series differ by dash and marker as well as colour.

export interface BarDatum {
  label: string;
  value: number;
}

export interface LineSeries {
  name: string;
  values: (number | null)[];
}

const WIDTH = 640;

function niceMax(v: number): number {
  if (v <= 5) return 5;
  const step = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / step) * step;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Horizontal bars: long organisation names stay readable. */
export function barChart(input: { title: string; summary: string; bars: BarDatum[] }): SVGSVGElement {
  const labelW = 220;
  const row = 26;
  const top = 8;
  const height = top + input.bars.length * row + 8;
  const max = niceMax(Math.max(1, ...input.bars.map((b) => b.value)));
  const plotW = WIDTH - labelW - 50;
  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  return s(
    'svg',
    { class: 'chart bar-chart', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, focusable: 'false' },
    s('title', { id: titleId }, input.title),
    s('desc', { id: descId }, input.summary),
    input.bars.map((b, i) => {
      const y = top + i * row;
      const w = Math.max(2, (b.value / max) * plotW);
      return s(
        'g',
        {},
        s('text', { x: labelW - 8, y: y + 17, 'text-anchor': 'end', class: 'chart-label' }, truncate(b.label, 30)),
        s('rect', { x: labelW, y: y + 4, width: w, height: row - 8, class: 'chart-bar', rx: 2 }),
        s('text', { x: labelW + w + 6, y: y + 17, class: 'chart-value' }, b.value),
      );
    }),
  );
}

/** Values per session, one line per series; gaps where nothing was recorded. */
export function lineChart(input: { title: string; summary: string; xLabels: string[]; series: LineSeries[] }): SVGSVGElement {
  const height = 240;
  // Room at the right for the last label's second half, and below for two-line labels and the legend.
  const pad = { left: 44, right: 40, top: 16, bottom: 70 };
  const n = input.xLabels.length;
  const max = niceMax(Math.max(1, ...input.series.flatMap((sr) => sr.values.map((v) => v ?? 0))));
  const plotW = WIDTH - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const x = (i: number) => pad.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => pad.top + plotH - (v / max) * plotH;
  const ticks = [0, max / 2, max];
  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  const legendY = height - 14;
  return s(
    'svg',
    { class: 'chart line-chart', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, focusable: 'false' },
    s('title', { id: titleId }, input.title),
    s('desc', { id: descId }, input.summary),
    ticks.map((t) =>
      s(
        'g',
        {},
        s('line', { x1: pad.left, x2: WIDTH - pad.right, y1: y(t), y2: y(t), class: 'chart-grid' }),
        s('text', { x: pad.left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'chart-label' }, Math.round(t)),
      ),
    ),
    // A label is "number\nday": the number on the first line, the day below it — on every other
    // session only when they stand closer than a short date is wide.
    input.xLabels.map((label, i) => {
      const [first, ...rest] = label.split('\n');
      const second = rest.join(' ');
      const roomy = n <= 1 || plotW / (n - 1) >= 56;
      return s(
        'text',
        { x: x(i), y: pad.top + plotH + 18, 'text-anchor': 'middle', class: 'chart-label' },
        s('tspan', { x: x(i) }, first ?? ''),
        second && (roomy || i % 2 === 0) ? s('tspan', { x: x(i), dy: 15 }, second) : null,
      );
    }),
    input.series.map((sr, k) => {
      const segments: string[] = [];
      let current = '';
      sr.values.forEach((v, i) => {
        if (v === null) {
          if (current) segments.push(current);
          current = '';
        } else current += `${current ? ' L' : 'M'}${x(i)},${y(v)}`;
      });
      if (current) segments.push(current);
      return s(
        'g',
        { class: `chart-series chart-series-${k}` },
        segments.map((d) => s('path', { d, class: 'chart-line' })),
        sr.values.map((v, i) =>
          v === null ? null : k % 2 === 0 ? s('circle', { cx: x(i), cy: y(v), r: 4, class: 'chart-point' }) : s('rect', { x: x(i) - 4, y: y(v) - 4, width: 8, height: 8, class: 'chart-point' }),
        ),
        s('line', { x1: pad.left + k * 170, x2: pad.left + k * 170 + 24, y1: legendY - 4, y2: legendY - 4, class: 'chart-line' }),
        s('text', { x: pad.left + k * 170 + 30, y: legendY, class: 'chart-label' }, sr.name),
      );
    }),
  );
}

/** A chart with its table: the table is the text alternative, one keypress away. */
export function chartWithTable(input: { heading: string; level: 'h3' | 'h4'; chart: SVGSVGElement | null; table: HTMLTableElement; showTable: string; openTable?: boolean }): HTMLElement {
  const headingId = uid('fig');
  return h(
    'figure',
    { class: 'figure', 'aria-labelledby': headingId },
    h(input.level, { id: headingId }, input.heading),
    input.chart,
    input.chart ? h('details', { open: input.openTable ?? false }, h('summary', {}, input.showTable), input.table) : input.table,
  );
}

export function table(caption: string, header: string[], rows: (string | number)[][], numeric: boolean[] = []): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        header.map((c, i) => h('th', { scope: 'col', class: numeric[i] ? 'num' : undefined }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', { class: numeric[i] ? 'num' : undefined }, c))),
        ),
      ),
    ),
  );
}
