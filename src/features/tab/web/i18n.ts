import type { Lang } from '../api/contract';

const sv = {
  appName: 'Träffpunkt',
  myTitle: 'Mina anmälningar',
  overviewTitle: 'Översikt',
  loading: 'Hämtar …',
  upcoming: 'Kommande',
  past: 'Tidigare',
  noUpcoming: 'Du har inga kommande anmälningar.',
  noPast: 'Inga tidigare anmälningar.',
  statusRegistered: 'Anmäld',
  statusWaitlisted: 'Väntelista, plats {n}',
  attended: 'Deltog',
  notAttended: 'Ingen närvaro registrerad',
  cancelledSession: 'Inställt',
  wholeSeries: 'Hela serien',
  join: 'Anslut till mötet',
  addToCalendar: 'Lägg till i kalendern',
  cancel: 'Avboka',
  confirmCancel: 'Ja, avboka',
  keep: 'Behåll',
  confirmQuestion: 'Avboka {title}?',
  cancelledDone: 'Din anmälan till {title} är avbokad.',
  surveys: 'Utvärderingar att besvara',
  noSurveys: 'Inga obesvarade utvärderingar.',
  surveyEvaluation: 'Utvärdering',
  surveyFollowUp: 'Uppföljning',
  surveyHow: 'Svara på kortet som Träffpunkt skickade till dig i chatten.',
  term: 'Termin',
  scopeOrganization: 'Du ser deltagare från {org}.',
  noActivities: 'Inga aktiviteter den här terminen.',
  sessions: 'Anmälda och närvarande per tillfälle',
  session: 'Tillfälle',
  date: 'Datum',
  registered: 'Anmälda',
  present: 'Närvarande',
  notRecorded: 'ej registrerat',
  attendanceCurve: 'Närvarokurva över tillfällena',
  perOrganization: 'Deltagare per kommun och organisation',
  organization: 'Organisation',
  participants: 'Deltagare',
  basisRegistrations: 'Ingen närvaro är registrerad än; siffrorna bygger på anmälningar.',
  waitlist: 'Väntelista',
  position: 'Plats',
  name: 'Namn',
  noWaitlist: 'Ingen står på väntelistan.',
  responses: 'Svarsfrekvens',
  responseRate: '{answered} av {sent} har svarat ({percent} %)',
  notSent: 'inte skickad än',
  exports: 'Exportera',
  exportStats: 'Statistik',
  exportRegistered: 'Anmälda',
  exportAttended: 'Deltagare',
  exportOpened: 'Exporten öppnas i ett nytt fönster.',
  showTable: 'Visa som tabell',
  capacity: '{n} platser',
  capacityTeams: '{n} platser (team)',
  registeredPeople: '{n} personer anmälda',
  registeredPerson: '1 person anmäld',
  termSpring: 'Vårterminen {year}',
  termAutumn: 'Höstterminen {year}',
  devRole_coordinator: 'samordnare',
  devRole_manager: 'chef',
  devUnnamed: 'Utan namn',
  upload: 'Läs in närvarorapport från Teams',
  uploadFile: 'Närvarorapport (.csv från Teams)',
  uploadSession: 'Tillfälle',
  uploadByTime: 'Välj tillfälle efter tiden i rapporten',
  uploadSubmit: 'Läs in',
  uploadDone: '{message} {title}, tillfälle {n}: {people} personer.',
  uploadChooseFile: 'Välj en fil först.',
  forbiddenOverview: 'Översikten är för samordnare och för chefer som är kopplade till en organisation.',
  unauthorized: 'Du är inte inloggad. Öppna fliken i Teams igen.',
  unavailable: 'Tjänsten svarar inte just nu. Försök igen om en stund.',
  failed: 'Något gick fel. Försök igen.',
  notInTeams: 'Öppna Träffpunkt i Microsoft Teams för att se den här sidan.',
  devBanner: 'Lokalt utvecklingsläge: sidan körs utanför Teams och du väljer vem du är.',
  devIdentity: 'Utvecklingsidentitet',
  devMode: 'Utvecklingsläge',
  devChoose: 'Välj en person …',
  devNobody: 'Inga kända personer än – prata med boten först.',
  theme: 'Tema',
  themeDefault: 'Ljust',
  themeDark: 'Mörkt',
  themeContrast: 'Hög kontrast',
  language: 'Språk',
  nav: 'Sidor',
  kind_seminar: 'Seminarium',
  kind_series: 'Serie',
  kind_networkMeeting: 'Nätverksträff',
  kind_conference: 'Konferens',
  kind_webinar: 'Webbinarium',
  activityCancelled: 'Inställd',
  configIntro: 'Lägg till Träffpunkts översikt som en flik. Den visar varje person det hen får se: samordnare allt, chefer sin organisation.',
  configReady: 'Klicka på Spara för att lägga till fliken.',
};
export type Key = keyof typeof sv;

const en: Record<Key, string> = {
  appName: 'Träffpunkt',
  myTitle: 'My registrations',
  overviewTitle: 'Overview',
  loading: 'Loading …',
  upcoming: 'Upcoming',
  past: 'Past',
  noUpcoming: 'You have no upcoming registrations.',
  noPast: 'No past registrations.',
  statusRegistered: 'Registered',
  statusWaitlisted: 'Waiting list, place {n}',
  attended: 'Attended',
  notAttended: 'No attendance recorded',
  cancelledSession: 'Cancelled',
  wholeSeries: 'Whole series',
  join: 'Join the meeting',
  addToCalendar: 'Add to calendar',
  cancel: 'Cancel registration',
  confirmCancel: 'Yes, cancel registration',
  keep: 'Keep',
  confirmQuestion: 'Cancel your registration for {title}?',
  cancelledDone: 'Your registration for {title} is cancelled.',
  surveys: 'Evaluations to answer',
  noSurveys: 'No unanswered evaluations.',
  surveyEvaluation: 'Evaluation',
  surveyFollowUp: 'Follow-up',
  surveyHow: 'Answer on the card Träffpunkt sent you in chat.',
  term: 'Term',
  scopeOrganization: 'You see participants from {org}.',
  noActivities: 'No activities this term.',
  sessions: 'Registered and present per session',
  session: 'Session',
  date: 'Date',
  registered: 'Registered',
  present: 'Present',
  notRecorded: 'not recorded',
  attendanceCurve: 'Attendance across sessions',
  perOrganization: 'Participants per municipality and organisation',
  organization: 'Organisation',
  participants: 'Participants',
  basisRegistrations: 'No attendance recorded yet; the figures are based on registrations.',
  waitlist: 'Waiting list',
  position: 'Place',
  name: 'Name',
  noWaitlist: 'Nobody is on the waiting list.',
  responses: 'Response rates',
  responseRate: '{answered} of {sent} answered ({percent} %)',
  notSent: 'not sent yet',
  exports: 'Export',
  exportStats: 'Statistics',
  exportRegistered: 'Registered',
  exportAttended: 'Participants',
  exportOpened: 'The export opens in a new window.',
  showTable: 'Show as table',
  capacity: '{n} places',
  capacityTeams: '{n} places (teams)',
  registeredPeople: '{n} people registered',
  registeredPerson: '1 person registered',
  termSpring: 'Spring term {year}',
  termAutumn: 'Autumn term {year}',
  devRole_coordinator: 'coordinator',
  devRole_manager: 'manager',
  devUnnamed: 'No name',
  upload: 'Import a Teams attendance report',
  uploadFile: 'Attendance report (.csv from Teams)',
  uploadSession: 'Session',
  uploadByTime: 'Pick the session by the time in the report',
  uploadSubmit: 'Import',
  uploadDone: '{message} {title}, session {n}: {people} people.',
  uploadChooseFile: 'Choose a file first.',
  forbiddenOverview: 'The overview is for coordinators and for managers linked to an organisation.',
  unauthorized: 'You are not signed in. Open the tab in Teams again.',
  unavailable: 'The service is not answering right now. Try again in a moment.',
  failed: 'Something went wrong. Try again.',
  notInTeams: 'Open Träffpunkt in Microsoft Teams to see this page.',
  devBanner: 'Local development mode: the page runs outside Teams and you choose who you are.',
  devIdentity: 'Development identity',
  devMode: 'Development mode',
  devChoose: 'Choose a person …',
  devNobody: 'No known people yet – talk to the bot first.',
  theme: 'Theme',
  themeDefault: 'Light',
  themeDark: 'Dark',
  themeContrast: 'High contrast',
  language: 'Language',
  nav: 'Pages',
  kind_seminar: 'Seminar',
  kind_series: 'Series',
  kind_networkMeeting: 'Network meeting',
  kind_conference: 'Conference',
  kind_webinar: 'Webinar',
  activityCancelled: 'Cancelled',
  configIntro: "Add Träffpunkt's overview as a tab. Everyone sees what they may: coordinators everything, managers their organisation.",
  configReady: 'Select Save to add the tab.',
};

export type T = (key: Key, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): T {
  const cat = lang === 'en' ? en : sv;
  return (key, params) => cat[key].replace(/\{(\w+)\}/g, (m, name: string) => (params && name in params ? String(params[name]) : m));
}

export function langOf(locale: string | undefined | null, fallback: Lang): Lang {
  const l = (locale ?? '').toLowerCase();
  if (l.startsWith('sv')) return 'sv';
  if (l.startsWith('en')) return 'en';
  return fallback;
}

export function isKey(k: string): k is Key {
  return Object.prototype.hasOwnProperty.call(sv, k);
}

/** "tis 8 dec. 2026 09:00" in Stockholm time, as the bot writes it. */
export function formatWhen(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(iso));
}

/** "ht26" → "Höstterminen 2026" / "Autumn term 2026"; anything else as it is. */
export function termName(code: string, t: T): string {
  const m = /^(vt|ht)(\d{2})$/.exec(code);
  if (!m) return code;
  const year = String(2000 + Number(m[2]));
  return m[1] === 'vt' ? t('termSpring', { year }) : t('termAutumn', { year });
}

export function formatDay(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { day: 'numeric', month: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(iso));
}

export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' }).format(new Date(iso));
}
