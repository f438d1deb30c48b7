import { afterEach, describe, expect, it } from '@jest/globals';
import { action, allText, invokeMessage, sentCard, type Json } from '../support/cards';
import type { FakeConnector } from '../support/fakeConnector';
import { startFleet, type Fleet } from '../support/fleet';
import { createPublished, registerWithProfile, seminarFormAt } from '../support/flows';
import type { Harness } from '../support/harness';
import { invoke, message, user } from '../support/teams';

// The low-registration warning comes once per activity and coordinator. Pressing "Skicka
// inbjudan igen" re-posts the invitation and brings one follow-up three days later that says
// what changed since — however often the button is pressed, the bot restarts or instances plan.

const coordinator = user('c71');
const [a, b, c] = [user(7101), user(7102), user(7103)];
const TITLE = 'Få anmälda en gång';
const HOUR = 3_600_000;
const START = '2026-10-01T10:00:00Z';
const at = (hours: number) => new Date(Date.parse(START) + hours * HOUR).toISOString();

// Deadline 12 Oct (warned from 5 Oct 22:00Z). Planning every 6 hours from 5 Oct 20:00Z to 12 Oct 20:00Z.
const POINTS = Array.from({ length: 29 }, (_, i) => at(106 + 6 * i));
const WARNED = at(112); // 6 Oct 02:00Z: the first point after the warning is due
const REINVITE = WARNED; // pressed as soon as the warning is read
const C_REGISTERS = at(136); // a day later, one more person registers
const REINVITE_AGAIN = at(142); // and the button is pressed again
const RESTARTS = [at(118), at(130), at(166), at(178)];

interface Received {
  kind: 'warning' | 'followUp';
  text: string;
  card: Json | undefined;
}
function received(connector: FakeConnector): Received[] {
  return connector.posts(`a:personal-${coordinator.aad}`).flatMap((call): Received[] => {
    const card = sentCard(call.body);
    const text = card ? allText(card) : '';
    if (!text.includes(TITLE)) return [];
    if (text.includes('Fortfarande få anmälda')) return [{ kind: 'followUp', text, card }];
    if (text.includes('Få anmälda')) return [{ kind: 'warning', text, card }];
    return [];
  });
}

async function drive(fleet: Fleet): Promise<{ activityId: string; replies: string[] }> {
  const first = fleet.instances[0];
  if (!first) throw new Error('no instance');
  fleet.clock.set(START);
  const form = seminarFormAt(fleet.clock.now())({ title: TITLE, capacity: 30, minParticipants: 10 });
  const { activityId } = await createPublished(first, coordinator, form);
  for (const u of [coordinator, a, b, c]) await first.send(message(fleet.connector.url, u, 'hej'));
  for (const u of [a, b]) await registerWithProfile(first, u, activityId);

  const replies: string[] = [];
  const press = async (h: Harness) => {
    const warning = received(fleet.connector).find((m) => m.kind === 'warning');
    const button = action(warning?.card, 'activity.reinvite');
    expect(button).toBeDefined();
    replies.push(invokeMessage(await h.send(invoke(fleet.connector.url, coordinator, 'activity.reinvite', button?.data ?? {}))));
  };
  for (const point of POINTS) {
    fleet.clock.set(point);
    if (RESTARTS.includes(point)) await fleet.restart(RESTARTS.indexOf(point) % fleet.instances.length);
    await Promise.all(fleet.instances.map((h) => h.app.scheduler.planNow()));
    await Promise.all(fleet.instances.map((h) => h.settle()));
    const last = fleet.instances[fleet.instances.length - 1];
    if (point === REINVITE && first) await press(first);
    if (point === C_REGISTERS && last) await registerWithProfile(last, c, activityId);
    if (point === REINVITE_AGAIN && last) await press(last);
  }
  return { activityId, replies };
}

async function expectOnce(fleet: Fleet, activityId: string, replies: string[]): Promise<void> {
  const got = received(fleet.connector);
  expect(got.map((m) => m.kind)).toEqual(['warning', 'followUp']);
  expect(got[0]?.text).toContain('2 av minst 10 har anmält sig');
  // What changed since the new invitation, said once.
  expect(got[1]?.text).toContain('Inbjudan skickades igen 6 oktober 2026. 3 dagar senare har 3 av minst 10 anmält sig, 1 ny sedan dess.');
  expect(replies).toEqual(['Inbjudan är skickad igen till 1 kanal eller chatt.', 'Inbjudan är skickad igen till 1 kanal eller chatt.']);
  const jobs = ((await fleet.instances[0]?.app.scheduler.jobs.list({ activityId, toUserId: coordinator.aad })) ?? []).map((j) => [j.id, j.status]);
  expect(jobs.sort()).toEqual([
    [`lowreg-${activityId}-${coordinator.aad}`, 'sent'],
    [`lowreg-followup-${activityId}-${coordinator.aad}`, 'sent'],
  ]);
}

describe('the low-registration warning and its follow-up come once', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
  });

  it('on one data directory, restarted four times while the clock moves across a week', async () => {
    const fleet = await startFleet({ start: START, coordinators: [coordinator.aad], instances: 1 });
    cleanup.push(() => fleet.close());
    const { activityId, replies } = await drive(fleet);
    await expectOnce(fleet, activityId, replies);
  }, 120_000);

  it('on two instances sharing one store, both planning and sending, restarted in turn', async () => {
    const fleet = await startFleet({ start: START, coordinators: [coordinator.aad], instances: 2 });
    cleanup.push(() => fleet.close());
    const { activityId, replies } = await drive(fleet);
    await expectOnce(fleet, activityId, replies);
  }, 180_000);
});
