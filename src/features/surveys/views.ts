import { attachment, expand, type Card } from '../../platform/cards/render';

/** Response rates and averages per survey of an activity (cards/responses.json). */
export interface ResponsesView {
  t: { question: string; average: string; comments: string };
  heading: string;
  title: string;
  surveys: { label: string; rateText: string; rows: { question: string; average: string }[]; comments: string[] }[];
}

export function responsesCard(view: ResponsesView): Card {
  return attachment(expand('responses', view));
}
