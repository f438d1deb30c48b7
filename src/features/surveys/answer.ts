import { ActivityIdSchema } from '../../kernel/activity';
import { refused } from '../refusal';
import { z } from 'zod';
import { answerId, parseAnswers, SURVEY_KINDS, type SurveyKind } from '../../kernel/surveys';
import type { Actor, Services } from '../../services';

export const AnswerEnvelopeSchema = z.object({
  activityId: ActivityIdSchema,
  surveyKind: z.enum(SURVEY_KINDS),
});

/**
 * Stores a person's own answers (answering again replaces them). Only someone the survey was
 * sent to may answer, whatever the card says.
 */
export async function answerSurvey(svc: Services, actor: Actor, raw: Record<string, unknown>): Promise<{ ok: true; kind: SurveyKind } | { ok: false; kind: SurveyKind }> {
  const { activityId, surveyKind } = AnswerEnvelopeSchema.parse(raw);
  const activity = await svc.activities.get(activityId);
  if (!activity) throw refused('notFound');
  const sent = await svc.scheduler.jobs.list({ activityId, toUserId: actor.aadObjectId, statuses: ['sent'] });
  if (!sent.some((j) => j.kind === 'survey' && j.payload.surveyKind === surveyKind)) throw refused('forbidden');
  const answers = parseAnswers(surveyKind, raw);
  if (!answers) return { ok: false, kind: surveyKind };
  await svc.surveys.save({
    id: answerId(surveyKind, actor.aadObjectId),
    activityId,
    type: 'answer',
    surveyKind,
    userId: actor.aadObjectId,
    ratings: answers.ratings,
    texts: answers.texts,
    answeredAt: svc.now().toISOString(),
  });
  svc.log.info({ activityId, surveyKind }, 'survey answered');
  return { ok: true, kind: surveyKind };
}
