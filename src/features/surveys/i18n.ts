// The surveys feature's messages.
// Swedish is the default; `satisfies` makes a key missing from en, or one sv lacks, a type error.
export const sv = {
  responses_heading: 'Svar på enkäter',
  responses_evaluation: 'Utvärdering',
  responses_followUp: 'Uppföljning',
  responses_rate: '{answered} av {sent} har svarat ({percent} %)',
  responses_none: 'Ingen enkät är skickad än.',
  responses_question: 'Fråga',
  responses_average: 'Snitt (1–5)',
  responses_comments: 'Kommentarer',
} as const;

export const en = {
  responses_heading: 'Survey responses',
  responses_evaluation: 'Evaluation',
  responses_followUp: 'Follow-up',
  responses_rate: '{answered} of {sent} {answered:has|have} answered ({percent} %)',
  responses_none: 'No survey has been sent yet.',
  responses_question: 'Question',
  responses_average: 'Average (1–5)',
  responses_comments: 'Comments',
} satisfies Record<keyof typeof sv, string>;
