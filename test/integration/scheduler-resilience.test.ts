import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { userRefId } from '../../src/platform/teams/conversations';
import { allText, sentCard } from '../support/cards';
import { createPublished, registerWithProfile, seminarFormAt } from '../support/flows';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import { message, user } from '../support/teams';

// The store refusing is not the end of the background loops: they log, try again on their own
// and deliver once it answers again. Nothing here calls kick() or settle() to help them.

const coordinator = user('c72');
const clock = fixedClock('2026-11-20T10:00:00Z');
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8081'), { code: 'ECONNREFUSED' });

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return check();
}

describe('the scheduler while the job store refuses', () => {
  let h: Harness;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    h = await startHarness({ coordinators: [coordinator.aad], clock });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await h.close();
  });

  it('keeps polling while every read of due jobs fails, then delivers the waiting notice by itself', async () => {
    const u = user(7201);
    await h.app.conversations.save(userRefId(u.aad), 'user', {
      serviceUrl: h.connector.url,
      channelId: 'msteams',
      conversation: { id: `a:personal-${u.aad}`, conversationType: 'personal', isGroup: false, name: '' },
      user: { id: `29:${u.aad}`, name: '' },
    });
    const jobs = h.app.scheduler.jobs;
    const due = jest.spyOn(jobs, 'due').mockRejectedValue(refused());
    const stale = jest.spyOn(jobs, 'staleSending').mockRejectedValue(refused());
    await h.app.scheduler.enqueue({ id: 'notice-refused-1', kind: 'notice', toUserId: u.aad, lang: 'sv', payload: { textKey: 'notice_promotedSeries', title: 'Nekad' }, dueAt: clock.now() });
    // Two poll ticks (2 s apart) with the store refusing.
    expect(await until(() => stale.mock.calls.length >= 3, 15_000)).toBe(true);
    expect(h.connector.posts(`a:personal-${u.aad}`)).toHaveLength(0);

    due.mockRestore();
    stale.mockRestore();
    expect(await until(() => h.connector.posts(`a:personal-${u.aad}`).length > 0, 15_000)).toBe(true);
    await h.app.scheduler.idle();
    expect(h.connector.posts(`a:personal-${u.aad}`)).toHaveLength(1);
    expect((await jobs.list({ toUserId: u.aad })).map((j) => j.status)).toEqual(['sent']);
    expect(unhandled).toEqual([]);
  }, 60_000);

  it('keeps planning after a run fails on the store and plans again by itself soon after', async () => {
    const { activityId } = await createPublished(h, coordinator, seminarFormAt(clock.now())({ title: 'Planeras ändå', capacity: 30, minParticipants: 10, deadline: '2026-12-05' }));
    await h.send(message(h.connector.url, coordinator, 'hej'));
    await registerWithProfile(h, user(7202), activityId);
    const warned = () => h.connector.posts(`a:personal-${coordinator.aad}`).filter((p) => allText(sentCard(p.body)).includes('Planeras ändå')).length;

    const list = jest.spyOn(h.app.activities, 'list').mockRejectedValue(refused());
    clock.set('2026-11-29T08:00:00Z'); // the low-registration warning is due
    await expect(h.app.scheduler.planNow()).resolves.toBeUndefined();
    expect(list).toHaveBeenCalled();
    list.mockRestore();
    expect(warned()).toBe(0);
    // No planNow() from here: the retry after a failed run (5 s) plans, the dispatcher sends.
    expect(await until(() => warned() > 0, 20_000)).toBe(true);
    await h.app.scheduler.idle();
    expect(warned()).toBe(1);
    expect(unhandled).toEqual([]);
  }, 60_000);
});
