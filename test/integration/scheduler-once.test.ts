import { afterEach, describe, expect, it } from '@jest/globals';
import { jobPartition } from '../../src/platform/outbox/jobs';
import { allText, sentCard } from '../support/cards';
import type { FakeConnector } from '../support/fakeConnector';
import { startFleet, type Fleet } from '../support/fleet';
import { createPublished, registerWithProfile, seminarFormAt } from '../support/flows';
import { startHarness } from '../support/harness';
import { message, user, type User } from '../support/teams';

// Exactly once means once: a planned message has one identity for its whole life, whatever day
// it is planned, due or sent, however often the bot restarts and however many instances plan.

const coordinator = user('c70');
const [a, b] = [user(7001), user(7002)];
const TITLE = 'En gång räcker';

type Kind = 'lowreg' | 'rem24' | 'rem1' | 'survey' | 'nudge';

function kindOf(text: string): Kind | null {
  if (!text.includes(TITLE)) return null;
  if (text.includes('av minst 10 har anmält sig')) return 'lowreg';
  if (text.includes('Påminnelse: i morgon')) return 'rem24';
  if (text.includes('Påminnelse: snart dags')) return 'rem1';
  if (text.includes('Vi saknar ditt svar')) return 'nudge';
  if (text.includes('Hur var det?')) return 'survey';
  return null;
}

/** Scheduled messages per recipient and kind, as the fake Bot Connector received them. */
function received(connector: FakeConnector, u: User): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of connector.posts(`a:personal-${u.aad}`)) {
    const card = sentCard(c.body);
    const k = kindOf(card ? allText(card) : String(c.body.text ?? ''));
    if (k) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/**
 * Planning points from before the low-registration warning (deadline 12 Oct, warned from 5 Oct
 * 22:00Z) to after the evaluation nudge (session 19 Oct 07:00–09:00Z; no attendance comes, so the
 * evaluation goes at the 48-hour fallback, 21 Oct ~09:00Z, and the nudge three days after it):
 * every 6 hours across each UTC midnight, plus the two reminder points.
 */
function timeline(): string[] {
  const points = new Set<number>();
  for (let t = Date.parse('2026-10-05T20:00:00Z'); t <= Date.parse('2026-10-25T14:00:00Z'); t += 6 * 3_600_000) points.add(t);
  for (const p of ['2026-10-05T23:59:00Z', '2026-10-06T00:01:00Z', '2026-10-18T07:00:00Z', '2026-10-19T06:00:00Z', '2026-10-19T09:05:00Z', '2026-10-19T23:59:00Z', '2026-10-20T00:01:00Z']) {
    points.add(Date.parse(p));
  }
  return [...points].sort((x, y) => x - y).map((t) => new Date(t).toISOString());
}

async function setUp(fleet: Fleet): Promise<string> {
  const [h] = fleet.instances;
  if (!h) throw new Error('no instance');
  fleet.clock.set('2026-10-01T10:00:00Z');
  // Deadline 12 Oct, session 19 Oct 09:00–11:00 Stockholm; 2 of at least 10 registered.
  const form = seminarFormAt(fleet.clock.now())({ title: TITLE, capacity: 30, minParticipants: 10 });
  const { activityId } = await createPublished(h, coordinator, form);
  for (const u of [coordinator, a, b]) await h.send(message(fleet.connector.url, u, 'hej'));
  for (const u of [a, b]) await registerWithProfile(h, u, activityId);
  return activityId;
}

async function runAcrossDays(fleet: Fleet, activityId: string, restartAt: string[]): Promise<void> {
  for (const at of timeline()) {
    fleet.clock.set(at);
    if (restartAt.includes(at)) await fleet.restart(restartAt.indexOf(at) % fleet.instances.length);
    // Every instance plans at once, then every instance dispatches.
    await Promise.all(fleet.instances.map((h) => h.app.scheduler.planNow()));
    await Promise.all(fleet.instances.map((h) => h.settle()));
  }
}

async function expectExactlyOnce(fleet: Fleet, activityId: string): Promise<void> {
  expect([coordinator, a, b].map((u) => received(fleet.connector, u))).toEqual([{ lowreg: 1 }, { rem24: 1, rem1: 1, survey: 1, nudge: 1 }, { rem24: 1, rem1: 1, survey: 1, nudge: 1 }]);
  // One document per identity, in the partition its identity names, and all of them sent.
  const jobs = (await fleet.instances[0]?.app.scheduler.jobs.list({ activityId })) ?? [];
  expect(jobs.map((j) => j.status)).toEqual(Array(9).fill('sent'));
  for (const j of jobs) expect(j.day).toBe(jobPartition(j.id));
}

const RESTARTS = ['2026-10-06T02:00:00.000Z', '2026-10-12T20:00:00.000Z', '2026-10-19T06:00:00.000Z', '2026-10-20T00:01:00.000Z', '2026-10-22T14:00:00.000Z'];

describe('a planned message is sent once, whatever day it is planned or sent', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
  });

  it('one instance planning every 6 hours for 18 days, restarted five times on one data dir, sends each lowreg, reminder, survey and nudge once per recipient', async () => {
    const fleet = await startFleet({ start: '2026-10-01T10:00:00Z', coordinators: [coordinator.aad], instances: 1 });
    cleanup.push(() => fleet.close());

    const activityId = await setUp(fleet);
    await runAcrossDays(fleet, activityId, RESTARTS);
    await expectExactlyOnce(fleet, activityId);
  }, 120_000);

  it('two instances on one store, both planning and dispatching at every point and restarted in turn, send each message once per recipient', async () => {
    const fleet = await startFleet({ start: '2026-10-01T10:00:00Z', coordinators: [coordinator.aad], instances: 2 });
    cleanup.push(() => fleet.close());

    const activityId = await setUp(fleet);
    await runAcrossDays(fleet, activityId, RESTARTS);
    await expectExactlyOnce(fleet, activityId);
  }, 180_000);

  it('does not create again a job written under a day partition before identities had their own', async () => {
    const h = await startHarness();
    cleanup.push(() => h.close());
    const jobs = h.app.scheduler.jobs;
    const legacy = {
      id: 'lowreg-a1-u1',
      day: '2026-10-12',
      type: 'job',
      kind: 'lowRegistration',
      toUserId: 'u1',
      activityId: 'a1',
      lang: 'sv',
      payload: { activityId: 'a1' },
      status: 'sent',
      dueAt: '2026-10-12T08:00:00.000Z',
      attempts: 1,
      throttles: 0,
    };
    await h.app.store.container('jobs').items.create(legacy);
    const again = { id: legacy.id, kind: 'lowRegistration' as const, toUserId: 'u1', activityId: 'a1', lang: 'sv' as const, payload: { activityId: 'a1' }, dueAt: new Date('2026-10-13T08:00:00Z') };
    expect(await jobs.create(again)).toBe(false);
    expect(await jobs.create({ ...again, id: 'lowreg-a1-u2', toUserId: 'u2' })).toBe(true);
    expect(await jobs.create({ ...again, id: 'lowreg-a1-u2', toUserId: 'u2', dueAt: new Date('2026-10-14T08:00:00Z') })).toBe(false);
    expect((await jobs.list({ activityId: 'a1' })).map((j) => j.id).sort()).toEqual(['lowreg-a1-u1', 'lowreg-a1-u2']);
  });
});
