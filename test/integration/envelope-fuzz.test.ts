import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { conversationRefId, userRefId } from '../../src/platform/teams/conversations';
import { NAME_MAX } from '../../src/kernel/wellFormed';
import { startHarness, type Harness } from '../support/harness';
import { invoke, message, user, type Conv } from '../support/teams';
import { seededRandom } from '../support/random';

// Thousands of malformed Teams envelopes, mutated from valid ones with a seeded PRNG: none gets a
// 5xx (but 501 for an invoke name the bot does not serve), none throws out of the turn, and
// nothing is stored for anyone but the sender of an envelope that was accepted.

const SEED = 0x7a11f0;
const COUNT = 3000;
const CONCURRENCY = 6;

type Json = Record<string, unknown>;
const DELETE = Symbol('delete');

const PHISH = '[Klicka här](https://evil.example/phish) **VIKTIGT**';
const WEIRD: (() => unknown)[] = [
  () => DELETE,
  () => null,
  () => 0,
  () => -1,
  () => 1e308,
  () => 9007199254740992,
  () => true,
  () => '',
  () => ' ',
  () => 'x'.repeat(300_000),
  () => 'a\uD800b',
  () => '\uDC00',
  () => PHISH,
  () => '=HYPERLINK("https://evil.example","klicka")',
  () => '\u0000\u202Eevil\u0007',
  () => ({}),
  () => [],
  () => [1, 'två', null],
  () => ({ $where: '1' }),
  () => ({ id: 42 }),
  () => 'not-a-guid',
  () => '00000000-0000-4000-8000-00000000zzzz',
];

const PATHS = [
  'type',
  'id',
  'serviceUrl',
  'channelId',
  'locale',
  'text',
  'value',
  'name',
  'replyToId',
  'timestamp',
  'attachments',
  'entities',
  'membersAdded',
  'membersRemoved',
  'from',
  'from.id',
  'from.name',
  'from.aadObjectId',
  'recipient',
  'recipient.id',
  'recipient.name',
  'conversation',
  'conversation.id',
  'conversation.conversationType',
  'conversation.isGroup',
  'conversation.tenantId',
  'conversation.name',
  'channelData',
  'channelData.tenant',
  'channelData.tenant.id',
  'channelData.team',
  'channelData.eventType',
  'value.action',
  'value.action.data',
  'value.action.verb',
  'value.action.type',
  'value.action.data.activityId',
  'value.action.data.organizationId',
  'membersAdded.0',
  'membersAdded.0.id',
  'membersAdded.0.name',
  'entities.0',
  'entities.0.mentioned',
  'attachments.0',
  'attachments.0.contentType',
];
const INVOKE_NAMES = ['adaptiveCard/action', 'config/fetch', 'composeExtension/query', 'task/fetch', 'signin/verifyState', 'no/such/thing', ''];
const VERBS = ['invitation.refresh', 'registration.register', 'profile.save', 'registration.cancel', 'activity.save', 'network.leave', 'privacy.erase.ask'];

function set(target: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: unknown = target;
  for (const k of keys.slice(0, -1)) {
    if (!node || typeof node !== 'object') return;
    const next = (node as Json)[k];
    if (!next || typeof next !== 'object') (node as Json)[k] = {};
    node = (node as Json)[k];
  }
  const last = keys[keys.length - 1] as string;
  if (!node || typeof node !== 'object') return;
  if (value === DELETE) delete (node as Json)[last];
  else (node as Json)[last] = value;
}

interface Case {
  body: Json;
  aad: string;
  conversationId: string;
  kind: 'message' | 'invoke' | 'conversationUpdate';
  invokeName?: string;
  mutations: string[];
}

function envelope(rand: () => number, serviceUrl: string, n: number): Case {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const sender = user(`f${n}`);
  const conv: Conv = { id: `a:fuzz-${n}`, type: rand() < 0.7 ? 'personal' : 'groupChat' };
  const kind = pick(['message', 'invoke', 'conversationUpdate'] as const);
  let body: Json;
  if (kind === 'message') body = message(serviceUrl, sender, pick(['hjälp', 'mina anmälningar', 'aktiviteter', 'nätverk', 'ej nådda']), conv);
  else if (kind === 'invoke') body = invoke(serviceUrl, sender, pick(VERBS), { activityId: 'nope', sessionId: 's1' }, conv);
  else {
    body = message(serviceUrl, sender, '', conv);
    delete body.text;
    body.type = 'conversationUpdate';
    body.membersAdded = [{ id: '28:traffpunkt-bot' }, { id: `29:${sender.aad}`, name: sender.name, aadObjectId: sender.aad }];
  }
  body = structuredClone(body);
  const mutations: string[] = [];
  if (kind === 'invoke' && rand() < 0.15) {
    body.name = pick(INVOKE_NAMES);
    mutations.push(`name=${String(body.name)}`);
  }
  const times = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < times; i++) {
    const path = pick(PATHS);
    const w = Math.floor(rand() * WEIRD.length);
    set(body, path, (WEIRD[w] as () => unknown)());
    mutations.push(`${path}#${w}`);
  }
  return { body, aad: sender.aad, conversationId: conv.id, kind, ...(kind === 'invoke' ? { invokeName: String(body.name) } : {}), mutations };
}

describe('malformed envelopes (seeded fuzz)', () => {
  let h: Harness;
  const thrown: unknown[] = [];
  const onThrow = (err: unknown) => thrown.push(err);
  beforeAll(async () => {
    h = await startHarness();
    process.on('unhandledRejection', onThrow);
    process.on('uncaughtException', onThrow);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onThrow);
    process.off('uncaughtException', onThrow);
    await h.close();
  });

  it(`${COUNT} envelopes: no 5xx but 501 for unserved invokes, nothing thrown, nothing stored for refused senders`, async () => {
    const rand = seededRandom(SEED);
    const cases = Array.from({ length: COUNT }, (_, n) => envelope(rand, h.connector.url, n));
    const statuses: number[] = new Array(COUNT);
    const generic: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < cases.length) {
          const i = next++;
          const res = await h.send((cases[i] as Case).body);
          statuses[i] = res.status;
          if (/Referens:|Reference:/.test(JSON.stringify(res.body))) generic.push((cases[i] as Case).mutations.join(' '));
        }
      }),
    );
    await h.settle();

    const counts: Record<number, number> = {};
    for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
    console.log(`envelope fuzz, seed ${SEED}, ${COUNT} envelopes:`, counts);

    const serverErrors = cases
      .map((c, i) => ({ status: statuses[i] as number, kind: c.kind, invokeName: c.invokeName, mutations: c.mutations.join(' ') }))
      .filter((r) => r.status >= 500 && !(r.status === 501 && r.kind === 'invoke' && r.invokeName !== 'adaptiveCard/action'));
    expect(serverErrors.slice(0, 10)).toEqual([]);
    expect(thrown).toEqual([]);
    // No turn ended in the generic "something went wrong" answer, as an invoke answer or a message.
    const genericPosts = h.connector.posts().filter((p) => /Referens:|Reference:/.test(String(p.body.text ?? '')));
    expect(generic.slice(0, 10)).toEqual([]);
    expect(genericPosts.length).toBe(0);

    // The process still answers a well-formed turn.
    const before = h.connector.posts().length;
    expect((await h.send(message(h.connector.url, user(1), 'hjälp'))).status).toBe(200);
    expect(h.connector.posts().length).toBeGreaterThan(before);

    // Stored: only people with a GUID id, bounded names, and only senders of accepted envelopes.
    const accepted = new Set(cases.filter((_, i) => statuses[i] !== 400).map((c) => c.aad));
    const { resources: docs } = await h.app.store.container('directory').items.query<Json>('SELECT * FROM c').fetchAll();
    const people = docs.filter((d) => String(d.id).startsWith('person-'));
    const badPeople = people.filter((p) => {
      const aad = String(p.id).slice('person-'.length);
      const name = typeof p.name === 'string' ? p.name : '';
      return (
        !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(aad) ||
        !(accepted.has(aad) || aad === user(1).aad) ||
        name.length > NAME_MAX ||
        /[\u0000-\u001f\uD800-\uDFFF]/.test(name.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))
      );
    });
    expect(badPeople.map((p) => String(p.id).slice(0, 80))).toEqual([]);

    const refused = cases.filter((_, i) => statuses[i] === 400);
    const { resources: refs } = await h.app.store.container('conversations').items.query<Json>('SELECT * FROM c').fetchAll();
    const refIds = new Set(refs.map((r) => String(r.id)));
    const refusedButStored = refused.filter((c) => refIds.has(conversationRefId(c.conversationId)) || (!accepted.has(c.aad) && refIds.has(userRefId(c.aad))));
    expect(refusedButStored.map((c) => c.mutations.join(' '))).toEqual([]);
    const longNames = refs.filter((r) => JSON.stringify(r).length > 8_000);
    expect(longNames.map((r) => String(r.id))).toEqual([]);
  }, 120_000);
});
