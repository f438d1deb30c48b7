// What a member meets outside the invitation: the role list, the 1:1 confirmation's rules and
// "mina uppgifter" as a page about a person.
import { describe, expect, it } from '@jest/globals';
import type { Lang } from '../../../src/platform/i18n';
import type { MyData } from '../../../src/features/privacy/myData';
import { myDataLines } from '../../../src/features/privacy/myDataLines';
import { renderConfirmation } from '../../../src/features/registration/confirmation';
import { profileFormCard } from '../../../src/features/registration/replies';
import { activityFixture, allStrings, NOW, nodesOfType, seatsFixture, seriesFixture, stubServices, weeklySessions, type Json } from '../../unit/fixtures';

const VIEWER = 'aad-asa';

describe('the role list in the profile card', () => {
  it.each<[Lang, string]>([
    ['sv', 'Rektor (förskola eller skola)'],
    ['en', 'Principal (preschool or school)'],
  ])('offers principals of preschools and schools one title, without "förskolechef" (%s)', async (lang, principal) => {
    const card = (await profileFormCard({ organizations: await stubServices().directory.organizations(), lang, activityId: 'act-likvardig', sessionId: 's1' })).content as Json;
    const roles = nodesOfType(card, 'Input.ChoiceSet').find((n) => n.id === 'jobRole')?.choices as { title: string; value: string }[];
    expect(roles.find((r) => r.value === 'principal')?.title).toBe(principal);
    expect(roles.map((r) => r.title).join(' ')).not.toMatch(/förskolechef|preschool head/i);
  });
});

describe('the 1:1 confirmation, rendered when it is sent', () => {
  const activity = activityFixture({ sessions: weeklySessions(2) });
  const base = { activity, scope: 's1', userId: VIEWER, lang: 'sv' as const, now: NOW, icsUrl: (id: string) => `https://traffpunkt.miun.se/ics/${activity.id}/${id}.ics?sig=x` };

  it('is skipped for someone who cancelled before it went out, or an activity that was cancelled', () => {
    expect(renderConfirmation({ ...base, seats: seatsFixture('s1', 30, ['aad-other']) })).toEqual({ skip: 'not registered' });
    expect(renderConfirmation({ ...base, activity: { ...activity, status: 'cancelled' }, seats: seatsFixture('s1', 30, [VIEWER]) })).toEqual({ skip: 'activity not published' });
  });

  it('shows a promotion that happened before sending as a place, with links; a waitlist place without them', () => {
    const registered = renderConfirmation({ ...base, seats: seatsFixture('s1', 30, [VIEWER]) });
    const waiting = renderConfirmation({ ...base, seats: seatsFixture('s1', 1, ['aad-1'], [VIEWER]) });
    if ('skip' in registered || 'skip' in waiting) throw new Error('skipped');
    const links = (c: Json) => nodesOfType(c, 'Action.OpenUrl').map((n) => String(n.title));
    expect(links(registered.card.content as Json)).toEqual(['Anslut till mötet', 'Lägg till i kalendern']);
    expect(links(waiting.card.content as Json)).toEqual([]);
    expect(allStrings(waiting.card.content as Json).join('\n')).toContain('väntelistan på plats 1');
    expect(waiting.summary).toBe(`Du står på väntelistan: ${activity.title}`);
  });
});

describe('"mina uppgifter" reads as a page about a person', () => {
  const series = seriesFixture({ sessions: weeklySessions(3) });
  const seminar = activityFixture({ sessions: weeklySessions(2) });
  const data: MyData = {
    userId: VIEWER,
    generatedAt: '2026-12-10T08:00:00.000Z',
    sections: [
      {
        key: 'profile',
        rows: [
          { field: 'name', value: 'Åsa Öberg' },
          { field: 'organizationId', value: 'sundsvall' },
          { field: 'organizationOther', value: null },
          { field: 'jobRole', value: 'teacher' },
          { field: 'roles', value: '' },
          { field: 'locale', value: 'sv-SE' },
          { field: 'remindersOff', value: false },
          { field: 'updatedAt', value: '2026-12-03T08:34:08.592Z' },
        ],
      },
      {
        key: 'registrations',
        rows: [
          { activity: series.title, activityId: series.id, scope: 'series', status: 'registered', at: '2026-12-03T08:34:08.592Z', teamId: null },
          { activity: seminar.title, activityId: seminar.id, scope: 's2', status: 'waitlisted', at: '2026-11-19T13:00:00.000Z', teamId: null },
        ],
      },
      { key: 'attendance', rows: [{ activity: seminar.title, activityId: seminar.id, sessionId: 's1', present: true, minutes: 95, presentBy: 'minutes' }] },
      { key: 'answers', rows: [] },
      { key: 'networks', rows: [] },
      {
        key: 'messages',
        rows: [
          { kind: 'survey', survey: 'evaluation', activityId: seminar.id, status: 'pending', dueAt: '2027-01-10T08:00:00.000Z', sentAt: null },
          { kind: 'reminder', survey: null, activityId: series.id, status: 'sent', dueAt: '2026-12-07T08:00:00.000Z', sentAt: '2026-12-07T08:00:03.000Z' },
        ],
      },
    ],
  };
  const lookups = {
    activity: async (id: string) => [series, seminar].find((a) => a.id === id) ?? null,
    organizations: async () => new Map([['sundsvall', 'Sundsvalls kommun']]),
  };

  it('in Swedish: names, dates and times in words, statuses as words', async () => {
    const text = (await myDataLines(data, lookups, 'sv')).flatMap((s) => s.lines).join('\n');
    for (const expected of [
      'Organisation: Sundsvalls kommun',
      'Yrkesroll: Lärare',
      'Språk: svenska',
      `${series.title} · hela serien, 3 tillfällen från tisdag 8 december 2026 09:00–11:00 · anmäld 3 december 2026`,
      `${seminar.title} · tisdag 15 december 2026 09:00–11:00 · på väntelistan sedan 19 november 2026`,
      `${seminar.title} · tisdag 8 december 2026 09:00–11:00 · närvarande, 95 minuter`,
      `Utvärderingsenkät · ${seminar.title} · planerat till 10 januari 2027`,
      `Påminnelse före tillfället · ${series.title} · skickat 7 december 2026`,
    ])
      expect(text).toContain(expected);
  });

  it.each<Lang>(['sv', 'en'])('shows no field name, id, code or ISO date (%s)', async (lang) => {
    const text = (await myDataLines(data, lookups, lang)).flatMap((s) => s.lines).join('\n');
    expect(text).not.toMatch(/\b(field|value|organizationId|jobRole|activityId|scope|status|kind|dueAt|sentAt|at):/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // Stored codes (English words in Swedish, and in English only where they are not words of the page).
    const codes = ['sundsvall', 'teacher', 'waitlisted', series.id, seminar.id, 'sv-SE', 'pending', ...(lang === 'sv' ? ['registered', 'series', 'evaluation', 'reminder'] : [])];
    for (const raw of codes) expect(text).not.toContain(raw);
  });
});
