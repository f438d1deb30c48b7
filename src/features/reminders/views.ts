import type { Card } from '../../platform/cards/render';
import { attachment, expand } from '../../platform/cards/render';

export interface ReminderView {
  t: { join: string; calendar: string; cancel: string; optOut: string };
  heading: string;
  title: string;
  when: string;
  prepText: string;
  joinUrl: string;
  icsUrl: string;
  activityId: string;
  scope: string;
}

export function reminderCard(view: ReminderView): Card {
  return attachment(expand('reminder', view));
}

export interface SurveyView {
  t: { submit: string };
  heading: string;
  title: string;
  intro: string;
  error: string;
  scaleHint: string;
  activityId: string;
  surveyKind: string;
  ratings: { id: string; label: string; value: string }[];
  texts: { id: string; label: string; value: string }[];
}

export function surveyCard(view: SurveyView): Card {
  return attachment(expand('survey', view));
}

export interface NoticeView {
  heading: string;
  color: 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';
  title: string;
  lines: string[];
  buttons: { title: string; verb: string; activityId: string; sessionId: string; confirm: string }[];
  links: { title: string; url: string }[];
}

export function noticeCard(view: NoticeView): Card {
  return attachment(expand('notice', view));
}
