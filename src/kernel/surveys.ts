import { z } from 'zod';

export const SURVEY_KINDS = ['evaluation', 'followUp'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export interface Question {
  id: string;
  type: 'rating' | 'text';
  /** i18n key of the default questions; an activity may later define its own texts. */
  key: string;
}

export const DEFAULT_QUESTIONS: Record<SurveyKind, Question[]> = {
  evaluation: [
    { id: 'overall', type: 'rating', key: 'survey_q_overall' },
    { id: 'useful', type: 'rating', key: 'survey_q_useful' },
    { id: 'format', type: 'rating', key: 'survey_q_format' },
    { id: 'takeaway', type: 'text', key: 'survey_q_takeaway' },
  ],
  followUp: [
    { id: 'change', type: 'rating', key: 'survey_q_change' },
    { id: 'lasting', type: 'rating', key: 'survey_q_lasting' },
    { id: 'changeText', type: 'text', key: 'survey_q_changeText' },
  ],
};

export const AnswerDocSchema = z.object({
  id: z.string(),
  activityId: z.string(),
  type: z.literal('answer'),
  surveyKind: z.enum(SURVEY_KINDS),
  userId: z.string(),
  ratings: z.record(z.string(), z.number().int().min(1).max(5)),
  texts: z.record(z.string(), z.string()),
  answeredAt: z.string(),
});
export type AnswerDoc = z.infer<typeof AnswerDocSchema>;

export const answerId = (kind: SurveyKind, userId: string) => `answer-${kind}-${userId}`;

/** Checks a submitted card against the questions: every rating 1–5, texts trimmed and bounded. */
export function parseAnswers(kind: SurveyKind, raw: Record<string, unknown>): { ratings: Record<string, number>; texts: Record<string, string> } | null {
  const ratings: Record<string, number> = {};
  const texts: Record<string, string> = {};
  for (const q of DEFAULT_QUESTIONS[kind]) {
    const v = raw[q.id];
    if (q.type === 'rating') {
      const n = typeof v === 'string' || typeof v === 'number' ? Number(v) : NaN;
      if (!Number.isInteger(n) || n < 1 || n > 5) return null;
      ratings[q.id] = n;
    } else if (typeof v === 'string' && v.trim()) {
      texts[q.id] = v.trim().slice(0, 2000);
    }
  }
  return { ratings, texts };
}

export interface SurveySummary {
  sent: number;
  answered: number;
  averages: { questionId: string; average: number }[];
  comments: string[];
}

export function summarize(kind: SurveyKind, sentTo: readonly string[], answers: readonly AnswerDoc[]): SurveySummary {
  const recipients = new Set(sentTo);
  const mine = answers.filter((a) => a.surveyKind === kind);
  const averages = DEFAULT_QUESTIONS[kind]
    .filter((q) => q.type === 'rating')
    .map((q) => {
      const values = mine.map((a) => a.ratings[q.id]).filter((v): v is number => typeof v === 'number');
      return { questionId: q.id, average: values.length ? Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 10) / 10 : 0 };
    });
  const comments = mine.flatMap((a) => Object.values(a.texts)).slice(0, 30);
  // Someone may answer a card forwarded to them; the rate counts recipients who answered.
  const answered = mine.filter((a) => recipients.has(a.userId)).length;
  return { sent: recipients.size, answered, averages, comments };
}
