// The surveys feature as other features see it: they import from here, never from its files (dependency-cruiser checks it).
export { AnswerEnvelopeSchema, answerSurvey } from './answer';
export { surveyResponses } from './responses';
export type { SurveyRepository } from './store';
