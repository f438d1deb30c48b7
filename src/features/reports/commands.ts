import { answer as sendReply } from '../../platform/teams/router';
import { translator } from '../i18n';
import { viewerOf } from '../roles';
import type { HandlerMap, Reply } from '../../platform/teams/actionTypes';
import type { ReportTurn } from './ports';
import type { CommandSpec } from '../../platform/teams/actionTypes';
import { answer, prepare } from './answer';
import { reportExportCard, reportPickCard } from './cards';
import { mintExportToken } from './exportToken';
import { presentReport } from './present';
import { CardQuestionSchema, EXPORT_WORDS, PHRASES, QUESTION_KINDS, type QuestionKind } from './question';
import { FIGURE_IDS, type FigureId } from './report';
import { exportPath } from './routes';
import { reportDeps } from './service';

// The questions in chat and their card buttons. Answers name people, so they are given in a
// 1:1 chat only; who sees which rows is decided in access.ts from the stored roles.

const personal = (turn: ReportTurn) => turn.conversation.type === 'personal';

interface Ask {
  text: string;
  activityId?: string | undefined;
  series?: string | undefined;
  figure?: FigureId | undefined;
  page: number;
}

const figureOf = (v: string | undefined): FigureId | undefined => FIGURE_IDS.find((f) => f === v);

async function viewer(turn: ReportTurn) {
  return viewerOf(turn.ports.reports.roles, turn.actor.aadObjectId, turn.person);
}

/** The answer to a question as a card (a report, a choice) or a sentence. */
async function ask(turn: ReportTurn, input: Ask): Promise<Reply> {
  const t = translator(turn.actor.lang);
  if (!personal(turn)) return { message: t('rep_err_personalOnly') };
  const lang = turn.actor.lang;
  const result = await answer(reportDeps(turn.ports), await viewer(turn), { text: input.text, activityId: input.activityId, series: input.series, lang });
  if (result.kind === 'message') return { message: result.text };
  if (result.kind === 'pick') return { card: reportPickCard(result.view) };
  return { card: presentReport({ report: result.report, t, lang, base: result.base, figure: input.figure, page: input.page }) };
}

/** Links to the question's answer as XLSX and CSV, signed for this user, each valid once and for 15 minutes. */
async function exportLinks(turn: ReportTurn, input: Omit<Ask, 'figure' | 'page'>): Promise<Reply> {
  const t = translator(turn.actor.lang);
  if (!personal(turn)) return { message: t('rep_err_personalOnly') };
  const lang = turn.actor.lang;
  const prepared = await prepare(reportDeps(turn.ports), await viewer(turn), { text: input.text, activityId: input.activityId, series: input.series, lang, forExport: true });
  if (!prepared.ok) {
    const a = prepared.answer;
    return a.kind === 'pick' ? { card: reportPickCard(a.view) } : { message: a.kind === 'message' ? a.text : t('rep_err_notAQuestion') };
  }
  // One token per file: each link opens once.
  const link = (format: 'xlsx' | 'csv') =>
    exportPath(
      format,
      mintExportToken(
        turn.ports.linkSecret,
        { u: turn.actor.aadObjectId, q: input.text, ...(input.activityId ? { a: input.activityId } : {}), ...(input.series ? { s: input.series } : {}), l: lang, f: format },
        turn.ports.now(),
      ),
    );
  const base = turn.ports.reports.baseUrl().replace(/\/+$/, '');
  turn.ports.log.info({ user: turn.actor.aadObjectId, kind: prepared.question.kind }, 'export link made');
  return {
    card: reportExportCard({
      heading: t('rep_exportHeading'),
      title: prepared.target?.kind === 'activity' ? prepared.target.activity.title : '',
      lines: [t('rep_exportLinks')],
      links: [
        { title: t('rep_exportXlsx'), url: `${base}${link('xlsx')}` },
        { title: t('rep_exportCsv'), url: `${base}${link('csv')}` },
      ],
    }),
  };
}

const FIRST: Record<QuestionKind, string> = { attended: PHRASES.attended[0] ?? '', registered: PHRASES.registered[0] ?? '', stats: PHRASES.stats[1] ?? '', annual: PHRASES.annual[0] ?? '' };

/**
 * Phrasings another feature's command already answers: "who attended" opens the attendance
 * marking card (src/features/attendance/commands.ts). Until it moves here, English speakers ask "who
 * took part in …"; "export who attended …" and card buttons still understand it.
 */
// Phrases another feature owns (none at present); a phrase may belong to one command only.
const TAKEN = new Set<string>([]);

export const reportCommands: CommandSpec<ReportTurn>[] = [
  ...QUESTION_KINDS.map((kind): CommandSpec<ReportTurn> => ({
    name: `report.${kind}`,
    words: PHRASES[kind].filter((w) => !TAKEN.has(w)),
    takesArgument: true,
    // The question is kept as the Swedish phrasing plus what the user wrote after theirs.
    run: async (turn, argument) => sendReply(turn, await ask(turn, { text: `${FIRST[kind]} ${argument}`.trim(), page: 0 })),
  })),
  {
    name: 'report.export',
    words: [...EXPORT_WORDS],
    takesArgument: true,
    run: async (turn, argument) => sendReply(turn, argument.trim() ? await exportLinks(turn, { text: argument.trim() }) : { message: translator(turn.actor.lang)('rep_err_exportWhat') }),
  },
];

export const reportHandlers: HandlerMap<ReportTurn> = {
  'report.page': async (turn, data) => {
    const q = CardQuestionSchema.parse(data);
    return ask(turn, { text: q.q, activityId: q.activityId, series: q.series, figure: figureOf(q.figure), page: q.page });
  },
  'report.pick': async (turn, data) => {
    const q = CardQuestionSchema.parse(data);
    if (q.export === 1) return exportLinks(turn, { text: q.q, activityId: q.activityId, series: q.series });
    return ask(turn, { text: q.q, activityId: q.activityId, series: q.series, page: 0 });
  },
  'report.export': async (turn, data) => {
    const q = CardQuestionSchema.parse(data);
    // The links come as a new message, so the answer on the card stays where it is.
    const reply = await exportLinks(turn, { text: q.q, activityId: q.activityId, series: q.series });
    if ('message' in reply) return reply;
    await sendReply(turn, reply);
    return { message: translator(turn.actor.lang)('rep_exportSent') };
  },
};
