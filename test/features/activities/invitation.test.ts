// The invitation card in each mode, its refresh list, and user text that must stay plain text.
import { describe, expect, it } from '@jest/globals';
import { buildInvitationView, type InvitationMode } from '../../../src/features/activities/invitationView';
import { activityListCard, invitationCard } from '../../../src/features/activities/views';
import type { Activity } from '../../../src/kernel/activity';
import type { Seats } from '../../../src/kernel/seats';
import { translator, type Lang } from '../../../src/features/i18n';
import { refreshIds } from '../../../src/features/activities/invitationCards';
import { formCard } from '../../../src/features/activities/formCard';
import { myRegistrationsAttachment } from '../../../src/features/registration/replies';
import { myRegistrations } from '../../../src/features/registration/mine';
import {
  activityFixture,
  actorFixture,
  entry,
  EVIL_TITLE,
  markdownExposures,
  MEETING_URL,
  mriOf,
  nodesOfType,
  NOW,
  rawForm,
  seatsFixture,
  seriesFixture,
  stubServices,
  weeklySessions,
  type Json,
} from '../../unit/fixtures';

const VIEWER = 'aad-asa';

function render(input: { activity: Activity; mode: InvitationMode; seats?: Seats[]; viewerId?: string; now?: Date; lang?: Lang; refresh?: boolean }): Json {
  const seats = new Map((input.seats ?? []).map((s) => [s.scope, s]));
  const card = invitationCard(
    buildInvitationView({
      activity: input.activity,
      seats,
      lang: input.lang ?? 'sv',
      now: input.now ?? NOW,
      mode: input.mode,
      ...(input.viewerId ? { viewerId: input.viewerId } : {}),
      refreshUserIds: input.mode === 'preview' ? [] : refreshIds(seats, input.viewerId ? [mriOf(input.viewerId)] : []),
    }),
  );
  return card.content as Json;
}

interface Row {
  when: string;
  status: string;
  register?: { title: string; sessionId: string };
  cancel?: { sessionId: string };
  join: boolean;
}

/** The session rows as a person sees them: when, status, and which buttons. */
function rows(card: Json): Row[] {
  const body = card.body as Json[];
  return body
    .filter((b) => b.type === 'Container' && Array.isArray(b.items) && (b.items as Json[])[0]?.type === 'ColumnSet')
    .map((c) => {
      const texts = nodesOfType(c, 'TextBlock').map((t) => String(t.text));
      const exec = nodesOfType(c, 'Action.Execute');
      const reg = exec.find((a) => a.verb === 'registration.register');
      const can = exec.find((a) => a.verb === 'registration.cancel');
      return {
        when: texts[0] ?? '',
        status: texts[1] ?? '',
        ...(reg ? { register: { title: String(reg.title), sessionId: String((reg.data as Json).sessionId) } } : {}),
        ...(can ? { cancel: { sessionId: String((can.data as Json).sessionId) } } : {}),
        join: nodesOfType(c, 'Action.OpenUrl').length > 0,
      };
    });
}

const verbs = (card: Json) => nodesOfType(card, 'Action.Execute').map((a) => String(a.verb));
const threeSessions = activityFixture({ sessions: weeklySessions(3), capacity: 2 });
const series = seriesFixture({ capacity: 2 });

describe('invitation modes', () => {
  it('shared: places left per session, a register button on each, no cancel, no personal status', () => {
    const card = render({ activity: threeSessions, mode: 'shared', seats: [seatsFixture('s1', 2, ['aad-1'])] });
    expect(rows(card)).toEqual([
      { when: 'tisdag 8 december 2026 09:00–11:00', status: '1 av 2 platser kvar', register: { title: 'Anmäl mig', sessionId: 's1' }, join: true },
      { when: 'tisdag 15 december 2026 09:00–11:00', status: '2 av 2 platser kvar', register: { title: 'Anmäl mig', sessionId: 's2' }, join: true },
      { when: 'tisdag 22 december 2026 09:00–11:00', status: '2 av 2 platser kvar', register: { title: 'Anmäl mig', sessionId: 's3' }, join: true },
    ]);
    expect(verbs(card)).not.toContain('activity.publish');
  });

  it('shared: a full session offers the waitlist, a cancelled session offers nothing', () => {
    const activity = activityFixture({ capacity: 2, sessions: weeklySessions(2).map((s) => (s.id === 's2' ? { ...s, status: 'cancelled' as const } : s)) });
    const card = render({ activity, mode: 'shared', seats: [seatsFixture('s1', 2, ['aad-1', 'aad-2'], ['aad-3'])] });
    expect(rows(card).map(({ status, register }) => ({ status, register }))).toEqual([
      { status: 'Fullt – anmäl dig till väntelistan', register: { title: 'Ställ mig på väntelistan', sessionId: 's1' } },
      { status: 'Inställt', register: undefined },
    ]);
  });

  it('personal, registered: "Du är anmäld" with a cancel button on that session only (Swedish)', () => {
    const card = render({ activity: threeSessions, mode: 'personal', viewerId: VIEWER, seats: [seatsFixture('s1', 2, ['aad-1', VIEWER])] });
    const [s1, s2] = rows(card);
    expect(s1).toMatchObject({ status: 'Du är anmäld', cancel: { sessionId: 's1' } });
    expect(s1?.register).toBeUndefined();
    expect(s2).toMatchObject({ status: '2 av 2 platser kvar', register: { sessionId: 's2' } });
    expect(s2?.cancel).toBeUndefined();
  });

  it('personal, registered (English)', () => {
    const card = render({ activity: threeSessions, mode: 'personal', viewerId: VIEWER, lang: 'en', seats: [seatsFixture('s1', 2, [VIEWER])] });
    expect(rows(card)[0]).toMatchObject({ when: 'Tuesday, 8 December 2026 09:00–11:00', status: 'You are registered', cancel: { sessionId: 's1' } });
  });

  it('personal, waitlisted: shows the position and a cancel button', () => {
    const card = render({ activity: threeSessions, mode: 'personal', viewerId: VIEWER, seats: [seatsFixture('s1', 2, ['aad-1', 'aad-2'], ['aad-3', VIEWER])] });
    expect(rows(card)[0]).toMatchObject({ status: 'Du står på väntelistan, plats 2', cancel: { sessionId: 's1' } });
    expect(rows(card)[0]?.register).toBeUndefined();
  });

  it('personal, after the deadline: registration closed, but a registered person can still cancel', () => {
    const card = render({ activity: threeSessions, mode: 'personal', viewerId: VIEWER, now: new Date('2026-12-03T10:00:00Z'), seats: [seatsFixture('s1', 2, [VIEWER])] });
    expect(rows(card).map((r) => [r.register?.sessionId ?? null, r.cancel?.sessionId ?? null])).toEqual([
      [null, 's1'],
      [null, null],
      [null, null],
    ]);
    expect(nodesOfType(card, 'TextBlock').map((t) => t.text)).toContain('Anmälan är stängd.');
  });

  it('personal, once the session has started: no cancel button', () => {
    const activity = activityFixture({ deadline: '2026-12-08' });
    const card = render({ activity, mode: 'personal', viewerId: VIEWER, now: new Date('2026-12-08T08:30:00Z'), seats: [seatsFixture('s1', 30, [VIEWER])] });
    expect(rows(card)[0]).toMatchObject({ status: 'Du är anmäld' });
    expect(rows(card)[0]?.cancel).toBeUndefined();
  });

  it('preview: banner, publish and edit buttons for this activity, no register buttons, no refresh', () => {
    const card = render({ activity: activityFixture({ status: 'draft' }), mode: 'preview' });
    expect(nodesOfType(card, 'TextBlock').map((t) => t.text)).toContain('Förhandsgranskning – inbjudan är inte publicerad än.');
    expect((card.actions as Json[]).map((a) => [a.verb, (a.data as Json).activityId])).toEqual([
      ['activity.publish', 'act-likvardig'],
      ['activity.edit', 'act-likvardig'],
    ]);
    expect(verbs(card).filter((v) => v.startsWith('registration.'))).toEqual([]);
    // The template's $when drops the refresh object; adaptivecards-templating leaves "refresh": null.
    expect(card.refresh ?? null).toBeNull();
    // The deadline is shown, not "closed", even when previewing after it.
    const late = render({ activity: activityFixture({ status: 'draft' }), mode: 'preview', now: new Date('2027-01-01T00:00:00Z') });
    expect(nodesOfType(late, 'TextBlock').map((t) => t.text)).toContain('Sista anmälningsdag: 1 december 2026');
  });

  it('preview of a published invitation: says where it is, and "publish here" becomes "post here too"', () => {
    const card = invitationCard(
      buildInvitationView({
        activity: activityFixture({ status: 'published' }),
        seats: new Map(),
        lang: 'sv',
        now: NOW,
        mode: 'preview',
        postings: [{ conversationType: 'channel', postedAt: '2026-11-19T09:00:00.000Z' }],
        refreshUserIds: [mriOf('aad-coordinator')],
      }),
    ).content as Json;
    const text = nodesOfType(card, 'TextBlock').map((t) => String(t.text));
    expect(text).toContain('Publicerad i 1 kanal, senast 19 november 2026.');
    expect(JSON.stringify(card)).not.toContain('inte publicerad');
    expect((card.actions as Json[]).map((a) => [a.title, a.verb])).toEqual([
      ['Publicera här också', 'activity.publish'],
      ['Ändra', 'activity.edit'],
    ]);
    // It refreshes for its coordinator to the preview, so an old preview catches up after publishing elsewhere.
    expect(card.refresh).toMatchObject({ action: { verb: 'activity.preview' }, userIds: [mriOf('aad-coordinator')] });
  });

  it('preview, asked to post again: the question with "Ja" and "Tillbaka"', () => {
    const card = invitationCard(
      buildInvitationView({
        activity: activityFixture({ status: 'published' }),
        seats: new Map(),
        lang: 'sv',
        now: NOW,
        mode: 'preview',
        postings: [
          { conversationType: 'channel', postedAt: '2026-11-19T09:00:00.000Z' },
          { conversationType: 'groupChat', postedAt: '2026-11-19T10:00:00.000Z' },
        ],
        askRepublish: true,
      }),
    ).content as Json;
    expect(nodesOfType(card, 'TextBlock').map((t) => String(t.text))).toContain(
      'Inbjudan är redan publicerad i 1 kanal och i 1 gruppchatt. Vill du lägga upp den här också? Då finns den på ett ställe till.',
    );
    expect((card.actions as Json[]).map((a) => [a.title, a.verb, (a.data as Json).confirm])).toEqual([
      ['Ja, publicera här också', 'activity.publish', 'yes'],
      ['Tillbaka', 'activity.preview', ''],
    ]);
  });

  it('a coordinator’s own view: "Ställ in för alla" apart from "Avanmäl", behind "Samordnare"', () => {
    for (const lang of ['sv', 'en'] as const) {
      const card = invitationCard(
        buildInvitationView({ activity: threeSessions, seats: new Map([['s1', seatsFixture('s1', 30, [VIEWER])]]), lang, now: NOW, mode: 'personal', viewerId: VIEWER, viewerIsCoordinator: true }),
      ).content as Json;
      const t = translator(lang);
      // The session rows hold the member's buttons only.
      for (const row of rows(card)) expect(JSON.stringify(row)).not.toContain('session.cancel');
      const rowSets = (card.body as Json[]).filter((b) => b.type === 'Container');
      expect(rowSets.flatMap((c) => nodesOfType(c, 'Action.Execute')).map((a) => a.verb)).not.toContain('session.cancel');
      const tools = nodesOfType(card, 'Action.ShowCard');
      expect(tools.map((a) => a.title)).toEqual([t('inv_coordinatorTools')]);
      const inside = nodesOfType(tools[0], 'Action.Execute');
      expect(inside.filter((a) => a.verb === 'session.cancel').map((a) => [a.title, (a.data as Json).sessionId])).toEqual([
        [t('session_cancel'), 's1'],
        [t('session_cancel'), 's2'],
        [t('session_cancel'), 's3'],
      ]);
    }
    // A member sees no coordinator section at all.
    const member = render({ activity: threeSessions, mode: 'personal', viewerId: VIEWER });
    expect(nodesOfType(member, 'Action.ShowCard')).toEqual([]);
  });

  it('shared and personal cards carry no preview banner and no publish/edit actions', () => {
    for (const mode of ['shared', 'personal'] as const) {
      const card = render({ activity: threeSessions, mode, viewerId: VIEWER });
      expect(card.actions ?? []).toEqual([]);
      expect(JSON.stringify(card)).not.toContain('Förhandsgranskning');
    }
  });

  it('series, shared: one register button for the whole series, the meetings listed without buttons', () => {
    const card = render({ activity: series, mode: 'shared' });
    const r = rows(card);
    expect(r).toHaveLength(6);
    expect(r[0]).toEqual({ when: 'Hela serien', status: '2 av 2 platser kvar', register: { title: 'Anmäl mig', sessionId: 'series' }, join: false });
    const days = ['8 december 2026', '15 december 2026', '22 december 2026', '29 december 2026', '5 januari 2027'];
    expect(r.slice(1).map((x) => [x.when, x.status, x.register ?? null, x.cancel ?? null, x.join])).toEqual(days.map((d) => [`tisdag ${d} 09:00–11:00`, '', null, null, true]));
  });

  it.each<[string, Seats, string]>([
    ['registered', seatsFixture('series', 2, [VIEWER], [], 'act-kollegialt'), 'Du är anmäld'],
    ['waitlisted', seatsFixture('series', 2, ['aad-1', 'aad-2'], [VIEWER], 'act-kollegialt'), 'Du står på väntelistan, plats 1'],
  ])('series, personal, %s: the series row shows the status and a cancel button for "series"', (_case, seats, status) => {
    const r = rows(render({ activity: series, mode: 'personal', viewerId: VIEWER, seats: [seats] }));
    expect(r[0]).toMatchObject({ when: 'Hela serien', status, cancel: { sessionId: 'series' } });
    expect(r[0]?.register).toBeUndefined();
    expect(r.slice(1).filter((x) => x.cancel || x.register)).toEqual([]);
  });
});

describe('invitation refresh', () => {
  const big = (n: number, withMri = true): Seats => {
    const s = seatsFixture('s1', 50, [], [], 'act-likvardig');
    s.entries = Array.from({ length: n }, (_, i) => entry(`aad-${i}`, i < 50 ? 'registered' : 'waitlisted', withMri ? {} : { mri: undefined }));
    s.userIds = s.entries.map((e) => e.userId);
    return s;
  };

  it.each<[string, InvitationMode]>([
    ['shared', 'shared'],
    ['personal', 'personal'],
  ])('%s with 200 registrants: refresh.userIds has 60 distinct MRIs, the viewer first in personal mode', (_case, mode) => {
    const card = render({ activity: activityFixture({ capacity: 50 }), mode, seats: [big(200)], ...(mode === 'personal' ? { viewerId: 'aad-150' } : {}) });
    const refresh = card.refresh as { action: Json; userIds: string[] };
    expect(refresh.userIds).toHaveLength(60);
    expect(new Set(refresh.userIds).size).toBe(60);
    expect(refresh.userIds.every((id) => id.startsWith('29:'))).toBe(true);
    if (mode === 'personal') expect(refresh.userIds[0]).toBe(mriOf('aad-150'));
    else expect(refresh.userIds[0]).toBe(mriOf('aad-0'));
    expect(refresh.action).toEqual({ type: 'Action.Execute', verb: 'invitation.refresh', data: { activityId: 'act-likvardig' } });
  });

  it('registrants across 12 sessions are counted once each, and never more than 60', () => {
    const activity = activityFixture({ sessions: weeklySessions(12), capacity: 50 });
    const seats = activity.sessions.map((s) => ({ ...big(200), scope: s.id, id: `seats-${s.id}` }));
    const card = render({ activity, mode: 'shared', seats });
    expect((card.refresh as { userIds: string[] }).userIds).toHaveLength(60);
  });

  it('a registrant without an MRI is left out of the refresh list', () => {
    const card = render({ activity: activityFixture(), mode: 'shared', seats: [big(5, false)] });
    expect(card.refresh ?? null).toBeNull();
  });

  it('no registrants and no viewer: no refresh section at all (never an empty userIds)', () => {
    const card = render({ activity: activityFixture(), mode: 'shared' });
    // Dropped by the template's $when (adaptivecards-templating leaves "refresh": null, not an object).
    expect(card.refresh ?? null).toBeNull();
  });

  it('the builder caps refreshUserIds at 60 even when handed more', () => {
    const view = buildInvitationView({
      activity: activityFixture(),
      seats: new Map(),
      lang: 'sv',
      now: NOW,
      mode: 'shared',
      refreshUserIds: Array.from({ length: 200 }, (_, i) => mriOf(`u${i}`)),
    });
    expect(view.refreshUserIds).toHaveLength(60);
  });
});

describe('user text stays text', () => {
  const expectNoMarkdownExposure = (card: Json) => expect(markdownExposures(card)).toEqual([]);

  const evilActivity = activityFixture({
    title: EVIL_TITLE,
    purpose: EVIL_TITLE,
    targetGroup: EVIL_TITLE,
    format: EVIL_TITLE,
    prerequisites: { before: EVIL_TITLE, during: '', after: '' },
    sessions: weeklySessions(2),
  });

  it.each<[string, InvitationMode, Activity, Seats[]]>([
    ['shared', 'shared', evilActivity, []],
    ['personal, registered', 'personal', evilActivity, [seatsFixture('s1', 30, [VIEWER])]],
    ['personal, waitlisted', 'personal', activityFixture({ ...evilActivity, capacity: 1 }), [seatsFixture('s1', 1, ['aad-1'], [VIEWER])]],
    ['preview', 'preview', { ...evilActivity, status: 'draft' }, []],
    ['series', 'personal', seriesFixture({ ...evilActivity, registrationMode: 'series', id: 'act-kollegialt' }), [seatsFixture('series', 12, [VIEWER], [], 'act-kollegialt')]],
  ])('invitation, %s: title, purpose, target group and format are TextRun texts, verbatim', (_case, mode, activity, seats) => {
    for (const lang of ['sv', 'en'] as const) {
      const card = render({ activity, mode, seats, viewerId: VIEWER, lang });
      const runs = nodesOfType(card, 'TextRun').map((r) => String(r.text));
      expect(runs.filter((t) => t === EVIL_TITLE)).toHaveLength(4);
      expect(runs).toContain(`${lang === 'sv' ? 'Före' : 'Before'}: ${EVIL_TITLE}`);
      expectNoMarkdownExposure(card);
    }
  });

  it.each(['sv', 'en'] as const)('my registrations (%s): the title is a TextRun text, verbatim', async (lang) => {
    const activity = activityFixture({ title: EVIL_TITLE });
    const svc = stubServices({ activities: [activity], seatLists: [seatsFixture('s1', 30, [VIEWER])] });
    const actor = actorFixture(lang, VIEWER);
    const card = myRegistrationsAttachment(await myRegistrations(svc, actor.aadObjectId), { lang, now: svc.now() }).content as Json;
    expect(nodesOfType(card, 'TextRun').map((r) => r.text)).toEqual([EVIL_TITLE]);
    expectNoMarkdownExposure(card);
  });

  it('activity list: the title is a TextRun text, verbatim', () => {
    const card = activityListCard({
      heading: 'Aktiviteter',
      intro: '',
      empty: '',
      buttonTitle: 'Visa',
      verb: 'invitation.show',
      items: [{ activityId: 'act-1', title: EVIL_TITLE, detail: 'Seminarium · 8 december 2026' }],
    }).content as Json;
    expect(nodesOfType(card, 'TextRun').map((r) => r.text)).toEqual([EVIL_TITLE]);
    expectNoMarkdownExposure(card);
  });

  it.each(['sv', 'en'] as const)('activity form (%s): user text is echoed only as input values, verbatim', (lang) => {
    const raw = rawForm({ title: EVIL_TITLE, purpose: EVIL_TITLE, prepAfter: EVIL_TITLE, s0_link: MEETING_URL });
    const card = formCard({ lang, raw, sessionCount: 1 }).content as Json;
    const values = Object.fromEntries(nodesOfType(card, 'Input.Text').map((n) => [n.id, n.value]));
    expect(values).toMatchObject({ title: EVIL_TITLE, purpose: EVIL_TITLE, prepAfter: EVIL_TITLE, s0_link: MEETING_URL });
    expectNoMarkdownExposure(card);
  });
});
