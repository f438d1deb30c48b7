import { refused, Refusal } from '../i18n/refusal';
import { TurnContext } from 'botbuilder';
import type { Card } from '../cards/render';
import { z } from 'zod';
import { fold } from '../../kernel/text';
import { translator, type MessageKey } from '../i18n';
import type { CommandSpec, FeatureModule, Handler, Reply } from './actionTypes';
import type { EventTurn, Turn } from './turn';
import { VERBS, type Verb } from './verbs';

export type { CommandSpec, FeatureModule, Reply } from './actionTypes';

const say = (turn: Turn, key: MessageKey, params?: Record<string, string | number>): Reply => ({
  message: translator(turn.actor.lang)(key, params),
});

export function parseCommand(text: string, commands: readonly CommandSpec[]): { spec: CommandSpec; argument: string } | null {
  const folded = fold(text);
  // Longest phrasing first, so "mina anmälningar" wins over "anmälningar".
  const candidates = commands.flatMap((spec) => spec.words.map((w) => ({ spec, w: fold(w) }))).sort((a, b) => b.w.length - a.w.length);
  for (const { spec, w } of candidates) {
    if (folded === w) return { spec, argument: '' };
    if (spec.takesArgument && folded.startsWith(w + ' ')) {
      // Keep the argument's original spelling: skip as many words of the original as the phrasing has.
      const words = text.trim().split(/\s+/);
      return { spec, argument: words.slice(w.split(' ').length).join(' ').slice(0, 200) };
    }
  }
  return null;
}

/** Message text without the bot's @mention, as Teams delivers it in channels. */
export function commandText(context: TurnContext): string {
  const withoutMention = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
  return withoutMention
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .trim();
}

/** Sends a card or a text into the conversation of the turn. */
export async function reply(turn: Pick<EventTurn, 'send'>, content: Card | string): Promise<void> {
  await turn.send(content);
}

/** Sends a feature's reply (a card or a text) into the conversation of the turn. */
export async function answer(turn: Pick<EventTurn, 'send'>, r: Reply): Promise<void> {
  await turn.send('card' in r ? r.card : r.message);
}

/**
 * The one way from a Teams turn to a feature: built from the features' modules at start-up, it
 * refuses two features claiming one verb or one phrasing, runs a verb or a command, checks the
 * coordinator role of commands that need it, and turns refusals into the localized answer.
 */
export class Router {
  private readonly handlers = new Map<Verb, Handler>();
  private readonly coordinatorOnly = new Set<Verb>();
  readonly commands: readonly CommandSpec[];
  readonly modules: readonly FeatureModule[];

  constructor(
    modules: readonly FeatureModule[],
    private readonly log: { info(obj: object, msg: string): void },
  ) {
    this.modules = modules;
    const owner = new Map<string, string>();
    const claim = (what: string, feature: string) => {
      const before = owner.get(what);
      if (before) throw new Error(`${what} is claimed by both ${before} and ${feature}`);
      owner.set(what, feature);
    };
    for (const m of modules) {
      for (const [verb, handler] of Object.entries(m.verbs) as [Verb, Handler][]) {
        if (!(VERBS as readonly string[]).includes(verb)) throw new Error(`verb ${verb} of ${m.name} is not in VERBS`);
        claim(`verb ${verb}`, m.name);
        this.handlers.set(verb, handler);
      }
      for (const verb of m.coordinatorVerbs) {
        if (!m.verbs[verb]) throw new Error(`coordinator verb ${verb} is not one of ${m.name}'s verbs`);
        this.coordinatorOnly.add(verb);
      }
      for (const c of m.commands) {
        claim(`command ${c.name}`, m.name);
        for (const w of c.words) claim(`phrasing "${fold(w)}"`, m.name);
      }
    }
    this.commands = modules.flatMap((m) => m.commands);
  }

  /** Runs a verb; bad payloads and domain refusals become a localized message, never an exception. */
  async runAction(turn: Turn, verb: Verb, data: Record<string, unknown>): Promise<Reply> {
    try {
      const handler = this.handlers.get(verb);
      if (!handler) return say(turn, 'err_badAction');
      // The role first, from the stored person: nothing of the payload is looked at for anyone else.
      if (this.coordinatorOnly.has(verb) && !(await turn.isCoordinator())) throw refused('forbidden');
      return await handler(turn, data);
    } catch (err) {
      if (err instanceof z.ZodError) {
        this.log.info({ verb }, 'card payload rejected');
        return say(turn, 'err_badAction');
      }
      if (err instanceof Refusal) return { message: err.text(turn.actor.lang) };
      throw err;
    }
  }

  async runCommand(turn: Turn, text: string): Promise<void> {
    const t = translator(turn.actor.lang);
    const cmd = parseCommand(text, this.commands);
    try {
      if (!cmd) return await reply(turn, t('unknownCommand'));
      if (cmd.spec.coordinatorOnly && !(await turn.isCoordinator())) throw refused('forbidden');
      return await cmd.spec.run(turn, cmd.argument);
    } catch (err) {
      if (err instanceof Refusal) return reply(turn, err.text(turn.actor.lang));
      throw err;
    }
  }

  /** The module that takes this file, if any. */
  fileTaker(turn: EventTurn): FeatureModule['files'] {
    return this.modules.find((m) => m.files?.accepts(turn))?.files;
  }

  meetingHooks(): NonNullable<FeatureModule['meeting']>[] {
    return this.modules.flatMap((m) => (m.meeting ? [m.meeting] : []));
  }

  peopleHooks(): NonNullable<FeatureModule['people']>[] {
    return this.modules.flatMap((m) => (m.people ? [m.people] : []));
  }
}
