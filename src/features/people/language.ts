import { fold } from '../../kernel/text';
import { langFromLocale, translator, type Lang } from '../i18n';
import type { PeopleTurn } from './ports';
import type { CommandSpec } from '../../platform/teams/actionTypes';

// `språk svenska` / `language english`: the language a person chose, stored on them; it wins
// over the locale their Teams client sends (and over LOCALE_OVERRIDE in the Playground), in
// replies, cards, reminders and notices. `språk automatiskt` follows Teams again.

const WORDS: Record<string, Lang | 'auto'> = {
  svenska: 'sv',
  svensk: 'sv',
  swedish: 'sv',
  sv: 'sv',
  engelska: 'en',
  engelsk: 'en',
  english: 'en',
  en: 'en',
  automatiskt: 'auto',
  automatisk: 'auto',
  automatic: 'auto',
  auto: 'auto',
  teams: 'auto',
};

/** The language a person's Teams (or the Playground's override) would give them without a choice. */
function teamsLang(turn: PeopleTurn): Lang {
  return turn.ports.config.LOCALE_OVERRIDE ?? langFromLocale(turn.locale, turn.ports.config.DEFAULT_LOCALE);
}

async function setLanguage(turn: PeopleTurn, argument: string): Promise<string> {
  const choice = WORDS[fold(argument)];
  if (!fold(argument)) return translator(turn.actor.lang)('lang_current');
  if (!choice) return translator(turn.actor.lang)('lang_unknown');
  await turn.ports.directory.updatePerson(turn.actor.aadObjectId, (p) => ({ ...p, language: choice === 'auto' ? undefined : choice }));
  turn.ports.log.info({ userId: turn.actor.aadObjectId, language: choice }, 'language chosen');
  if (choice === 'auto') return translator(teamsLang(turn))('lang_auto');
  return translator(choice)(choice === 'sv' ? 'lang_setSv' : 'lang_setEn');
}

export const languageCommands: CommandSpec<PeopleTurn>[] = [
  {
    name: 'language',
    words: ['språk', 'language', 'välj språk', 'choose language'],
    takesArgument: true,
    run: async (turn, argument) => {
      await turn.send(await setLanguage(turn, argument));
    },
  },
];
