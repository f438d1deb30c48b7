// Every card template with realistic data, for the card gallery (scripts/gallery.ts) and its
// browser test (test/e2e/gallery.test.ts). The feature folders' cases are reused as they are;
// the cases of the core templates (invitation, activity-form, profile, my-registrations, help,
// activity-list, reminder, survey, notice, responses) are the ones in
// test/platform/cards/templates.test.ts, built the same way (that file keeps its own copy, inside
// the test; it can import these instead). No jest here: the gallery script runs under tsx.
import type { Attachment } from 'botbuilder';
import { saveActivity } from '../../src/features/activities/save';
import { rawFromActivity } from '../../src/features/activities/formView';
import { buildInvitationView, type InvitationInput } from '../../src/features/activities/invitationView';
import { TEMPLATES, type TemplateName } from '../../src/platform/cards/render';
import { responsesCard } from '../../src/features/surveys/views';
import { activityListCard, invitationCard } from '../../src/features/activities/views';
import type { Activity } from '../../src/kernel/activity';
import type { Seats } from '../../src/kernel/seats';
import { translator, type Lang } from '../../src/features/i18n';
import type { Job } from '../../src/platform/outbox/jobs';
import { MessageRenderer, surveyAttachment } from '../../src/features/reminders/messages';
import { refreshIds } from '../../src/features/activities/invitationCards';
import { formCard } from '../../src/features/activities/formCard';
import { helpAttachment, myRegistrationsAttachment, profileFormCard, type MineNotice } from '../../src/features/registration/replies';
import { myRegistrations } from '../../src/features/registration/mine';
import type { Actor } from '../../src/kernel/actor';
import type { RegistrationPorts } from '../../src/features/registration/ports';
import { ATTENDANCE_CARD_CASES } from '../features/attendance/cardCases';
import { activityFixture, actorFixture, longText, MEETING_URL, mriOf, NOW, rawForm, seatsFixture, seriesFixture, stubServices, weeklySessions, type Json } from '../unit/fixtures';
import { PRIVACY_CARD_CASES } from '../features/privacy/cardCases';
import { TEAM_CARD_CASES } from '../features/staff-teams/cardCases';
import { REPORT_CARD_CASES } from '../features/reports/cardCases';

/** The member's registrations card as the handlers make it: read, then rendered. */
async function mineCard(svc: RegistrationPorts, actor: Actor, notice?: MineNotice) {
  return myRegistrationsAttachment(await myRegistrations(svc, actor.aadObjectId), { lang: actor.lang, now: svc.now(), notice });
}

export type { Json };

export interface GalleryCase {
  template: TemplateName;
  /** What the case shows, in the words of the unit tests (English: the gallery is for the team). */
  name: string;
  /** A worst case: long texts, many rows. */
  big?: boolean;
  card: (lang: Lang) => Promise<Json> | Json;
}

export const VIEWER = 'aad-asa';

export function content(a: Attachment): Json {
  if (a.contentType !== 'application/vnd.microsoft.card.adaptive') throw new Error(`not an Adaptive Card: ${a.contentType}`);
  return a.content as Json;
}

/** 2,000-character texts everywhere the form allows them, and a 200-character title (the maximum). */
function bigActivity(over: Partial<Activity> = {}): Activity {
  return activityFixture({
    title: longText(200, 'Att leda en likvärdig skola – Östersund, Åre och Härnösand. '),
    purpose: longText(2000),
    targetGroup: longText(2000, 'Rektorer, förstelärare och speciallärare i Sollefteå och Ånge. '),
    format: longText(2000, 'Digitala träffar i Teams med grupparbete mellan träffarna. '),
    prerequisites: { before: longText(2000), during: longText(2000), after: longText(2000) },
    sessions: weeklySessions(12),
    capacity: 50,
    ...over,
  });
}

/** n registrants (the first `capacity` registered, the rest waiting), each with a Teams MRI. */
function crowd(scope: string, capacity: number, n: number, activityId: string, viewerAt?: number): Seats {
  const ids = Array.from({ length: n }, (_, i) => (i === viewerAt ? VIEWER : `aad-${i}`));
  return seatsFixture(scope, capacity, ids.slice(0, capacity), ids.slice(capacity), activityId);
}

/** The card of a scheduled message, rendered by the scheduler's own renderer from stub records. */
export async function scheduled(activity: Activity, job: Pick<Job, 'kind' | 'payload'>, lang: Lang, seats: Seats[] = []): Promise<Json> {
  const renderer = new MessageRenderer({
    activities: {
      get: async (id: string) => (id === activity.id ? { doc: activity, etag: '"1"' } : null),
      getSeats: async (_activityId: string, seatsId: string) => {
        const doc = seats.find((x) => x.id === seatsId);
        return doc ? { doc, etag: '"1"' } : null;
      },
      seatsOf: async () => new Map(seats.map((x) => [x.scope, x])),
      seatLists: async () => new Map(seats.map((x) => [x.scope, x])),
    },
    directory: { person: async () => null },
    surveys: { answer: async () => null },
    publicUrl: 'https://traffpunkt.miun.se/',
    linkSecret: 'gallery-secret',
    now: () => NOW,
  } as unknown as ConstructorParameters<typeof MessageRenderer>[0]);
  const out = await renderer.render({
    id: 'job-1',
    day: '2026-12-07',
    type: 'job',
    toUserId: VIEWER,
    activityId: activity.id,
    lang,
    status: 'leased',
    dueAt: '2026-12-07T08:00:00.000Z',
    attempts: 0,
    throttles: 0,
    ...job,
  });
  if (!('activity' in out)) throw new Error(`skipped: ${out.skip}`);
  const att = out.activity.attachments?.[0];
  if (!att) throw new Error('the scheduled message has no card');
  return content(att);
}

export const confirmationJob = (a: Activity, scope: string) => ({ kind: 'notice' as const, payload: { confirmation: true, textKey: 'conf_registered', activityId: a.id, sessionId: scope } });
export const reminderJob = (a: Activity, offset: number) => ({ kind: 'reminder' as const, payload: { activityId: a.id, sessionId: 's1', start: a.sessions[0]!.start, offset } });

/** An invitation as the handlers build it; `noticeKey` adds the notice a person sees after acting. */
function invitation(input: Omit<InvitationInput, 'lang' | 'now' | 'seats' | 'notice'> & { seats?: Seats[]; now?: Date; noticeKey?: 'inv_justRegistered' | 'inv_justWaitlisted' }, lang: Lang): Json {
  const { noticeKey, ...rest } = input;
  const seats = new Map((input.seats ?? []).map((s) => [s.scope, s]));
  const t = translator(lang);
  return content(
    invitationCard(
      buildInvitationView({
        ...rest,
        seats,
        lang,
        now: input.now ?? NOW,
        refreshUserIds: input.mode === 'preview' ? [] : refreshIds(seats, input.viewerId ? [mriOf(input.viewerId)] : []),
        ...(noticeKey ? { notice: { text: t(noticeKey, { position: 2 }), style: noticeKey === 'inv_justRegistered' ? 'good' : 'warning' } } : {}),
      }),
    ),
  );
}

/** A responses card for an activity: evaluation and follow-up, n comments of the given length. */
export function responses(lang: Lang, title: string, comments: number, commentLength: number): Json {
  const t = translator(lang);
  return content(
    responsesCard({
      t: { question: t('responses_question'), average: t('responses_average'), comments: t('responses_comments') },
      heading: t('responses_heading'),
      title,
      surveys: [
        {
          label: t('responses_evaluation'),
          rateText: t('responses_rate', { answered: 25, sent: 53, percent: 47 }),
          rows: comments > 0 ? [t('survey_q_overall'), t('survey_q_useful'), t('survey_q_format')].map((question, i) => ({ question, average: ['4,2', '3,9', '4,5'][i] ?? '' })) : [],
          comments: Array.from({ length: comments }, (_, i) => longText(commentLength, `Bra samtal i gruppen från Ånge och Härnösand, ${i}. `)),
        },
        { label: t('responses_followUp'), rateText: t('responses_rate', { answered: 12, sent: 53, percent: 23 }), rows: [], comments: [] },
      ],
    }),
  );
}

const sessionActivity = activityFixture({ sessions: weeklySessions(3) });
const series = seriesFixture();

const CORE_CASES: GalleryCase[] = [
  // invitation: shared, personal (registered, waitlisted), preview, series
  {
    template: 'invitation',
    name: 'shared, places left',
    card: (lang) => invitation({ activity: sessionActivity, mode: 'shared', seats: [seatsFixture('s1', 30, ['aad-1', 'aad-2'])] }, lang),
  },
  {
    template: 'invitation',
    name: 'shared, one session full, one cancelled',
    card: (lang) =>
      invitation(
        {
          activity: activityFixture({ sessions: weeklySessions(3).map((s) => (s.id === 's3' ? { ...s, status: 'cancelled' as const } : s)), capacity: 2 }),
          mode: 'shared',
          seats: [seatsFixture('s1', 2, ['aad-1', 'aad-2'], ['aad-3'])],
        },
        lang,
      ),
  },
  {
    template: 'invitation',
    name: 'personal, registered',
    card: (lang) => invitation({ activity: sessionActivity, mode: 'personal', viewerId: VIEWER, seats: [seatsFixture('s1', 30, ['aad-1', VIEWER])] }, lang),
  },
  {
    template: 'invitation',
    name: 'personal, waitlisted, with a notice',
    card: (lang) =>
      invitation(
        { activity: activityFixture({ capacity: 2 }), mode: 'personal', viewerId: VIEWER, seats: [seatsFixture('s1', 2, ['aad-1', 'aad-2'], ['aad-3', VIEWER])], noticeKey: 'inv_justWaitlisted' },
        lang,
      ),
  },
  {
    template: 'invitation',
    name: 'personal, not registered, after the deadline',
    card: (lang) => invitation({ activity: sessionActivity, mode: 'personal', viewerId: VIEWER, now: new Date('2026-12-03T10:00:00Z') }, lang),
  },
  { template: 'invitation', name: 'preview of a draft', card: (lang) => invitation({ activity: activityFixture({ status: 'draft' }), mode: 'preview' }, lang) },
  { template: 'invitation', name: 'series, shared', card: (lang) => invitation({ activity: series, mode: 'shared' }, lang) },
  {
    template: 'invitation',
    name: 'series, personal, registered',
    card: (lang) => invitation({ activity: series, mode: 'personal', viewerId: VIEWER, seats: [seatsFixture('series', 12, [VIEWER], [], series.id)] }, lang),
  },
  {
    template: 'invitation',
    name: 'series, personal, waitlisted',
    card: (lang) => invitation({ activity: series, mode: 'personal', viewerId: VIEWER, seats: [crowd('series', 12, 15, series.id, 13)] }, lang),
  },
  {
    template: 'invitation',
    name: 'personal, registered, 12 sessions, 2,000-character texts, 200 registrants per session',
    big: true,
    card: (lang) => {
      const a = bigActivity();
      return invitation({ activity: a, mode: 'personal', viewerId: VIEWER, noticeKey: 'inv_justRegistered', seats: a.sessions.map((s) => crowd(s.id, 50, 200, a.id, 3)) }, lang);
    },
  },
  {
    template: 'invitation',
    name: 'series, personal, waitlisted, 12 sessions, 2,000-character texts, 200 registrants',
    big: true,
    card: (lang) => {
      const a = bigActivity({ registrationMode: 'series', kind: 'series' });
      return invitation({ activity: a, mode: 'personal', viewerId: VIEWER, seats: [crowd('series', 50, 200, a.id, 120)] }, lang);
    },
  },
  { template: 'invitation', name: 'preview, 12 sessions, 2,000-character texts', big: true, card: (lang) => invitation({ activity: bigActivity({ status: 'draft' }), mode: 'preview' }, lang) },

  // activity-form
  { template: 'activity-form', name: 'new, empty', card: (lang) => content(formCard({ lang, raw: {}, sessionCount: 1 })) },
  {
    template: 'activity-form',
    name: 'edit of a saved activity with three sessions',
    card: (lang) => {
      const { raw, sessionCount } = rawFromActivity(sessionActivity);
      return content(formCard({ lang, raw, sessionCount, activityId: sessionActivity.id }));
    },
  },
  {
    template: 'activity-form',
    name: 'sent back with errors',
    card: async (lang) => {
      const raw = rawForm({ title: '', capacity: 'abc', s0_end: '08:00', s0_link: 'http://x' });
      const r = await saveActivity(stubServices(), actorFixture(lang), { raw, sessionCount: 1 });
      if (r.ok) throw new Error('expected errors');
      return content(formCard({ lang, raw, sessionCount: 1, errors: r.errors }));
    },
  },
  {
    template: 'activity-form',
    name: '12 sessions, 2,000-character texts everywhere, errors on every field',
    big: true,
    card: async (lang) => {
      const raw: Record<string, unknown> = rawForm({
        title: longText(2000),
        purpose: longText(2000),
        targetGroup: longText(2000),
        format: longText(2000),
        prepBefore: longText(2000),
        prepDuring: longText(2000),
        prepAfter: longText(2000),
        capacity: '0',
        minParticipants: 'x',
        deadline: 'snart',
        kind: 'fest',
        registrationMode: 'lag',
      });
      for (let i = 0; i < 12; i++) Object.assign(raw, { [`s${i}_date`]: `2026-12-${String(8 + i).padStart(2, '0')}`, [`s${i}_start`]: '13:00', [`s${i}_end`]: '12:00', [`s${i}_link`]: MEETING_URL });
      const r = await saveActivity(stubServices(), actorFixture(lang), { raw, sessionCount: 12, activityId: 'act-likvardig' });
      if (r.ok) throw new Error('expected errors');
      return content(formCard({ lang, raw, sessionCount: 12, errors: r.errors, activityId: 'act-likvardig' }));
    },
  },

  // profile
  {
    template: 'profile',
    name: 'first registration',
    card: async (lang) => content(await profileFormCard({ organizations: await stubServices().directory.organizations(), lang, activityId: 'act-likvardig', sessionId: 's1', person: null })),
  },
  {
    template: 'profile',
    name: 'sent back with an error and the values given',
    big: true,
    card: async (lang) =>
      content(
        await profileFormCard({
          organizations: await stubServices().directory.organizations(),
          lang,
          activityId: 'act-likvardig',
          sessionId: 'series',
          values: { organizationId: 'other', organizationOther: longText(2000, 'Friskolan Äppelgården i Örnsköldsvik '), jobRole: 'specialEducator' },
          errorKey: 'err_unknownOrganization',
        }),
      ),
  },

  // my-registrations
  { template: 'my-registrations', name: 'empty', card: async (lang) => content(await mineCard(stubServices(), actorFixture(lang))) },
  {
    template: 'my-registrations',
    name: 'registered, waitlisted and a series, with a notice',
    card: async (lang) => {
      const svc = stubServices({
        activities: [sessionActivity, series],
        seatLists: [seatsFixture('s1', 30, [VIEWER]), seatsFixture('s2', 1, ['aad-1'], ['aad-2', VIEWER]), seatsFixture('series', 12, [VIEWER], [], series.id)],
      });
      return content(await mineCard(svc, actorFixture(lang), { text: translator(lang)('inv_justCancelled'), style: 'good' }));
    },
  },
  {
    template: 'my-registrations',
    name: '12 sessions of an activity with a 200-character title',
    big: true,
    card: async (lang) => {
      const a = bigActivity();
      const svc = stubServices({ activities: [a], seatLists: a.sessions.map((s) => crowd(s.id, 50, 60, a.id, 55)) });
      return content(await mineCard(svc, actorFixture(lang), { text: translator(lang)('err_sessionStarted'), style: 'attention' }));
    },
  },

  // help
  { template: 'help', name: 'member', card: (lang) => content(helpAttachment(lang, false)) },
  { template: 'help', name: 'coordinator', big: true, card: (lang) => content(helpAttachment(lang, true)) },

  // activity-list (built as the commands build it)
  {
    template: 'activity-list',
    name: 'no open activities',
    card: (lang) => {
      const t = translator(lang);
      return content(activityListCard({ heading: t('list_title'), intro: '', empty: t('list_empty'), buttonTitle: t('list_show'), verb: 'invitation.show', items: [] }));
    },
  },
  {
    template: 'activity-list',
    name: 'open activities',
    card: (lang) => {
      const t = translator(lang);
      return content(
        activityListCard({
          heading: t('list_title'),
          intro: '',
          empty: t('list_empty'),
          buttonTitle: t('list_show'),
          verb: 'invitation.show',
          items: [sessionActivity, series].map((a) => ({ activityId: a.id, title: a.title, detail: `${t(`kind_${a.kind}`)} · 8 december 2026` })),
        }),
      );
    },
  },
  {
    template: 'activity-list',
    name: 'publish: several matches, 25 items with 200-character titles',
    big: true,
    card: (lang) => {
      const t = translator(lang);
      return content(
        activityListCard({
          heading: t('err_publishManyMatches'),
          intro: t('list_choose'),
          empty: '',
          buttonTitle: t('inv_publish'),
          verb: 'activity.publish',
          items: Array.from({ length: 25 }, (_, i) => ({ activityId: `act-${i}`, title: longText(200, `Läslyftet ${i} – Härnösand och Sundsvall. `), detail: '2026-12-01' })),
        }),
      );
    },
  },

  // reminder (scheduler)
  {
    template: 'reminder',
    name: 'the day before, with join and calendar links',
    card: (lang) => scheduled(sessionActivity, reminderJob(sessionActivity, 1440), lang, [seatsFixture('s1', 30, [VIEWER], [], sessionActivity.id)]),
  },
  {
    template: 'reminder',
    name: 'an hour before, no preparation, no link',
    card: (lang) => {
      const a = activityFixture({ sessions: weeklySessions(1, false), prerequisites: { before: '', during: '', after: '' } });
      return scheduled(a, reminderJob(a, 60), lang, [seatsFixture('s1', 30, [VIEWER])]);
    },
  },
  {
    template: 'reminder',
    name: '200-character title, 2,000-character preparation',
    big: true,
    card: (lang) => {
      const a = bigActivity();
      return scheduled(a, reminderJob(a, 1440), lang, [seatsFixture('s1', 50, [VIEWER])]);
    },
  },

  // registration-confirmation (scheduler, after "Anmäl mig" in a channel)
  {
    template: 'registration-confirmation',
    name: 'one session, registered: join link, calendar file, cancel',
    card: (lang) => scheduled(sessionActivity, confirmationJob(sessionActivity, 's1'), lang, [seatsFixture('s1', 30, [VIEWER], [], sessionActivity.id)]),
  },
  {
    template: 'registration-confirmation',
    name: 'a series, waitlisted: every session, no links',
    card: (lang) => scheduled(series, confirmationJob(series, 'series'), lang, [seatsFixture('series', 1, ['aad-1'], ['aad-2', VIEWER], series.id)]),
  },
  {
    template: 'registration-confirmation',
    name: 'a series of 12 sessions with a 200-character title, registered',
    big: true,
    card: (lang) => {
      const a = bigActivity({ registrationMode: 'series' });
      return scheduled(a, confirmationJob(a, 'series'), lang, [crowd('series', 50, 60, a.id, 3)]);
    },
  },

  // survey
  { template: 'survey', name: 'evaluation', card: (lang) => content(surveyAttachment({ t: translator(lang), activity: sessionActivity, surveyKind: 'evaluation' })) },
  { template: 'survey', name: 'follow-up, reminder nudge', card: (lang) => content(surveyAttachment({ t: translator(lang), activity: series, surveyKind: 'followUp', nudge: true })) },
  {
    template: 'survey',
    name: 'sent back with an error and 2,000-character answers',
    big: true,
    card: (lang) =>
      content(
        surveyAttachment({
          t: translator(lang),
          activity: bigActivity(),
          surveyKind: 'evaluation',
          error: translator(lang)('survey_errRequired'),
          values: { overall: '5', useful: '', format: '3', takeaway: longText(5000) },
        }),
      ),
  },

  // notice (scheduler)
  {
    template: 'notice',
    name: 'a session is cancelled',
    card: (lang) =>
      scheduled(
        sessionActivity,
        { kind: 'notice', payload: { textKey: 'notice_sessionCancelled', headingKey: 'notice_sessionCancelledHeading', title: sessionActivity.title, when: 'tisdag 8 december 2026 09:00–11:00' } },
        lang,
      ),
  },
  {
    template: 'notice',
    name: 'few registrations, with a re-invite button',
    card: (lang) => scheduled(activityFixture({ minParticipants: 10 }), { kind: 'lowRegistration', payload: { activityId: 'act-likvardig' } }, lang, [seatsFixture('s1', 30, ['aad-1', 'aad-2'])]),
  },
  {
    template: 'notice',
    name: 'a place opened up, 200-character title',
    big: true,
    card: (lang) => {
      const a = bigActivity();
      return scheduled(a, { kind: 'notice', payload: { textKey: 'notice_promoted', title: a.title, when: 'tisdag 8 december 2026 09:00–11:00' } }, lang);
    },
  },

  // responses (the view built as the feature will)
  { template: 'responses', name: 'evaluation and follow-up with comments', card: (lang) => responses(lang, sessionActivity.title, 3, 200) },
  { template: 'responses', name: 'no answers yet', card: (lang) => responses(lang, series.title, 0, 0) },
  { template: 'responses', name: '200-character title, 10 comments of 2,000 characters', big: true, card: (lang) => responses(lang, longText(200), 10, 2000) },
];

/** Every card case: the gallery shows them, test/platform/cards/templates.test.ts checks them. */
export const ALL_CASES: GalleryCase[] = [...CORE_CASES, ...ATTENDANCE_CARD_CASES, ...REPORT_CARD_CASES, ...TEAM_CARD_CASES, ...PRIVACY_CARD_CASES];

/** Every case, in the order of TEMPLATES (the order in which the product registers them). */
export const GALLERY_CASES: GalleryCase[] = TEMPLATES.flatMap((name) => ALL_CASES.filter((c) => c.template === name));

/** Templates in TEMPLATES without a case here: the gallery cannot show them (add one here or in the feature's cardCases.ts). */
export const TEMPLATES_WITHOUT_CASES: string[] = TEMPLATES.filter((name) => !ALL_CASES.some((c) => c.template === name));
