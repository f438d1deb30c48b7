import { answer as sendReply } from '../../platform/teams/router';
import { translator } from '../i18n';
import { viewerOf } from '../roles/viewer';
import type { ActionEnv, HandlerMap, Reply } from '../../platform/teams/actionTypes';
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

const personal = (env: ActionEnv) => env.context.activity.conversation?.conversationType === 'personal';

interface Ask {
  text: string;
  activityId?: string | undefined;
  series?: string | undefined;
  figure?: FigureId | undefined;
  page: number;
}

const figureOf = (v: string | undefined): FigureId | undefined => FIGURE_IDS.find((f) => f === v);

async function viewer(env: ActionEnv) {
  return viewerOf(env.svc.reports.roles, env.actor.aadObjectId, env.person);
}

/** The answer to a question as a card (a report, a choice) or a sentence. */
async function ask(env: ActionEnv, input: Ask): Promise<Reply> {
  const t = translator(env.actor.lang);
  if (!personal(env)) return { message: t('rep_err_personalOnly') };
  const lang = env.actor.lang;
  const result = await answer(reportDeps(env.svc), await viewer(env), { text: input.text, activityId: input.activityId, series: input.series, lang });
  if (result.kind === 'message') return { message: result.text };
  if (result.kind === 'pick') return { card: reportPickCard(result.view) };
  return { card: presentReport({ report: result.report, t, lang, base: result.base, figure: input.figure, page: input.page }) };
}

/** Links to the question's answer as XLSX and CSV, signed for this user, each valid once and for 15 minutes. */
async function exportLinks(env: ActionEnv, input: Omit<Ask, 'figure' | 'page'>): Promise<Reply> {
  const t = translator(env.actor.lang);
  if (!personal(env)) return { message: t('rep_err_personalOnly') };
  const lang = env.actor.lang;
  const prepared = await prepare(reportDeps(env.svc), await viewer(env), { text: input.text, activityId: input.activityId, series: input.series, lang, forExport: true });
  if (!prepared.ok) {
    const a = prepared.answer;
    return a.kind === 'pick' ? { card: reportPickCard(a.view) } : { message: a.kind === 'message' ? a.text : t('rep_err_notAQuestion') };
  }
  // One token per file: each link opens once.
  const link = (format: 'xlsx' | 'csv') =>
    exportPath(
      format,
      mintExportToken(
        env.svc.linkSecret,
        { u: env.actor.aadObjectId, q: input.text, ...(input.activityId ? { a: input.activityId } : {}), ...(input.series ? { s: input.series } : {}), l: lang, f: format },
        env.svc.now(),
      ),
    );
  const base = env.svc.reports.baseUrl().replace(/\/+$/, '');
  env.svc.log.info({ user: env.actor.aadObjectId, kind: prepared.question.kind }, 'export link made');
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

export const reportCommands: CommandSpec[] = [
  ...QUESTION_KINDS.map((kind): CommandSpec => ({
    name: `report.${kind}`,
    words: PHRASES[kind].filter((w) => !TAKEN.has(w)),
    takesArgument: true,
    // The question is kept as the Swedish phrasing plus what the user wrote after theirs.
    run: async (env, argument) => sendReply(env, await ask(env, { text: `${FIRST[kind]} ${argument}`.trim(), page: 0 })),
  })),
  {
    name: 'report.export',
    words: [...EXPORT_WORDS],
    takesArgument: true,
    run: async (env, argument) => sendReply(env, argument.trim() ? await exportLinks(env, { text: argument.trim() }) : { message: translator(env.actor.lang)('rep_err_exportWhat') }),
  },
];

export const reportHandlers: HandlerMap = {
  'report.page': async (env, data) => {
    const q = CardQuestionSchema.parse(data);
    return ask(env, { text: q.q, activityId: q.activityId, series: q.series, figure: figureOf(q.figure), page: q.page });
  },
  'report.pick': async (env, data) => {
    const q = CardQuestionSchema.parse(data);
    if (q.export === 1) return exportLinks(env, { text: q.q, activityId: q.activityId, series: q.series });
    return ask(env, { text: q.q, activityId: q.activityId, series: q.series, page: 0 });
  },
  'report.export': async (env, data) => {
    const q = CardQuestionSchema.parse(data);
    // The links come as a new message, so the answer on the card stays where it is.
    const reply = await exportLinks(env, { text: q.q, activityId: q.activityId, series: q.series });
    if ('message' in reply) return reply;
    await sendReply(env, reply);
    return { message: translator(env.actor.lang)('rep_exportSent') };
  },
};
