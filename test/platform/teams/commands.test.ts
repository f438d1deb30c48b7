import { describe, expect, it } from '@jest/globals';
import { fold } from '../../../src/kernel/text';
import { allFeatures } from '../../support/features';
import { parseCommand, Router, type CommandSpec } from '../../../src/platform/teams/router';

const COMMANDS = new Router(allFeatures(), { info: () => undefined }).commands;

/** The command's name and argument, or null (the spec's run function is not compared). */
function parse(text: string, commands?: readonly CommandSpec[]): { name: string; argument: string } | null {
  const r = parseCommand(text, commands ?? COMMANDS);
  return r && { name: r.spec.name, argument: r.argument };
}

describe('parseCommand', () => {
  it.each<[string, string]>([
    // Swedish, with and without diacritics, any case
    ['hjälp', 'help'],
    ['Hjälp', 'help'],
    ['hjalp', 'help'],
    ['HJÄLP', 'help'],
    ['hej', 'help'],
    ['ny aktivitet', 'newActivity'],
    ['Ny Aktivitet', 'newActivity'],
    ['skapa aktivitet', 'newActivity'],
    ['mina anmälningar', 'myRegistrations'],
    ['mina anmalningar', 'myRegistrations'],
    ['Mina Anmälningar', 'myRegistrations'],
    ['anmälningar', 'myRegistrations'],
    ['aktiviteter', 'activities'],
    ['kalender', 'activities'],
    ['utkast', 'drafts'],
    // English
    ['help', 'help'],
    ['Help', 'help'],
    ['?', 'help'],
    ['hi', 'help'],
    ['hello', 'help'],
    ['start', 'help'],
    ['new activity', 'newActivity'],
    ['create activity', 'newActivity'],
    ['my registrations', 'myRegistrations'],
    ['My Registrations', 'myRegistrations'],
    ['registrations', 'myRegistrations'],
    ['activities', 'activities'],
    ['calendar', 'activities'],
    ['drafts', 'drafts'],
    // whitespace as Teams delivers it (after the @mention is removed)
    ['  hjälp  ', 'help'],
    ['mina   anmälningar', 'myRegistrations'],
    ['mina\u00a0anmälningar', 'myRegistrations'],
    ['ny\taktivitet\n', 'newActivity'],
  ])('%p → %s with no argument', (text, name) => {
    expect(parse(text)).toEqual({ name, argument: '' });
  });

  it.each<[string, string]>([
    ['publicera', ''],
    ['publish', ''],
    ['publicera Läslyftet', 'Läslyftet'],
    ['Publicera Läslyftet', 'Läslyftet'],
    ['PUBLICERA lasLyftet', 'lasLyftet'],
    ['publish Att leda en likvärdig skola', 'Att leda en likvärdig skola'],
    ['publicera Framgångsrikt kollegialt lärande – ÅÄÖ', 'Framgångsrikt kollegialt lärande – ÅÄÖ'],
    ['  publicera   Läslyftet   2026  ', 'Läslyftet 2026'],
    ['publicera\tÖstersund', 'Östersund'],
  ])('%p → publish with argument %p (original spelling kept)', (text, argument) => {
    expect(parse(text)).toEqual({ name: 'publish', argument });
  });

  it('cuts a publish argument to 200 characters', () => {
    const r = parse(`publicera ${'Å'.repeat(500)}`);
    expect(r?.name).toBe('publish');
    expect(r?.argument).toBe('Å'.repeat(200));
  });

  it.each([
    ['an unknown word', 'blabla'],
    ['an empty message', ''],
    ['only spaces', '   '],
    ['a command that takes no argument, with one', 'hjälp mig'],
    ['another command with an argument', 'ny aktivitet Läslyftet'],
    ['a word that starts like publish', 'publicerad'],
    ['a word that starts like publish (en)', 'published'],
    ['a command inside a sentence', 'kan du visa hjälp'],
  ])('%s (%p) → null', (_case, text) => {
    expect(parse(text)).toBeNull();
  });

  it('every core command has a Swedish and an English phrasing that parse to it', () => {
    const names = COMMANDS.map((c) => c.name).sort();
    expect(names).toEqual(expect.arrayContaining(['activities', 'drafts', 'help', 'myRegistrations', 'newActivity', 'publish']));
    for (const c of COMMANDS) for (const w of c.words) expect({ w, name: parse(w)?.name }).toEqual({ w, name: c.name });
  });

  it('no two commands share a phrasing (after folding)', () => {
    const all = COMMANDS.flatMap((c) => c.words.map(fold));
    expect(all.length).toBe(new Set(all).size);
  });

  describe("with a feature's own command list", () => {
    const noop = async () => undefined;
    const features: CommandSpec[] = [
      { name: 'show', words: ['visa'], takesArgument: true, run: noop },
      { name: 'cancelActivity', words: ['ställ in', 'cancel activity'], takesArgument: true, run: noop },
    ];
    it.each<[string, { name: string; argument: string } | null]>([
      ['Ställ in Läslyftet – uppföljning', { name: 'cancelActivity', argument: 'Läslyftet – uppföljning' }],
      ['stall in Åre', { name: 'cancelActivity', argument: 'Åre' }],
      ['cancel activity Örnsköldsvik', { name: 'cancelActivity', argument: 'Örnsköldsvik' }],
      ['visa Sollefteå', { name: 'show', argument: 'Sollefteå' }],
      ['hjälp', null],
    ])('%p → %p (a two-word phrasing skips two original words)', (text, expected) => {
      expect(parse(text, features)).toEqual(expected);
    });
  });
});
