// What the tab's API answers, shared with the page (src/features/tab/web imports these types only).

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
  /** The organisation's name, to tell people with the same name apart. */
  organization: string | null;
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

interface SessionRow {
  sessionId: string;
  number: number;
  start: string;
  registered: number;
  present: number | null;
  cancelled: boolean;
}

interface Bar {
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
  /** Places are for teams (a team's people share one place): the team setting, or more people registered than places. */
  teamPlaces: boolean;
  /** Different people with a place, in any session or the series. */
  registeredPeople: number;
  sessions: SessionRow[];
  perOrganization: Bar[];
  basis: 'attendance' | 'registrations';
  waitlist: WaitRow[];
  responses: ResponseRate[];
}

export interface Overview {
  /** The term shown ("ht26"): the one asked for; else the current term if it has activities, else the nearest that has. */
  term: string;
  /** Terms to choose from, newest first, as codes ("ht26"); the page names them ("Höstterminen 2026"). */
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
