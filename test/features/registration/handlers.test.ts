import { describe, expect, it, jest } from '@jest/globals';
import { registrationFeature } from '../../../src/features/registration/module';
import type { RegistrationPorts } from '../../../src/features/registration/ports';
import type { Activity } from '../../../src/kernel/activity';
import type { Person } from '../../../src/kernel/people';
import type { Seats } from '../../../src/kernel/seats';
import { bindFeature } from '../../../src/platform/teams/actionTypes';
import { Router } from '../../../src/platform/teams/router';
import { activityFixture, allStrings, NOW } from '../../unit/fixtures';
import { fakeTurn } from '../../support/turn';

const MEMBER: Person = {
  id: 'person-00000000-0000-0000-0000-0000000000aa',
  pk: 'person-00000000-0000-0000-0000-0000000000aa',
  type: 'person',
  aadObjectId: '00000000-0000-0000-0000-0000000000aa',
  name: 'Maja Medlem',
  organizationId: 'sundsvall',
  jobRole: 'teacher',
  roles: [],
  updatedAt: '2026-11-01T08:00:00.000Z',
};

/**
 * The registration feature's verbs driven through the router with plain fakes for its ports: a
 * fake that is asked for anything else fails the test, so what a handler reads is what it needs.
 */
function registrationOver(activity: Activity, now: Date) {
  const get = jest.fn(async (id: string) => (id === activity.id ? { doc: activity, etag: '"1"' } : null));
  const submit = jest.fn(async () => {
    throw new Error('no seat may be written in this test');
  });
  const ports = {
    config: { DEFAULT_LOCALE: 'sv' },
    log: { info: jest.fn(), warn: jest.fn(), error: jest.fn() },
    now: () => now,
    activities: { get, seatLists: async () => new Map<string, Seats>(), seatsOf: async () => new Map<string, Seats>() },
    seats: { submit },
    events: { emit: jest.fn(), settle: jest.fn(async () => undefined) },
  };
  const stub = new Proxy(ports, {
    get(target, prop) {
      if (typeof prop === 'symbol' || prop in target) return target[prop as keyof typeof target];
      throw new Error(`the registration ports were asked for ${String(prop)}`);
    },
  }) as unknown as RegistrationPorts;
  return { router: new Router([bindFeature(registrationFeature, stub)], { info: jest.fn() }), get, submit };
}

describe('registration, driven through the router with fakes', () => {
  it('shows a refusal on the invitation in Swedish, reading the activity once and writing nothing', async () => {
    const closed = activityFixture({ deadline: '2026-11-19' });
    const { router, get, submit } = registrationOver(closed, NOW);
    const { turn } = fakeTurn({ lang: 'sv', person: MEMBER });
    const reply = await router.runAction(turn, 'registration.register', { activityId: closed.id, sessionId: 's1' });
    expect('card' in reply).toBe(true);
    const text = 'card' in reply ? allStrings(reply.card.content).join('\n') : '';
    expect(text).toMatch(/Sista anmälningsdag/);
    expect(text).toContain('Att leda en likvärdig skola');
    expect(get).toHaveBeenCalledTimes(1);
    expect(submit).not.toHaveBeenCalled();
  });

  it('answers a card for an activity that is gone, in English, and writes nothing', async () => {
    const { router, submit } = registrationOver(activityFixture(), NOW);
    const { turn } = fakeTurn({ lang: 'en', person: MEMBER });
    const reply = await router.runAction(turn, 'registration.register', { activityId: 'act-gone', sessionId: 's1' });
    expect(reply).toEqual({ message: expect.stringMatching(/cannot find that activity/i) });
    expect(submit).not.toHaveBeenCalled();
  });
});
