// The attendance card templates expanded through their typed views, ordinary and large, for
// this folder's tests and for test/platform/cards/templates.test.ts (spread into its CASES).
// `attendanceCardCases(EVIL_TITLE)` puts hostile text wherever users' text goes.
import type { Attachment } from 'botbuilder';
import type { Plan, PlannedPerson } from '../../../src/features/attendance/apply';
import { checkInAttachment, markAttachment, sessionsAttachment, summaryAttachment } from '../../../src/features/attendance/cards';
import type { ImportSummary } from '../../../src/features/attendance/importReport';
import { personKey } from '../../../src/features/attendance/match';
import { contextOf, type Registrant, type SessionCtx } from '../../../src/features/attendance/session';
import type { TemplateName } from '../../../src/platform/cards/render';
import type { Activity } from '../../../src/kernel/activity';
import type { Attendance } from '../../../src/kernel/attendance';
import { translator, type Lang } from '../../../src/features/i18n';
import { activityFixture, longText, ORGANIZATIONS, weeklySessions, type Json } from '../../unit/fixtures';

export const orgs = ORGANIZATIONS.map((o) => ({ ...o, kind: 'municipality' as const }));
export const content = (a: Attachment): Json => a.content as Json;

export function contextFor(title: string): SessionCtx {
  const activity = activityFixture({ title, sessions: weeklySessions(3) });
  const session = activity.sessions[1];
  if (!session) throw new Error('no session');
  return contextOf(activity, session, null);
}

export function registrants(n: number, name: (i: number) => string = (i) => `Åsa Öberg ${i}`): Registrant[] {
  return Array.from({ length: n }, (_, i) => {
    const aad = `0a0a0a0a-0000-4000-8000-${String(i).padStart(12, '0')}`;
    return { key: personKey({ aadObjectId: aad }), aadObjectId: aad, name: name(i), organizationId: ORGANIZATIONS[i % ORGANIZATIONS.length]?.id };
  });
}

function doc(ctx: SessionCtx, r: { key: string; name: string }, over: Partial<Attendance> = {}): Attendance {
  return {
    id: `att-${ctx.session.id}-${r.key}`,
    activityId: ctx.activity.id,
    type: 'attendance',
    sessionId: ctx.session.id,
    personKey: r.key,
    person: { name: r.name },
    report: { importId: 'import-1', spans: [], seconds: 4000, role: 'attendee' },
    seconds: 4000,
    minutes: 66,
    present: true,
    presentBy: 'minutes',
    createdAt: '2026-12-15T11:00:00.000Z',
    updatedAt: '2026-12-15T11:00:00.000Z',
    ...over,
  };
}

/** An import of n registrants' report: half of them there, a walk-in called `walkInName`, unreadable rows. */
export function summary(ctx: SessionCtx, n: number, walkInName: string, name?: (i: number) => string): ImportSummary {
  const regs = registrants(n, name);
  const walkIn = { key: personKey({ name: walkInName }), name: walkInName };
  const planned = (r: { key: string; name: string }, registered: boolean): PlannedPerson => ({
    key: r.key,
    by: registered ? 'name' : 'new',
    registered,
    ambiguousName: false,
    person: { name: r.name },
    role: registered ? 'attendee' : 'organizer',
    spans: [],
    seconds: 4000,
    rows: [{ name: r.name, role: 'attendee', spans: [], seconds: 4000, external: !registered }],
  });
  const plan: Plan = { ctx, registrants: regs, people: [...regs.slice(0, Math.ceil(n / 2)).map((r) => planned(r, true)), planned(walkIn, false)] };
  return {
    ctx,
    already: false,
    plan,
    report: {
      format: 'sections',
      encoding: 'utf-16le',
      people: [],
      unreadable: Array.from({ length: Math.min(n, 40) }, (_, i) => ({ line: 10 + i, reason: i % 2 ? 'badTime' : 'badDuration' })),
      dataRows: n + 2,
      orderGuessed: false,
    },
    docs: [...regs.slice(0, Math.ceil(n / 2)).map((r) => doc(ctx, r)), doc(ctx, walkIn)],
  };
}

export interface AttendanceCardCase {
  template: TemplateName;
  name: string;
  big?: boolean;
  card: (lang: Lang) => Json;
}

/** Every attendance template, an ordinary and a large case each; `odd` is a title and a name as users typed them. */
export function attendanceCardCases(odd = 'Pekka Virtanen'): AttendanceCardCase[] {
  const ctx = contextFor(odd === 'Pekka Virtanen' ? 'Att leda en likvärdig skola' : odd);
  const activity: Activity = ctx.activity;
  const session = ctx.session;
  return [
    { template: 'attendance-checkin', name: 'open', card: (lang) => content(checkInAttachment({ activity, session, lang, canCheckIn: true })) },
    {
      template: 'attendance-checkin',
      name: 'done, with a notice',
      big: true,
      card: (lang) => content(checkInAttachment({ activity, session, lang, canCheckIn: false, notice: { text: translator(lang)('att_checkedIn', { time: '09:30' }), style: 'good' } })),
    },
    { template: 'attendance-summary', name: 'small', card: (lang) => content(summaryAttachment(summary(ctx, 5, odd), lang, orgs)) },
    {
      template: 'attendance-summary',
      name: '300 participants with long names',
      big: true,
      card: (lang) =>
        content(
          summaryAttachment(
            summary(ctx, 300, odd, (i) => `${longText(80)} ${i}`),
            lang,
            orgs,
          ),
        ),
    },
    {
      template: 'attendance-mark',
      name: 'small',
      card: (lang) => content(markAttachment({ ctx, registrants: registrants(5), docs: registrants(3).map((r) => doc(ctx, r)), orgs, lang, canFetchGraph: true })),
    },
    {
      template: 'attendance-mark',
      name: '300 people with long names, first page',
      big: true,
      card: (lang) => {
        // A registrant called `odd` sorts onto the first page.
        const regs = registrants(300, (i) => (i === 260 ? odd : `${longText(60)} ${i}`));
        return content(markAttachment({ ctx, registrants: regs, docs: [...regs.map((r) => doc(ctx, r)), doc(ctx, { key: 'nm-walkin', name: odd })], orgs, lang, canFetchGraph: false }));
      },
    },
    {
      template: 'attendance-sessions',
      name: 'three sessions',
      card: (lang) => content(sessionsAttachment({ targets: activity.sessions.map((s) => ({ activity, session: s })), lang, verb: 'attendance.link', heading: translator(lang)('att_linkHeading') })),
    },
    {
      template: 'attendance-sessions',
      name: 'twelve sessions with a long title',
      big: true,
      card: (lang) => {
        const long = activityFixture({ title: odd === 'Pekka Virtanen' ? longText(200) : odd, sessions: weeklySessions(12) });
        return content(sessionsAttachment({ targets: long.sessions.map((s) => ({ activity: long, session: s })), lang, verb: 'attendance.mark.show', heading: translator(lang)('att_chooseHeading') }));
      },
    },
  ];
}

export const ATTENDANCE_CARD_CASES = attendanceCardCases();
