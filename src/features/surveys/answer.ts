import { ActivityIdSchema } from '../../kernel/activity';
import { refused } from '../refusal';
import { z } from 'zod';
import { answerId, parseAnswers, SURVEY_KINDS, type SurveyKind } from '../../kernel/surveys';
import type { Actor } from '../../kernel/actor';
import type { SurveyPorts } from './ports';

export const AnswerEnvelopeSchema = z.object({
  activityId: ActivityIdSchema,
  surveyKind: z.enum(SURVEY_KINDS),
});

/**
 * Stores a person's own answers (answering again replaces them). Only someone the survey was
 * sent to may answer, whatever the card says.
 */
export async function answerSurvey(ports: SurveyPorts, actor: Actor, raw: Record<string, unknown>): Promise<{ ok: true; kind: SurveyKind } | { ok: false; kind: SurveyKind }> {
  const { activityId, surveyKind } = AnswerEnvelopeSchema.parse(raw);
  const activity = await ports.activities.get(activityId);
  if (!activity) throw refused('notFound');
  const sent = await ports.scheduler.jobs.list({ activityId, toUserId: actor.aadObjectId, statuses: ['sent'] });
  if (!sent.some((j) => j.kind === 'survey' && j.payload.surveyKind === surveyKind)) throw refused('forbidden');
  const answers = parseAnswers(surveyKind, raw);
  if (!answers) return { ok: false, kind: surveyKind };
  await ports.surveys.save({
    id: answerId(surveyKind, actor.aadObjectId),
    activityId,
    type: 'answer',
    surveyKind,
    userId: actor.aadObjectId,
    ratings: answers.ratings,
    texts: answers.texts,
    answeredAt: ports.now().toISOString(),
  });
  ports.log.info({ activityId, surveyKind }, 'survey answered');
  return { ok: true, kind: surveyKind };
}
