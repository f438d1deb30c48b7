import type { Attachment } from 'botbuilder';
import { attachment, expand } from './render';

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

export function checkInCard(view: CheckInView): Attachment {
  return attachment(expand('attendance-checkin', view));
}

export interface SummaryRow {
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

export function attendanceSummaryCard(view: AttendanceSummaryView): Attachment {
  return attachment(expand('attendance-summary', view));
}

export interface MarkPerson {
  /** The toggle's input id: m_<personKey>. */
  id: string;
  /** Name and what is known, shown as the toggle's (plain text) title. */
  label: string;
  value: 'true' | 'false';
}

export interface AttendanceMarkView {
  t: { title: string; present: string; save: string; threshold: string; thresholdHelp: string; fetchGraph: string; empty: string };
  activityId: string;
  sessionId: string;
  heading: string;
  when: string;
  counts: string;
  notice: string;
  noticeStyle: NoticeStyle;
  people: MarkPerson[];
  more: string;
  /** What the toggles showed, "key=1;key=0", so saving records only what the coordinator changed. */
  shown: string;
  threshold: number;
  canFetchGraph: boolean;
}

export function attendanceMarkCard(view: AttendanceMarkView): Attachment {
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

export function attendanceSessionsCard(view: AttendanceSessionsView): Attachment {
  return attachment(expand('attendance-sessions', view));
}
