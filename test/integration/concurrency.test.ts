import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedCosmos, type EmbeddedServer } from '../../src/platform/cosmos/embedded';
import { invokeCard, allText } from '../support/cards';
import { startBotProcess, type BotProcess } from '../support/botProcess';
import { FakeConnector } from '../support/fakeConnector';
import { createPublished, seminarFormAt } from '../support/flows';
import { startHarness, type Harness } from '../support/harness';
import { invoke, user, type User } from '../support/teams';

// The bot under test runs on the real clock, so the form's dates follow it.
const seminarForm = seminarFormAt(new Date());

const coordinator = user('c9');

async function giveProfiles(h: Harness, users: User[]): Promise<void> {
  for (const u of users) {
    await h.app.directory.updatePerson(u.aad, (p) => ({ ...p, organizationId: 'timra', jobRole: 'teacher' }));
  }
}

/** Checks the invariant: exactly `capacity` registered, the rest waitlisted with positions 1..n, nobody twice, nobody lost. */
async function expectSeatInvariant(h: Harness, activityId: string, users: User[], capacity: number, answers: string[]) {
  const seats = (await h.app.activities.seatsOf(activityId)).get('s1');
  expect(seats).toBeDefined();
  const entries = seats?.entries ?? [];
  const ids = entries.map((e) => e.userId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(ids)).toEqual(new Set(users.map((u) => u.aad)));
  expect(entries.filter((e) => e.status === 'registered')).toHaveLength(capacity);
  expect(entries.filter((e) => e.status === 'waitlisted')).toHaveLength(users.length - capacity);
  // Everyone registered comes before everyone waiting, so positions are the order of arrival.
  const firstWaiting = entries.findIndex((e) => e.status === 'waitlisted');
  expect(entries.slice(firstWaiting).every((e) => e.status === 'waitlisted')).toBe(true);
  // What each person was told matches the stored document.
  const positions = answers
    .map((text) => /plats (\d+)/.exec(text)?.[1])
    .filter((p): p is string => !!p)
    .map(Number);
  expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: users.length - capacity }, (_, i) => i + 1));
  expect(answers.filter((text) => text.includes('Du är anmäld'))).toHaveLength(capacity);
}

describe('seat lists under concurrency', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ coordinators: [coordinator.aad] });
  });
  afterAll(async () => {
    await h.close();
  });

  it('200 concurrent registrations over HTTP for 50 places: 50 registered, 150 waitlisted in order, none lost or doubled', async () => {
    const { activityId } = await createPublished(h, coordinator, seminarForm({ capacity: 50, title: 'Rusning' }));
    const users = Array.from({ length: 200 }, (_, i) => user(10_000 + i));
    await giveProfiles(h, users);
    const results = await Promise.allSettled(users.map((u) => h.send(invoke(h.connector.url, u, 'registration.register', { activityId, sessionId: 's1' }))));
    const answers = results.map((r) => {
      if (r.status !== 'fulfilled') throw r.reason;
      return allText(invokeCard(r.value));
    });
    await expectSeatInvariant(h, activityId, users, 50, answers);
  });

  it('a burst of double clicks and cancels keeps one entry per person and fills freed places from the waitlist', async () => {
    const { activityId } = await createPublished(h, coordinator, seminarForm({ capacity: 10, minParticipants: 1, title: 'Dubbelklick och avbokning' }));
    const users = Array.from({ length: 30 }, (_, i) => user(20_000 + i));
    await giveProfiles(h, users);
    await Promise.all(users.map((u) => h.send(invoke(h.connector.url, u, 'registration.register', { activityId, sessionId: 's1' }))));
    const leaving = users.slice(0, 5);
    await Promise.all([
      ...users.map((u) => h.send(invoke(h.connector.url, u, 'registration.register', { activityId, sessionId: 's1' }))),
      ...leaving.map((u) => h.send(invoke(h.connector.url, u, 'registration.cancel', { activityId, sessionId: 's1' }))),
    ]);
    const seats = (await h.app.activities.seatsOf(activityId)).get('s1');
    const entries = seats?.entries ?? [];
    const ids = entries.map((e) => e.userId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(entries.filter((e) => e.status === 'registered')).toHaveLength(10);
    // Each of the five either left for good or came back (their double-click may land after the cancel).
    expect(entries.length).toBeGreaterThanOrEqual(25);
    expect(entries.length).toBeLessThanOrEqual(30);
  });
});

describe('two bot processes on one store', () => {
  let cosmos: EmbeddedServer;
  let connector: FakeConnector;
  const children: BotProcess[] = [];
  const urls: string[] = [];
  let h: Harness;
  let dataDir: string;

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos();
    connector = new FakeConnector();
    await connector.start();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'traffpunkt-two-'));
    // A third, in-test instance on the same store sets up the activity and profiles.
    h = await startHarness({ coordinators: [coordinator.aad], connector, dataDir, env: { COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: 'local' } });
    const env = { COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: 'local' };
    children.push(...(await Promise.all([startBotProcess({ env }), startBotProcess({ env })])));
    urls.push(...children.map((c) => c.url));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill()));
    await h.close();
    await cosmos.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('200 concurrent registrations split across two processes end with 50 registered and 150 waitlisted', async () => {
    const { activityId } = await createPublished(h, coordinator, seminarForm({ capacity: 50, title: 'Två instanser' }));
    const users = Array.from({ length: 200 }, (_, i) => user(30_000 + i));
    await giveProfiles(h, users);
    const results = await Promise.allSettled(
      users.map(async (u, i) => {
        const res = await fetch(`${urls[i % 2]}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(invoke(connector.url, u, 'registration.register', { activityId, sessionId: 's1' })),
        });
        return { status: res.status, body: (await res.json()) as unknown };
      }),
    );
    const answers = results.map((r) => {
      if (r.status !== 'fulfilled') throw r.reason;
      return allText(invokeCard(r.value));
    });
    await expectSeatInvariant(h, activityId, users, 50, answers);
  });
});
