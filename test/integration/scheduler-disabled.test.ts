import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startEmbeddedCosmos, type EmbeddedServer } from '../../src/platform/cosmos/embedded';
import { allText, invokeCard, sentCard } from '../support/cards';
import { FakeConnector } from '../support/fakeConnector';
import { createPublished, registerWithProfile, seminarFormAt } from '../support/flows';
import { fixedClock, startHarness, type Harness } from '../support/harness';
import { invoke, message, user, type User } from '../support/teams';

// SCHEDULER_ENABLED=false: the instance takes turns and writes the jobs they need, but plans
// nothing and sends nothing; an enabled instance on the same store sends each job once.

const coordinator = user('c71');
const [a, b, c] = [user(7101), user(7102), user(7103)];
const TITLE = 'Avstängd schemaläggare';
const clock = fixedClock('2026-11-20T10:00:00Z');

function count(connector: FakeConnector, u: User, phrase: string): number {
  return connector.posts(`a:personal-${u.aad}`).filter((p) => {
    const card = sentCard(p.body);
    const text = card ? allText(card) : String(p.body.text ?? '');
    return text.includes(TITLE) && text.includes(phrase);
  }).length;
}
const promoted = (connector: FakeConnector, u: User) => count(connector, u, 'En plats blev ledig');
const reminded = (connector: FakeConnector, u: User) => count(connector, u, 'Påminnelse: i morgon');

describe('an instance with the scheduler disabled', () => {
  let cosmos: EmbeddedServer;
  let connector: FakeConnector;
  let disabled: Harness;
  let enabled: Harness | undefined;
  let activityId = '';

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos();
    connector = new FakeConnector();
    await connector.start();
    disabled = await startHarness({ coordinators: [coordinator.aad], clock, connector, env: { COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: 'local', SCHEDULER_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await enabled?.close();
    await disabled.close();
    await cosmos.close();
  });

  it('takes publish, register and cancel turns, writes the promotion notice, and sends and plans nothing', async () => {
    const rounds = jest.spyOn(disabled.app.scheduler.dispatcher, 'round');
    const { activityId: id } = await createPublished(disabled, coordinator, seminarFormAt(clock.now())({ title: TITLE, capacity: 1, minParticipants: 1 }));
    activityId = id;
    for (const u of [a, b, c]) await disabled.send(message(connector.url, u, 'hej'));
    await registerWithProfile(disabled, a, activityId);
    await registerWithProfile(disabled, b, activityId); // full: b and c wait
    await registerWithProfile(disabled, c, activityId);
    invokeCard(await disabled.send(invoke(connector.url, a, 'registration.cancel', { activityId, sessionId: 's1', view: 'mine' })));

    // At the 24-hour reminder point, planning and dispatching on this instance do nothing.
    clock.set('2026-12-07T08:00:00Z');
    await disabled.app.scheduler.planNow();
    await disabled.settle();
    await new Promise((r) => setTimeout(r, 2_500)); // longer than a dispatcher poll
    expect([promoted(connector, b), reminded(connector, b)]).toEqual([0, 0]);
    expect(rounds).not.toHaveBeenCalled();
    const jobs = await disabled.app.scheduler.jobs.list({ activityId });
    // The notice the cancel turn needs is written durably; no reminder was planned.
    expect(jobs.map((j) => [j.kind, j.toUserId, j.status])).toEqual([['notice', b.aad, 'pending']]);
  }, 60_000);

  it('leaves the sending to an enabled instance on the same store, which sends each message once', async () => {
    const rounds = jest.spyOn(disabled.app.scheduler.dispatcher, 'round');
    enabled = await startHarness({ clock, connector, env: { COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: 'local' } });
    await enabled.app.scheduler.planNow();
    await enabled.settle();
    expect([promoted(connector, b), reminded(connector, b)]).toEqual([1, 1]);

    // A later turn on the disabled instance: b cancels, c moves up; the enabled one tells c.
    clock.set('2026-12-07T09:00:00Z');
    invokeCard(await disabled.send(invoke(connector.url, b, 'registration.cancel', { activityId, sessionId: 's1', view: 'mine' })));
    await disabled.settle();
    const deadline = Date.now() + 10_000; // the enabled instance polls on its own
    while (promoted(connector, c) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await enabled.app.scheduler.planNow();
    await Promise.all([disabled.settle(), enabled.settle()]);

    expect([a, b, c].map((u) => [promoted(connector, u), reminded(connector, u)])).toEqual([
      [0, 0],
      [1, 1],
      [1, 1], // moved up while the 24-hour reminder was still current
    ]);
    const sent = await enabled.app.scheduler.jobs.list({ activityId, statuses: ['sent'] });
    expect(new Set(sent.map((j) => j.sentBy))).toEqual(new Set([enabled.app.scheduler.dispatcher.owner]));
    expect(rounds).not.toHaveBeenCalled();
  }, 60_000);
});
