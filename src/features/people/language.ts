import { fold } from '../../kernel/text';
import { langFromLocale, translator, type Lang } from '../i18n';
import type { ActionEnv } from '../../platform/teams/actionTypes';
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
function teamsLang(env: ActionEnv): Lang {
  return env.svc.config.LOCALE_OVERRIDE ?? langFromLocale(env.context.activity.locale, env.svc.config.DEFAULT_LOCALE);
}

async function setLanguage(env: ActionEnv, argument: string): Promise<string> {
  const choice = WORDS[fold(argument)];
  if (!fold(argument)) return translator(env.actor.lang)('lang_current');
  if (!choice) return translator(env.actor.lang)('lang_unknown');
  await env.svc.directory.updatePerson(env.actor.aadObjectId, (p) => ({ ...p, language: choice === 'auto' ? undefined : choice }));
  env.svc.log.info({ userId: env.actor.aadObjectId, language: choice }, 'language chosen');
  if (choice === 'auto') return translator(teamsLang(env))('lang_auto');
  return translator(choice)(choice === 'sv' ? 'lang_setSv' : 'lang_setEn');
}

export const languageCommands: CommandSpec[] = [
  {
    name: 'language',
    words: ['språk', 'language', 'välj språk', 'choose language'],
    takesArgument: true,
    run: async (env, argument) => {
      await env.context.sendActivity(await setLanguage(env, argument));
    },
  },
];
