import type { Activity, Session } from '../../kernel/activity';
import type { Organization } from '../../kernel/people';
import { matchByName } from '../../kernel/text';
import { translator, type Lang, type Translate } from '../i18n';
import type { Viewer } from '../roles';
import { mayAsk, readRecords, scopeOf, type AccessDeps, type Scope } from './access';
import { activityStatsReport, attendedReport, registeredReport } from './build/activity';
import { annualReport, groupStatsReport } from './build/annual';
import type { BuildContext } from './build/common';
import type { ButtonData, PickView } from './cards';
import { dateOf, heldSessions, runLabel, sessionNumber, touchesPeriod } from './periods';
import { parseQuestionText, type Question, type QuestionError, type QuestionKind } from './question';
import type { Report } from './report';
import { resolveTarget, type Choice, type Target } from './resolve';

// From a question as typed to an answer: a report, a card to pick from, or a sentence saying
// why not. Used by the chat commands, the card buttons and the export download alike.

/** Networks (src/features/networks) as the reports see them: a name, and the organisations on its roster. */
export interface NetworkSource {
  list(): Promise<{ networkId: string; name: string }[]>;
  memberOrganizations(networkId: string): Promise<string[]>;
}

export interface ReportDeps {
  activities: { list(): Promise<Activity[]> };
  organizations(): Promise<Organization[]>;
  access: AccessDeps;
  /** Absent until networks are wired: "statistik <nätverk>" then goes by series and titles. */
  networks?: NetworkSource | undefined;
  now(): Date;
}

export interface AskInput {
  text: string;
  activityId?: string | undefined;
  series?: string | undefined;
  lang: Lang;
  /** For the export link: picks on a choice card lead to the export again. */
  forExport?: boolean;
}

export type Answer = { kind: 'report'; report: Report; base: ButtonData; question: Question } | { kind: 'pick'; view: PickView } | { kind: 'message'; text: string };

type Prepared = { ok: true; question: Question; scope: Scope; target?: Target; session?: Session; base: ButtonData; members?: string[] } | { ok: false; answer: Answer };

const ERROR_KEYS: Record<QuestionError, 'rep_err_noName' | 'rep_err_badPeriod' | 'rep_err_badSession' | 'rep_err_tooLong' | 'rep_err_notAQuestion'> = {
  noName: 'rep_err_noName',
  badPeriod: 'rep_err_badPeriod',
  badSession: 'rep_err_badSession',
  tooLong: 'rep_err_tooLong',
  notAQuestion: 'rep_err_notAQuestion',
};

const EXAMPLES: Record<QuestionKind, 'rep_example_attended' | 'rep_example_registered' | 'rep_example_stats' | 'rep_example_annual'> = {
  attended: 'rep_example_attended',
  registered: 'rep_example_registered',
  stats: 'rep_example_stats',
  annual: 'rep_example_annual',
};

function say(t: Translate, text: string): { ok: false; answer: Answer } {
  return { ok: false, answer: { kind: 'message', text } };
}

function choiceDetail(t: Translate, lang: Lang, c: Choice): string {
  const a = c.activity;
  const when = runLabel(a, lang);
  const parts = [t(`kind_${a.kind}`), when, ...(c.series ? [t('rep_runsCount', { n: c.series.runs })] : []), ...(a.status === 'cancelled' ? [t('rep_cancelled')] : [])];
  return parts.filter((p) => p !== '').join(' · ');
}

function pickView(t: Translate, lang: Lang, input: AskInput, heading: string, choices: readonly Choice[]): PickView {
  const flag: ButtonData = input.forExport ? { export: 1 } : {};
  return {
    heading,
    askedLabel: t('rep_youAsked'),
    asked: input.text,
    intro: '',
    buttonTitle: t('rep_choose'),
    items: choices.map((c) => ({
      title: c.activity.title,
      detail: choiceDetail(t, lang, c),
      data: c.series ? { q: input.text, series: c.series.key, ...flag } : { q: input.text, activityId: c.activity.id, ...flag },
    })),
  };
}

function pickSession(activity: Activity, q: Question): Session | undefined | null {
  if (q.kind !== 'attended' && q.kind !== 'registered') return undefined;
  // One session only: the answer is about it (its date and time, minutes, not "1 of 1").
  if (!q.session) return heldSessions(activity).length === 1 ? heldSessions(activity)[0] : undefined;
  const pick = q.session;
  const found = 'number' in pick ? activity.sessions.find((s) => sessionNumber(s) === pick.number) : activity.sessions.find((s) => dateOf(s.start) === pick.date);
  return found ?? null;
}

/** Parsing, who may ask it, and which activity it means; no personal data is read here. */
export async function prepare(deps: ReportDeps, viewer: Viewer, input: AskInput): Promise<Prepared> {
  const t = translator(input.lang);
  const parsed = parseQuestionText(input.text, deps.now());
  if (!parsed.ok) {
    const example = parsed.kind ? ` ${t(EXAMPLES[parsed.kind])}` : '';
    return say(t, `${t(ERROR_KEYS[parsed.error])}${example}`);
  }
  const question = parsed.question;
  const scope = scopeOf(viewer);
  if (!mayAsk(scope, question.kind)) return say(t, t('rep_err_statsNotForMembers'));
  const base: ButtonData = { q: input.text, ...(input.activityId ? { activityId: input.activityId } : {}), ...(input.series ? { series: input.series } : {}) };
  if (question.kind === 'annual') return { ok: true, question, scope, base };
  const all = (await deps.activities.list()).filter((a) => a.status !== 'draft');
  const period = question.kind === 'stats' ? question.period : undefined;
  const inPeriod = period ? all.filter((a) => touchesPeriod(a, period)) : all;
  if (question.kind === 'stats' && deps.networks && !input.activityId) {
    const network = await networkTarget(deps.networks, question.name, input.series, inPeriod);
    if (network) return { ok: true, question, scope, base, target: network.target, members: network.members };
  }
  const resolved = resolveTarget({ kind: question.kind, name: question.name, activityId: input.activityId, series: input.series }, inPeriod);
  if (!resolved.ok && resolved.reason === 'many') {
    return { ok: false, answer: { kind: 'pick', view: pickView(t, input.lang, input, t('rep_manyMatches'), resolved.choices) } };
  }
  if (!resolved.ok) {
    if (resolved.suggestions.length === 0) return say(t, t('rep_noMatch', { name: question.name }));
    return {
      ok: false,
      answer: {
        kind: 'pick',
        view: {
          ...pickView(
            t,
            input.lang,
            input,
            t('rep_noMatchSuggest', { name: question.name }),
            resolved.suggestions.map((activity) => ({ activity })),
          ),
        },
      },
    };
  }
  const target = resolved.target;
  if (target.kind === 'activity') {
    const session = pickSession(target.activity, question);
    if (session === null) {
      const list = heldSessions(target.activity)
        .map((s) => `${sessionNumber(s)} (${dateOf(s.start)})`)
        .join(', ');
      return say(t, t('rep_err_noSuchSession', { sessions: list }));
    }
    return { ok: true, question, scope, target, base, ...(session ? { session } : {}) };
  }
  if (question.kind !== 'stats') return say(t, t('rep_manyMatches'));
  return { ok: true, question, scope, target, base };
}

/** A network named in a statistics question (or picked), with its meetings and its roster's organisations. */
async function networkTarget(networks: NetworkSource, name: string, picked: string | undefined, activities: readonly Activity[]): Promise<{ target: Target; members: string[] } | null> {
  const all = await networks.list();
  const found = picked?.startsWith('network:') ? all.filter((n) => `network:${n.networkId}` === picked) : matchByName(name, all, (n) => n.name);
  const network = found.length === 1 ? found[0] : undefined;
  if (!network) return null;
  const meetings = activities.filter((a) => a.networkId === network.networkId);
  if (meetings.length === 0) return null;
  return { target: { kind: 'group', key: `network:${network.networkId}`, activities: meetings, name: network.name }, members: await networks.memberOrganizations(network.networkId) };
}

function orgNamer(t: Translate, orgs: readonly Organization[]): (id: string | null) => string {
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  return (id) => (id === null ? t('rep_unknownOrganization') : (names.get(id) ?? t('rep_otherOrganization')));
}

/** The whole answer: prepare, then read the records the viewer may see and build the report. */
export async function answer(deps: ReportDeps, viewer: Viewer, input: AskInput): Promise<Answer> {
  const prepared = await prepare(deps, viewer, input);
  if (!prepared.ok) return prepared.answer;
  const { question, target, session, base } = prepared;
  const t = translator(input.lang);
  const orgs = await deps.organizations();
  const municipalities = orgs.filter((o) => o.kind === 'municipality').map((o) => o.id);
  // A network counts its own member municipalities ("12 av 12"), the region all of them ("17 av 19").
  const members = prepared.members?.filter((m) => municipalities.includes(m)) ?? [];
  const ctx = (scope: Scope): BuildContext => ({
    t,
    lang: input.lang,
    scope,
    orgName: orgNamer(t, orgs),
    municipalities: members.length > 0 ? members : municipalities,
  });
  const exporting = !!input.forExport;
  if (question.kind === 'annual') {
    const activities = (await deps.activities.list()).filter((a) => a.status !== 'draft' && touchesPeriod(a, question.period));
    const read = await readRecords(deps.access, viewer, { purpose: 'annual', export: exporting, activities });
    return { kind: 'report', report: annualReport(ctx(read.scope), read.records, question.period), base, question };
  }
  if (!target) return { kind: 'message', text: t('rep_noMatch', { name: question.name }) };
  const activities = target.kind === 'activity' ? [target.activity] : target.activities;
  const read = await readRecords(deps.access, viewer, { purpose: question.kind, export: exporting, activities });
  const c = ctx(read.scope);
  const [first] = read.records;
  if (question.kind === 'attended' && first) return { kind: 'report', report: attendedReport(c, first, session), base, question };
  if (question.kind === 'registered' && first) return { kind: 'report', report: registeredReport(c, first, session), base, question };
  if (question.kind === 'stats') {
    const report =
      target.kind === 'activity' && first ? activityStatsReport(c, first, question.period) : groupStatsReport(c, read.records, question.period, target.kind === 'group' ? target.name : undefined);
    return { kind: 'report', report, base, question };
  }
  return { kind: 'message', text: t('rep_noMatch', { name: question.name }) };
}
