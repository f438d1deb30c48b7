import { describe, expect, it } from '@jest/globals';
import { ActivityFormSchema, cancelBlocker, collectSessionInputs, registrationBlocker, sessionsFromForm, type Activity } from '../../src/kernel/activity';
import { isMessageKey } from '../../src/features/i18n';
import { activityFixture, MEETING_URL, rawForm, seriesFixture, weeklySessions } from '../unit/fixtures';

/** What the save handler does: flatten card inputs into the schema's shape and validate. */
function validate(raw: Record<string, unknown>, sessionCount = 1) {
  return ActivityFormSchema.safeParse({ ...raw, sessions: collectSessionInputs(raw, sessionCount) });
}

function issues(raw: Record<string, unknown>, sessionCount = 1): [string, string][] {
  const r = validate(raw, sessionCount);
  return r.success ? [] : r.error.issues.map((i) => [i.path.map(String).join('.'), i.message]);
}

describe('ActivityFormSchema + collectSessionInputs', () => {
  it('accepts a valid form and returns trimmed, typed values', () => {
    const r = validate(rawForm({ title: '  Läslyftet – kick-off för rektorer  ', capacity: ' 30 ' }));
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data).toMatchObject({
      title: 'Läslyftet – kick-off för rektorer',
      kind: 'seminar',
      capacity: 30,
      minParticipants: 5,
      deadline: '2026-12-01',
      prepDuring: '',
      sessions: [{ date: '2026-12-08', start: '09:00', end: '11:00', meetingUrl: MEETING_URL }],
    });
  });

  it('accepts numbers as numbers (Input.Number may send either), a deadline on the session day and min = capacity', () => {
    expect(issues(rawForm({ capacity: 12, minParticipants: 12, deadline: '2026-12-08' }))).toEqual([]);
  });

  it('accepts a form without optional preparation texts or meeting link', () => {
    const raw = rawForm({ s0_link: '' });
    delete raw.prepBefore;
    delete raw.prepDuring;
    delete raw.prepAfter;
    expect(issues(raw)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, number, [string, string]]>([
    ['end before start', { s0_end: '08:00' }, 1, ['sessions.0.end', 'err_endBeforeStart']],
    ['end equal to start', { s0_end: '09:00' }, 1, ['sessions.0.end', 'err_endBeforeStart']],
    ['end before start in the second session', { s1_date: '2026-12-15', s1_start: '13:00', s1_end: '12:00' }, 2, ['sessions.1.end', 'err_endBeforeStart']],
    ['capacity -3', { capacity: '-3' }, 1, ['capacity', 'err_min']],
    ['capacity 0', { capacity: '0' }, 1, ['capacity', 'err_min']],
    ['capacity "abc"', { capacity: 'abc' }, 1, ['capacity', 'err_number']],
    ['capacity empty', { capacity: '' }, 1, ['capacity', 'err_number']],
    ['capacity 2.5', { capacity: '2.5' }, 1, ['capacity', 'err_wholeNumber']],
    ['capacity 10001', { capacity: '10001' }, 1, ['capacity', 'err_max']],
    ['minimum above capacity', { capacity: '10', minParticipants: '11' }, 1, ['minParticipants', 'err_minAboveCapacity']],
    ['minimum -1', { minParticipants: '-1' }, 1, ['minParticipants', 'err_min']],
    ['a 100 KB title', { title: 'Läslyftet '.repeat(10_240) }, 1, ['title', 'err_tooLong']],
    ['a 201-character title', { title: 'å'.repeat(201) }, 1, ['title', 'err_tooLong']],
    ['a blank title', { title: '   ' }, 1, ['title', 'err_required']],
    ['a 2,001-character purpose', { purpose: 'ö'.repeat(2001) }, 1, ['purpose', 'err_tooLong']],
    ['a missing target group', { targetGroup: '' }, 1, ['targetGroup', 'err_required']],
    ['a deadline after the first session', { deadline: '2026-12-09' }, 1, ['deadline', 'err_deadlineAfterStart']],
    ['a deadline that is not a date', { deadline: '1 dec' }, 1, ['deadline', 'err_date']],
    ['a non-https link', { s0_link: 'http://teams.microsoft.com/l/meetup-join/x' }, 1, ['sessions.0.meetingUrl', 'err_url']],
    ['a javascript: link', { s0_link: 'javascript:alert(1)' }, 1, ['sessions.0.meetingUrl', 'err_url']],
    ['a link with a space', { s0_link: 'https://teams.microsoft.com/a b' }, 1, ['sessions.0.meetingUrl', 'err_url']],
    ['an unknown kind', { kind: 'party' }, 1, ['kind', 'err_choice']],
    ['an unknown registration mode', { registrationMode: 'team' }, 1, ['registrationMode', 'err_choice']],
    ['a time like 9.00', { s0_start: '9.00' }, 1, ['sessions.0.start', 'err_time']],
    ['a time 24:00', { s0_end: '24:00' }, 1, ['sessions.0.end', 'err_time']],
    ['a date like 8/12', { s0_date: '8/12' }, 1, ['sessions.0.date', 'err_date']],
  ])('%s → %p', (_case, over, sessionCount, expected) => {
    const found = issues(rawForm(over), sessionCount);
    expect(found).toContainEqual(expected);
    // Every reported message is an i18n key, so the card can explain it in the user's language.
    expect(found.filter(([, m]) => !isMessageKey(m))).toEqual([]);
  });

  it('the deadline is compared with the earliest session, whatever the row order', () => {
    const raw = rawForm({ s0_date: '2026-12-15', s1_date: '2026-12-08', s1_start: '09:00', s1_end: '11:00', deadline: '2026-12-10' });
    expect(issues(raw, 2)).toEqual([['deadline', 'err_deadlineAfterStart']]);
  });

  it('more than 12 sessions → sessions err_max', () => {
    const raw = rawForm();
    for (let i = 1; i < 13; i++) Object.assign(raw, { [`s${i}_date`]: '2026-12-08', [`s${i}_start`]: '13:00', [`s${i}_end`]: '14:00' });
    expect(issues(raw, 13)).toEqual([['sessions', 'err_max']]);
  });

  it('empty extra session rows are ignored (rows 2 and 3 of 3 empty, sent as "" or left out)', () => {
    const raw = rawForm({ s1_date: '', s1_start: '', s1_end: '', s1_link: '' });
    expect(collectSessionInputs(raw, 3)).toEqual([{ date: '2026-12-08', start: '09:00', end: '11:00', meetingUrl: MEETING_URL, row: 0 }]);
    expect(issues(raw, 3)).toEqual([]);
  });

  it('an empty first row is not ignored: it is reported', () => {
    const raw = rawForm({ s0_date: '', s0_start: '', s0_end: '', s0_link: '' });
    expect(issues(raw, 1)).toEqual(
      expect.arrayContaining([
        ['sessions.0.date', 'err_date'],
        ['sessions.0.start', 'err_time'],
      ]),
    );
  });

  it('a half-filled extra row is kept and reported (only a date in row 2)', () => {
    const raw = rawForm({ s1_date: '2026-12-15' });
    expect(collectSessionInputs(raw, 2)).toHaveLength(2);
    expect(issues(raw, 2)).toEqual(
      expect.arrayContaining([
        ['sessions.1.start', expect.any(String)],
        ['sessions.1.end', expect.any(String)],
      ]),
    );
  });

  it('collectSessionInputs reads s{i}_date/start/end/link for i < sessionCount and ignores non-strings', () => {
    const raw = { s0_date: '2026-12-08', s0_start: '09:00', s0_end: 11, s0_link: 'https://x', s5_date: '2026-12-09' };
    expect(collectSessionInputs(raw, 2)).toEqual([{ date: '2026-12-08', start: '09:00', end: undefined, meetingUrl: 'https://x', row: 0 }]);
  });
});

describe('sessionsFromForm', () => {
  it('converts Stockholm wall-clock to UTC, sorts by start and numbers the sessions s1, s2, …', () => {
    const raw = rawForm({ s0_date: '2026-12-15', s1_date: '2026-06-16', s1_start: '09:00', s1_end: '10:00', s1_link: '', deadline: '2026-06-01' });
    const r = validate(raw, 2);
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(sessionsFromForm(r.data)).toEqual([
      { id: 's1', status: 'scheduled', start: '2026-06-16T07:00:00.000Z', end: '2026-06-16T08:00:00.000Z', meetingUrl: undefined },
      { id: 's2', status: 'scheduled', start: '2026-12-15T08:00:00.000Z', end: '2026-12-15T10:00:00.000Z', meetingUrl: MEETING_URL },
    ]);
  });
});

describe('registrationBlocker', () => {
  // The fixture: published, deadline 2026-12-01 (ends 2026-12-01T22:59:59.999Z), session s1 on 2026-12-08 09:00–11:00.
  const published = activityFixture();
  const onDeadlineDay = activityFixture({ deadline: '2026-12-08' });
  const withCancelled = activityFixture({ sessions: [{ ...weeklySessions(1)[0]!, status: 'cancelled' }] });

  it.each<[string, Activity, string, string, ReturnType<typeof registrationBlocker>]>([
    ['a draft', activityFixture({ status: 'draft' }), 's1', '2026-11-20T10:00:00Z', 'notPublished'],
    ['a cancelled activity', activityFixture({ status: 'cancelled' }), 's1', '2026-11-20T10:00:00Z', 'notPublished'],
    ['a draft after the deadline (status wins)', activityFixture({ status: 'draft' }), 's1', '2026-12-05T10:00:00Z', 'notPublished'],
    ['the last millisecond of the deadline day', published, 's1', '2026-12-01T22:59:59.999Z', null],
    ['the first millisecond after the deadline day', published, 's1', '2026-12-01T23:00:00.000Z', 'deadlinePassed'],
    ['after the deadline', published, 's1', '2026-12-03T08:00:00Z', 'deadlinePassed'],
    ['a cancelled session', withCancelled, 's1', '2026-11-20T10:00:00Z', 'sessionCancelled'],
    ['a session id not in the activity', published, 's9', '2026-11-20T10:00:00Z', 'sessionCancelled'],
    ['a session that has started (deadline the same day)', onDeadlineDay, 's1', '2026-12-08T08:00:00.000Z', 'sessionStarted'],
    ['one millisecond before the session starts (deadline the same day)', onDeadlineDay, 's1', '2026-12-08T07:59:59.999Z', null],
    ['an open session before the deadline', published, 's1', '2026-11-20T10:00:00Z', null],
    ['the whole series before the deadline', seriesFixture(), 'series', '2026-11-20T10:00:00Z', null],
    ['the whole series after the deadline', seriesFixture(), 'series', '2026-12-02T10:00:00Z', 'deadlinePassed'],
  ])('%s → %p', (_case, activity, scope, now, expected) => {
    expect(registrationBlocker(activity, scope, new Date(now))).toBe(expected);
  });
});

describe('cancelBlocker', () => {
  const series = seriesFixture(); // five Tuesdays from 2026-12-08 09:00 (08:00 UTC)
  it.each<[string, Activity, string, string, ReturnType<typeof cancelBlocker>]>([
    ['before the session', activityFixture(), 's1', '2026-12-08T07:59:59.999Z', null],
    ['at the start of the session', activityFixture(), 's1', '2026-12-08T08:00:00.000Z', 'sessionStarted'],
    ['after the session', activityFixture(), 's1', '2026-12-09T08:00:00Z', 'sessionStarted'],
    ['after the deadline but before the session (cancelling is still allowed)', activityFixture(), 's1', '2026-12-05T08:00:00Z', null],
    ['a series before its first meeting', series, 'series', '2026-12-08T07:00:00Z', null],
    ['a series once its first meeting has started', series, 'series', '2026-12-08T08:00:00Z', 'sessionStarted'],
    ['the second of three sessions, after the first has started', activityFixture({ sessions: weeklySessions(3) }), 's2', '2026-12-08T09:00:00Z', null],
  ])('%s → %p', (_case, activity, scope, now, expected) => {
    expect(cancelBlocker(activity, scope, new Date(now))).toBe(expected);
  });
});
