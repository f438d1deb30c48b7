import type { Card } from '../../platform/cards/render';
import { responsesCard } from './views';
import type { Activity } from '../../kernel/activity';
import { DEFAULT_QUESTIONS, SURVEY_KINDS, summarize } from '../../kernel/surveys';
import { isMessageKey, translator, type Lang } from '../i18n';
import type { SurveyPorts } from './ports';
import type { AnswerDoc } from '../../kernel/surveys';

/** Response rates and results per survey of an activity, for coordinators. */
export async function surveyResponses(ports: Pick<SurveyPorts, 'scheduler' | 'surveys'>, activity: Activity, lang: Lang): Promise<Card> {
  const [jobs, answers] = await Promise.all([ports.scheduler.jobs.list({ activityId: activity.id, statuses: ['sent'] }), ports.surveys.answersOf(activity.id)]);
  return responsesAttachment(activity, lang, { sent: jobs.flatMap((j) => (j.kind === 'survey' ? [{ surveyKind: j.payload.surveyKind, toUserId: j.toUserId }] : [])), answers });
}

/** The card from what was read: who each survey went to, and the answers. */
function responsesAttachment(activity: Activity, lang: Lang, data: { sent: readonly { surveyKind: unknown; toUserId: string }[]; answers: readonly AnswerDoc[] }): Card {
  const t = translator(lang);
  const { answers } = data;
  const surveys = SURVEY_KINDS.map((kind) => {
    const sentTo = data.sent.filter((j) => j.surveyKind === kind).map((j) => j.toUserId);
    const s = summarize(kind, sentTo, answers);
    const label = kind === 'evaluation' ? t('responses_evaluation') : t('responses_followUp');
    if (s.sent === 0) return { label, rateText: t('responses_none'), rows: [], comments: [] };
    return {
      label,
      rateText: t('responses_rate', { answered: s.answered, sent: s.sent, percent: Math.round((100 * s.answered) / s.sent) }),
      rows: s.averages.map((a) => {
        const key = DEFAULT_QUESTIONS[kind].find((q) => q.id === a.questionId)?.key ?? '';
        return { question: isMessageKey(key) ? t(key) : a.questionId, average: a.average ? a.average.toFixed(1).replace('.', lang === 'sv' ? ',' : '.') : '–' };
      }),
      comments: s.comments.slice(0, 15).map((c) => c.slice(0, 300)),
    };
  });
  return responsesCard({
    t: { question: t('responses_question'), average: t('responses_average'), comments: t('responses_comments') },
    heading: t('responses_heading'),
    title: activity.title,
    surveys,
  });
}
