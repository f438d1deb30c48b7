import { refused } from '../../../src/features/refusal';
import { describe, expect, it, jest } from '@jest/globals';
import { z } from 'zod';
import { bindFeature, type FeatureSpec } from '../../../src/platform/teams/actionTypes';
import { Router } from '../../../src/platform/teams/router';
import type { Turn } from '../../../src/platform/teams/turn';
import { allFeatures } from '../../support/features';
import { fakeTurn } from '../../support/turn';

/** A turn with nothing behind it but what the router itself touches: a language and a chat. */
function turn(lang: 'sv' | 'en', coordinator = false): { env: Turn; sent: unknown[] } {
  const { turn, sent } = fakeTurn({ lang, coordinator });
  return { env: turn, sent };
}

const textOf = (a: unknown) => (typeof a === 'string' ? a : '');
const log = { info: jest.fn() };
/** A feature with no ports of its own, as the router sees it. */
const mod = (spec: FeatureSpec<object>) => bindFeature(spec, {});

describe('the router built from feature modules', () => {
  it('takes every feature the bot has without a conflict', () => {
    const router = new Router(allFeatures(), log);
    expect(router.commands.length).toBeGreaterThan(20);
    expect(router.meetingHooks()).toHaveLength(1);
    expect(router.peopleHooks()).toHaveLength(1);
  });

  it('refuses at start-up two features claiming one verb, one command or one phrasing', () => {
    const run = async () => ({ message: 'x' });
    const a = mod({ name: 'a', verbs: { 'invitation.refresh': run }, commands: [{ name: 'one', words: ['hjälp'], run: async () => undefined }] });
    expect(() => new Router([a, mod({ name: 'b', verbs: { 'invitation.refresh': run } })], log)).toThrow(/invitation.refresh is claimed by both a and b/);
    expect(() => new Router([a, mod({ name: 'b', commands: [{ name: 'two', words: ['HJALP'], run: async () => undefined }] })], log)).toThrow(/phrasing "hjalp" is claimed/);
    expect(() => new Router([a, mod({ name: 'b', commands: [{ name: 'one', words: ['annat'], run: async () => undefined }] })], log)).toThrow(/command one is claimed/);
    expect(() => new Router([mod({ name: 'c', verbs: { ['no.such.verb' as 'invitation.refresh']: run } })], log)).toThrow(/not in VERBS/);
  });

  it("answers a bad payload and a refusal in the user's language, and lets other errors through", async () => {
    const router = new Router(
      [
        mod({
          name: 't',
          verbs: {
            'invitation.refresh': async (_env, data) => ({ message: z.object({ activityId: z.string() }).parse(data).activityId }),
            'invitation.show': async () => {
              throw refused('notFound');
            },
            'activity.edit': async () => {
              throw new Error('a bug');
            },
          },
        }),
      ],
      log,
    );
    const sv = turn('sv').env;
    expect(await router.runAction(sv, 'invitation.refresh', { activityId: 'a1' })).toEqual({ message: 'a1' });
    const bad = await router.runAction(sv, 'invitation.refresh', { activityId: 7 });
    expect('message' in bad && bad.message).toMatch(/[åäö]|knapp|kort/i);
    const refusal = await router.runAction(turn('en').env, 'invitation.show', {});
    expect('message' in refusal && refusal.message).toMatch(/not|no longer/i);
    await expect(router.runAction(sv, 'activity.edit', {})).rejects.toThrow('a bug');
    expect(await router.runAction(sv, 'session.cancel', {})).toEqual(bad); // nobody answers it: the same "cannot do that"
  });

  it('checks the coordinator role of a verb before its handler looks at the payload', async () => {
    const ran = jest.fn(async () => ({ message: 'done' }));
    const router = new Router([mod({ name: 't', verbs: { 'activity.save': ran }, coordinatorVerbs: ['activity.save'] })], log);
    const member = await router.runAction(turn('sv').env, 'activity.save', { nonsense: true });
    expect(ran).not.toHaveBeenCalled();
    expect('message' in member && member.message).toMatch(/samordnare/i);
    expect(await router.runAction(turn('sv', true).env, 'activity.save', {})).toEqual({ message: 'done' });
    expect(ran).toHaveBeenCalledTimes(1);
    expect(() => new Router([mod({ name: 'u', verbs: {}, coordinatorVerbs: ['activity.save'] })], log)).toThrow(/not one of u's verbs/);
  });

  it('checks the coordinator role of a command once, before it runs', async () => {
    const ran = jest.fn(async () => undefined);
    const router = new Router([mod({ name: 't', commands: [{ name: 'secret', words: ['hemligt'], coordinatorOnly: true, run: ran }] })], log);
    const member = turn('sv');
    await router.runCommand(member.env, 'hemligt');
    expect(ran).not.toHaveBeenCalled();
    expect(textOf(member.sent[0])).not.toBe('');
    const coordinator = turn('sv', true);
    await router.runCommand(coordinator.env, 'Hemligt');
    expect(ran).toHaveBeenCalledTimes(1);
    const unknown = turn('en');
    await router.runCommand(unknown.env, 'nonsense words');
    expect(textOf(unknown.sent[0])).toMatch(/help/i);
  });
});
