import type { Card } from '../../platform/cards/render';
import { attachment, expand } from '../../platform/cards/render';

// One typed view per report template (cards/report-*.json); only these functions touch them.

type ReportVerb = 'report.page' | 'report.pick' | 'report.export';

/** What a button sends back: the question as typed, and what was picked or which page. */
export type ButtonData = Record<string, string | number>;

export interface ButtonView {
  title: string;
  verb: ReportVerb;
  data: ButtonData;
}

export interface FigureView {
  title: string;
  chartKind: 'bar' | 'none';
  chartTitle: string;
  bars: { x: string; y: number }[];
  chartText: string;
  widths: { width: number }[];
  header: string[];
  rows: { cells: { text: string; user: boolean }[] }[];
  empty: string;
  pageText: string;
  buttons: ButtonView[];
}

export interface ReportCardView {
  heading: string;
  title: string;
  subtitle: string;
  facts: { label: string; value: string }[];
  notes: string[];
  /** The summary layout: one line per figure, each opened with its own button. */
  summaryIntro: string;
  summary: { title: string; detail: string; button: ButtonView }[];
  figures: FigureView[];
  actions: ButtonView[];
}

export function reportAnswerCard(view: ReportCardView): Card {
  return attachment(expand('report-answer', view));
}

export interface PickView {
  heading: string;
  askedLabel: string;
  asked: string;
  intro: string;
  buttonTitle: string;
  items: { title: string; detail: string; data: ButtonData }[];
}

export function reportPickCard(view: PickView): Card {
  return attachment(expand('report-pick', view));
}

export interface ExportView {
  heading: string;
  title: string;
  lines: string[];
  links: { title: string; url: string }[];
}

export function reportExportCard(view: ExportView): Card {
  return attachment(expand('report-export', view));
}
