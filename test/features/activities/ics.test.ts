import { describe, expect, it } from '@jest/globals';
import { ActivityFormSchema, collectSessionInputs, sessionsFromForm, type Activity, type Session } from '../../../src/kernel/activity';
import { sessionIcs } from '../../../src/features/activities/ics';
import { activityFixture, NOW, rawForm } from '../../unit/fixtures';

// Calendar files of a session: the same UID for its whole life, and a SEQUENCE that rises with
// every change calendars must pick up (RFC 5545 §3.8.7.4), so a moved session moves there too.

function edited(previous: Activity, over: Record<string, unknown>): Activity {
  const form = ActivityFormSchema.parse({ ...rawForm(over), sessions: collectSessionInputs(rawForm(over), 1) });
  return { ...previous, sessions: sessionsFromForm(form, previous) };
}

function first(a: Activity): Session {
  const s = a.sessions[0];
  if (!s) throw new Error('no session');
  return s;
}

const field = (ics: string, name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(ics)?.[1]?.trim();

describe('calendar file SEQUENCE', () => {
  const before = activityFixture();

  it('starts at 0 for a session never changed', () => {
    expect(field(sessionIcs(before, first(before), NOW), 'SEQUENCE')).toBe('0');
  });

  it.each<[string, Record<string, unknown>, number]>([
    ['moved to another day: 1', { s0_date: '2026-12-10' }, 1],
    ['a later start: 1', { s0_start: '10:00' }, 1],
    ['a new Teams link: 1', { s0_link: 'https://teams.microsoft.com/l/meetup-join/other' }, 1],
    ['only the title changed: stays 0', { title: 'Nytt namn' }, 0],
  ])('session sequence after an edit, %s', (_name, over, sequence) => {
    const after = edited(before, over);
    expect(after.sessions[0]?.sequence ?? 0).toBe(sequence);
  });

  it('a session moved twice has a higher SEQUENCE each time and keeps its UID', () => {
    const once = edited(before, { s0_date: '2026-12-10' });
    const twice = edited(once, { s0_date: '2026-12-11' });
    const files = [before, once, twice].map((a) => sessionIcs(a, first(a), NOW));
    expect(files.map((f) => Number(field(f, 'SEQUENCE')))).toEqual([0, 1, 2]);
    expect(new Set(files.map((f) => field(f, 'UID'))).size).toBe(1);
    expect(field(files[2] ?? '', 'DTSTART')).toBe('20261211T080000Z');
  });

  it('a cancelled session, or a session of a cancelled activity, is CANCELLED with a higher SEQUENCE', () => {
    const s = first(before);
    const own = sessionIcs(before, { ...s, status: 'cancelled', sequence: 1 }, NOW);
    expect([field(own, 'STATUS'), field(own, 'SEQUENCE'), field(own, 'METHOD')]).toEqual(['CANCELLED', '1', 'PUBLISH']);
    const all = sessionIcs({ ...before, status: 'cancelled' }, s, NOW);
    expect([field(all, 'STATUS'), field(all, 'SEQUENCE')]).toEqual(['CANCELLED', '1']);
  });

  it("a published activity's dropped session is kept as cancelled with a higher sequence", () => {
    const two = activityFixture({ sessions: [...before.sessions, { id: 's2', start: '2026-12-15T08:00:00.000Z', end: '2026-12-15T10:00:00.000Z', status: 'scheduled' }] });
    const after = edited(two, {});
    expect(after.sessions.find((x) => x.id === 's2')).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect(after.sessions.find((x) => x.id === 's1')?.sequence).toBeUndefined();
  });
});
