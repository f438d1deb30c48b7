// What the tab's API answers, shared with the page (src/tab/web imports these types only).

export type Lang = 'sv' | 'en';

export interface TabConfig {
  /** "local": no app id, the page offers a development identity; "teams": SSO tokens only. */
  mode: 'teams' | 'local';
  defaultLang: Lang;
}

export interface DevPerson {
  aadObjectId: string;
  name: string;
  roles: string[];
}

export interface Me {
  aadObjectId: string;
  name: string;
  coordinator: boolean;
  /** The organisation a manager sees, by name; null when not a manager. */
  managerOf: string | null;
  mayOverview: boolean;
}

export interface MySession {
  sessionId: string;
  start: string;
  end: string;
  cancelled: boolean;
  attended: boolean;
  /** Only while the session is ahead and the person holds a place. */
  joinUrl: string | null;
  /** Signed .ics path on this server. */
  icsPath: string;
}

export interface MyRegistrationView {
  activityId: string;
  title: string;
  kind: string;
  /** A session id, or "series". */
  scope: string;
  status: 'registered' | 'waitlisted';
  position: number;
  sessions: MySession[];
  canCancel: boolean;
  past: boolean;
}

export interface PendingSurvey {
  activityId: string;
  title: string;
  surveyKind: 'evaluation' | 'followUp';
  sentAt: string | null;
}

export interface MyPage {
  upcoming: MyRegistrationView[];
  past: MyRegistrationView[];
  pendingSurveys: PendingSurvey[];
}

export interface SessionRow {
  sessionId: string;
  number: number;
  start: string;
  registered: number;
  present: number | null;
  cancelled: boolean;
}

export interface Bar {
  label: string;
  value: number;
}

export interface WaitRow {
  position: number;
  name: string;
  organization: string;
  scope: string;
}

export interface ResponseRate {
  surveyKind: 'evaluation' | 'followUp';
  sent: number;
  answered: number;
}

export interface OverviewActivity {
  activityId: string;
  title: string;
  kind: string;
  status: string;
  capacity: number;
  sessions: SessionRow[];
  perOrganization: Bar[];
  basis: 'attendance' | 'registrations';
  waitlist: WaitRow[];
  responses: ResponseRate[];
}

export interface Overview {
  term: string;
  terms: string[];
  scope: 'all' | 'organization';
  organization: string | null;
  activities: OverviewActivity[];
}

export interface ExportLink {
  url: string;
}

export interface UploadResult {
  ok: boolean;
  /** A sentence for the user in their language. */
  message: string;
  activityTitle?: string;
  sessionId?: string;
  people?: number;
  already?: boolean;
}

export interface ApiError {
  error: string;
}
