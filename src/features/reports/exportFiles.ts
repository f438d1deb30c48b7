import ExcelJS from 'exceljs';
import { translator, type Lang, type Translate } from '../i18n';
import type { Cell, Column, Fact, Figure, Report } from './report';

// Exports of a report: XLSX with one sheet per figure (exceljs), and CSV that Swedish Excel
// opens as it is (UTF-8 with BOM, semicolons, ISO dates, decimal comma).

/** Text that Excel would run as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe. */
export function csvSafeText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvField(c: Cell, col: Column | undefined): string {
  let s: string;
  if (c === null) s = '';
  else if (typeof c === 'number') s = Number.isInteger(c) ? String(c) : String(c).replace('.', ',');
  else s = col?.kind === 'text' ? csvSafeText(c) : c;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (cells: readonly Cell[], cols?: readonly Column[]) => cells.map((c, i) => csvField(c, cols?.[i])).join(';');

/** All figures one after the other, each under its title, separated by an empty line. */
export function toCsv(report: Report): Buffer {
  const lines: string[] = [csvLine([report.heading]), csvLine([report.title], [{ label: '', kind: 'text' }])];
  if (report.subtitle) lines.push(csvLine([report.subtitle]));
  for (const f of report.facts) lines.push(csvLine(factCells(f), [{ label: '', kind: 'text' }]));
  for (const n of report.notes) lines.push(csvLine([n]));
  for (const fig of report.figures) {
    lines.push('', csvLine([fig.title]), csvLine(fig.columns.map((c) => c.label)));
    for (const row of fig.rows) lines.push(csvLine(row, fig.columns));
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

/** A fact as cells: its label, then its numbers as numbers ("12 av 19 kommuner" → 12, 19), else its text. */
function factCells(f: Fact): Cell[] {
  return [f.label, ...(f.numbers && f.numbers.length > 0 ? f.numbers : [f.value])];
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
export function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 31) || 'Blad';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function addFigure(wb: ExcelJS.Workbook, fig: Figure, taken: Set<string>, t: Translate): void {
  // A short name written for the tab ("Per kommun och organisation"), not the title cut at 31.
  const ws = wb.addWorksheet(sheetName(t(`rep_sheet_${fig.id}`), taken), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = fig.columns.map((c) => ({ header: c.label, width: c.kind === 'text' ? 32 : 14, ...(c.kind === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}) }));
  ws.getRow(1).font = { bold: true };
  for (const row of fig.rows) {
    ws.addRow(
      fig.columns.map((c, i) => {
        const v = row[i] ?? null;
        if (c.kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
        // A count is a number in Excel, also when a builder handed it over as digits.
        if (c.kind === 'number' && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
        return v;
      }),
    );
  }
}

export async function toXlsx(report: Report, now: Date, lang: Lang = 'sv'): Promise<Buffer> {
  const t = translator(lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Träffpunkt';
  wb.created = now;
  const taken = new Set<string>();
  const summary = wb.addWorksheet(sheetName(t('rep_sheetSummary'), taken));
  summary.columns = [{ width: 40 }, { width: 14 }, { width: 14 }];
  summary.addRow([report.heading]).font = { bold: true, size: 14 };
  summary.addRow([report.title]).font = { bold: true };
  if (report.subtitle) summary.addRow([report.subtitle]);
  summary.addRow([]);
  for (const f of report.facts) summary.addRow(factCells(f));
  if (report.notes.length > 0) summary.addRow([]);
  for (const n of report.notes) summary.addRow([n]);
  for (const fig of report.figures) addFigure(wb, fig, taken, t);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}
