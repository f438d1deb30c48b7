import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { allText, sentCard } from '../support/cards';
import { createPublished, registerWithProfile, seminarFormAt } from '../support/flows';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import { message, personal, type User } from '../support/teams';
import { fixture, FileHost, joinUrl, meetingEvent, participants, PEOPLE, startValue, withFile } from '../fixtures/attendance/support';

// The evaluation goes to those who took part: it waits for attendance of the last session (the
// meeting's end, or an imported report), or for the fallback 48 hours after the end.

const { karin, asa, bjorn, marta, ylva, orjan, lars } = PEOPLE;
// Session 8 December 2026 09:00–11:00 Stockholm = 08:00–10:00Z.
const clock = fixedClock('2026-11-20T10:00:00Z');
const seminarForm = seminarFormAt(clock.now());
const REGISTRANTS = [asa, bjorn, marta, ylva, orjan];

describe('the evaluation reaches those who took part, once attendance is known', () => {
  let h: Harness;
  const host = new FileHost();

  beforeAll(async () => {
    await host.start();
    h = await startHarness({ coordinators: [karin.aad], clock });
    await h.app.directory.updatePerson(lars.aad, (p) => ({ ...p, name: lars.name, organizationId: 'ostersund', jobRole: 'developer' }));
  });
  afterAll(async () => {
    await h.close();
    await host.stop();
  });

  async function plan(at: string): Promise<void> {
    clock.set(at);
    await h.app.scheduler.planNow();
    await h.settle();
  }

  async function setUp(title: string, thread: string, people: readonly User[]): Promise<string> {
    clock.set('2026-11-20T10:00:00Z');
    const { activityId } = await createPublished(h, karin, seminarForm({ title, capacity: 30, minParticipants: 1, s0_link: joinUrl(thread) }));
    for (const u of people) {
      await h.send(message(h.connector.url, u, 'hej'));
      await registerWithProfile(h, u, activityId);
    }
    return activityId;
  }

  // Evaluation cards that reached the person (Ylva's Teams is in English).
  const surveyed = (u: User, title: string) =>
    h.connector.posts(personal(u).id).filter((c) => {
      const card = sentCard(c.body);
      const text = card ? allText(card) : String(c.body.text ?? '');
      return (text.includes('Hur var det?') || text.includes('How was it?')) && text.includes(title);
    }).length;
  const evaluationJobs = async (activityId: string) =>
    (await h.app.scheduler.jobs.list({ activityId }))
      .filter((j) => j.kind === 'survey' && j.payload.surveyKind === 'evaluation')
      .map((j) => j.toUserId)
      .sort();

  it('sends nothing when the session has just ended, then only to those the imported report shows present', async () => {
    const title = 'Utvärdering efter rapport';
    const activityId = await setUp(title, 'survey-report', REGISTRANTS);
    await plan('2026-12-08T10:30:00Z');
    expect(await evaluationJobs(activityId)).toEqual([]);
    expect(REGISTRANTS.map((u) => surveyed(u, title))).toEqual([0, 0, 0, 0, 0]);

    // The coordinator sends the Teams attendance report: Märta stayed 30 minutes, Örjan never came.
    await h.send(withFile(message(h.connector.url, karin, title), host.put('survey.csv', fixture('teams-sv.csv'))));
    await plan('2026-12-08T10:40:00Z');
    expect([asa, bjorn, marta, ylva, orjan].map((u) => surveyed(u, title))).toEqual([1, 1, 0, 1, 0]);
    // Lars came without registering and took part: his evaluation is planned (he has never written to the bot).
    expect(await evaluationJobs(activityId)).toContain(lars.aad);

    // The fallback point later changes nothing: the no-shows still get nothing, nobody gets it twice.
    const planned = await evaluationJobs(activityId);
    await plan('2026-12-10T11:00:00Z');
    expect(await evaluationJobs(activityId)).toEqual(planned);
    expect([asa, bjorn, marta, ylva, orjan].map((u) => surveyed(u, title))).toEqual([1, 1, 0, 1, 0]);
    expect(planned).not.toContain(marta.aad);
    expect(planned).not.toContain(orjan.aad);
  });

  it('sends to those present when the meeting ends', async () => {
    const title = 'Utvärdering efter mötet';
    const thread = 'survey-meeting';
    const activityId = await setUp(title, thread, [asa, orjan]);
    const event = (kind: 'start' | 'end' | 'join' | 'leave', at: string, value: unknown) => h.send(meetingEvent(h.connector.url, kind, { thread, at, value }));
    clock.set('2026-12-08T07:58:00Z');
    await event('start', '2026-12-08T07:58:01Z', startValue(thread, '2026-12-08T07:58:01.0000000Z'));
    await event('join', '2026-12-08T08:00:00Z', participants([asa]));
    await plan('2026-12-08T10:01:00Z'); // over, but the meeting has not ended yet
    expect(await evaluationJobs(activityId)).toEqual([]);
    clock.set('2026-12-08T10:02:00Z');
    await event('end', '2026-12-08T10:02:00Z', startValue(thread, '2026-12-08T10:02:00.0000000Z', true));
    await plan('2026-12-08T10:05:00Z');
    expect([asa, orjan].map((u) => surveyed(u, title))).toEqual([1, 0]);
  });

  it('with no attendance at all, waits 48 hours after the end and then asks everyone registered', async () => {
    const title = 'Utvärdering utan närvaro';
    const activityId = await setUp(title, 'survey-none', [asa, orjan]);
    await plan('2026-12-08T10:30:00Z');
    await plan('2026-12-10T09:50:00Z'); // 47 h 50 min after the end
    expect(await evaluationJobs(activityId)).toEqual([]);
    await plan('2026-12-10T10:00:00Z');
    expect([asa, orjan].map((u) => surveyed(u, title))).toEqual([1, 1]);
    // The nudge comes three days after the survey, not three days after the session.
    const nudges = (await h.app.scheduler.jobs.list({ activityId })).filter((j) => j.kind === 'nudge');
    expect(nudges.map((j) => j.dueAt)).toEqual(['2026-12-13T10:00:00.000Z', '2026-12-13T10:00:00.000Z']);
  });
});
