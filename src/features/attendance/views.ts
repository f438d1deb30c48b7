import type { Card } from '../../platform/cards/render';
import { attachment, expand } from '../../platform/cards/render';

// One typed view per attendance template in /cards. Every bound field must be present.

type NoticeStyle = 'good' | 'attention' | 'warning' | 'default';

export interface CheckInView {
  t: { title: string; button: string };
  activityId: string;
  sessionId: string;
  heading: string;
  when: string;
  notice: string;
  noticeStyle: NoticeStyle;
  canCheckIn: boolean;
}

export function checkInCard(view: CheckInView): Card {
  return attachment(expand('attendance-checkin', view));
}

interface SummaryRow {
  name: string;
  detail: string;
}

export interface SummarySection {
  title: string;
  rows: SummaryRow[];
  more: string;
}

export interface AttendanceSummaryView {
  t: { title: string; show: string };
  activityId: string;
  sessionId: string;
  heading: string;
  when: string;
  notice: string;
  noticeStyle: NoticeStyle;
  facts: { title: string; value: string }[];
  sections: SummarySection[];
}

export function attendanceSummaryCard(view: AttendanceSummaryView): Card {
  return attachment(expand('attendance-summary', view));
}

interface MarkPerson {
  /** The toggle's input id, p<index on the page>; `shown` says whose it is. */
  id: string;
  name: string;
  detail: string;
  value: 'true' | 'false';
}

export interface AttendanceMarkView {
  t: { title: string; present: string; save: string; threshold: string; thresholdHelp: string; fetchGraph: string; empty: string; previous: string; next: string };
  activityId: string;
  sessionId: string;
  heading: string;
  when: string;
  counts: string;
  notice: string;
  noticeStyle: NoticeStyle;
  people: MarkPerson[];
  more: string;
  /** Per toggle, in order: 1 or 0 (what it showed) and the person's key, "1aad-…;0em-…". */
  shown: string;
  page: number;
  hasPrevious: boolean;
  previousPage: number;
  hasNext: boolean;
  nextPage: number;
  threshold: number;
  canFetchGraph: boolean;
}

export function attendanceMarkCard(view: AttendanceMarkView): Card {
  return attachment(expand('attendance-mark', view));
}

export interface AttendanceSessionsView {
  heading: string;
  intro: string;
  empty: string;
  buttonTitle: string;
  verb: 'attendance.mark.show' | 'attendance.link';
  items: { activityId: string; sessionId: string; title: string; detail: string }[];
}

export function attendanceSessionsCard(view: AttendanceSessionsView): Card {
  return attachment(expand('attendance-sessions', view));
}
