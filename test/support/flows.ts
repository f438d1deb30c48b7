import { expect } from '@jest/globals';
import { invokeCard, type Json } from './cards';
import { stockholmDate } from '../../src/kernel/time';
import type { Harness } from './harness';
import { channel, invoke, type User } from './teams';

export interface FormValues {
  [k: string]: string | number;
}

/** The Stockholm calendar date `days` after `now` (negative: before), as a date picker gives it. */
export function dayAfter(now: Date, days: number): string {
  return stockholmDate(new Date(now.getTime() + days * 86_400_000));
}

/**
 * A seminar form whose dates follow `now` — the clock of the code under test: the injected
 * clock in-process, the real clock for spawned processes. Registration closes 11 days after
 * `now` and the session is 18 days after it (a test clock of 2026-11-20 gives 1 and 8 December).
 */
export function seminarFormAt(now: Date): (overrides?: FormValues) => FormValues {
  return (overrides = {}) => ({
    ...baseForm(),
    deadline: dayAfter(now, 11),
    s0_date: dayAfter(now, 18),
    ...overrides,
  });
}

function baseForm(): FormValues {
  return {
    title: 'Läslyftet – kick-off för rektorer',
    kind: 'seminar',
    purpose: 'Att förbereda skolans arbete med kollegialt lärande i läsning.',
    targetGroup: 'Rektorer och förstelärare i regionens kommuner',
    format: 'Digitalt seminarium i Teams med samtal i grupper.',
    prepBefore: 'Läs modul 1 (ca 1 timme)',
    prepDuring: '2 timmar',
    prepAfter: 'Planera med kollegor (1 timme)',
    capacity: 50,
    minParticipants: 10,
    registrationMode: 'session',
    s0_start: '09:00',
    s0_end: '11:00',
    s0_link: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0',
    sessionCount: 1,
  };
}

/** Saves a draft through the form card's verb, as a coordinator would; returns the activity id. */
export async function createDraft(h: Harness, coordinator: User, form: FormValues): Promise<string> {
  const res = await h.send(invoke(h.connector.url, coordinator, 'activity.save', form));
  const card = invokeCard(res);
  const publish = findVerb(card, 'activity.publish');
  expect(publish).toBeDefined();
  return String(publish?.data?.activityId);
}

/** Creates and publishes into a channel; returns the activity id and the posted invitation. */
export async function createPublished(h: Harness, coordinator: User, form: FormValues, conv = channel()): Promise<{ activityId: string; posted: Json }> {
  const activityId = await createDraft(h, coordinator, form);
  const before = h.connector.posts().length;
  const res = await h.send(invoke(h.connector.url, coordinator, 'activity.publish', { activityId }, conv));
  invokeCard(res);
  const posts = h.connector.posts().slice(before);
  const last = posts[posts.length - 1];
  if (!last) throw new Error('nothing was posted');
  return { activityId, posted: last.body };
}

function findVerb(card: unknown, verb: string): { data?: Json } | undefined {
  let found: { data?: Json } | undefined;
  const visit = (n: unknown): void => {
    if (found || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    const o = n as Json;
    if (o.type === 'Action.Execute' && o.verb === verb) found = o as { data?: Json };
    Object.values(o).forEach(visit);
  };
  visit(card);
  return found;
}

/** Gives a user a stored profile through the profile card, as the first registration does. */
export async function registerWithProfile(h: Harness, u: User, activityId: string, sessionId = 's1', org = 'sundsvall'): Promise<Json> {
  const first = invokeCard(await h.send(invoke(h.connector.url, u, 'registration.register', { activityId, sessionId })));
  if (findVerb(first, 'profile.save')) {
    return invokeCard(await h.send(invoke(h.connector.url, u, 'profile.save', { activityId, sessionId, organizationId: org, organizationOther: '', jobRole: 'teacher' })));
  }
  return first;
}
