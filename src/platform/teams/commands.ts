import { MessageFactory, TurnContext, type Attachment } from 'botbuilder';
import { attendanceCommands } from '../../features/attendance/commands';
import { activityListCard } from '../../features/activities/views';
import { fold, matchByName } from '../../kernel/text';
import { DomainError } from '../../kernel/errors';
import { translator } from '../i18n';
import { formCard, helpAttachment, myRegistrationsAttachment } from '../../features/registration/replies';
import { postInvitation } from './actions';
import { activitiesReply } from '../../features/activities/list';
import type { ActionEnv } from './actionTypes';
import { schedulerCommands } from '../../features/reminders/handlers';
import { reportCommands } from '../../features/reports/commands';
import { roleCommands } from '../../features/roles/commands';
import { teamCommands } from '../../features/staff-teams/commands';
import { networkCommands } from '../../features/networks/commands';
import { privacyCommands } from '../../features/privacy/commands';
import { languageCommands } from './language';

export interface CommandSpec {
  name: string;
  /** Swedish and English phrasings; matched on folded text, so "hjalp" and "Hjälp" both work. */
  words: string[];
  takesArgument?: boolean;
  coordinatorOnly?: boolean;
  run(env: ActionEnv, argument: string): Promise<void>;
}

const coreCommands: CommandSpec[] = [
  { name: 'help', words: ['hjälp', 'help', '?', 'hej', 'hi', 'hello', 'start'], run: async (env) => reply(env, helpAttachment(env.actor.lang, await env.isCoordinator())) },
  { name: 'newActivity', words: ['ny aktivitet', 'new activity', 'skapa aktivitet', 'create activity'], coordinatorOnly: true, run: (env) => reply(env, formCard({ lang: env.actor.lang, raw: {}, sessionCount: 1 })) },
  { name: 'publish', words: ['publicera', 'publish'], takesArgument: true, coordinatorOnly: true, run: (env, arg) => publishByName(env, arg) },
  { name: 'myRegistrations', words: ['mina anmälningar', 'my registrations', 'anmälningar', 'registrations'], run: async (env) => reply(env, await myRegistrationsAttachment(env.svc, env.actor)) },
  { name: 'activities', words: ['aktiviteter', 'activities', 'kalender', 'calendar'], takesArgument: true, run: async (env, arg) => reply(env, await activitiesReply(env, arg)) },
  { name: 'drafts', words: ['utkast', 'drafts'], coordinatorOnly: true, run: async (env) => reply(env, await drafts(env)) },
];

// Features add their command lists here.
export const COMMANDS: CommandSpec[] = [...coreCommands, ...attendanceCommands, ...schedulerCommands, ...teamCommands, ...networkCommands, ...reportCommands, ...roleCommands, ...privacyCommands, ...languageCommands];

export function parseCommand(text: string, commands: readonly CommandSpec[] = COMMANDS): { spec: CommandSpec; argument: string } | null {
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
  return withoutMention.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').trim();
}

export async function reply(env: ActionEnv, attachmentOrText: Attachment | string): Promise<void> {
  await env.context.sendActivity(
    typeof attachmentOrText === 'string' ? MessageFactory.text(attachmentOrText) : MessageFactory.attachment(attachmentOrText),
  );
}

export async function runCommand(env: ActionEnv, text: string): Promise<void> {
  const t = translator(env.actor.lang);
  const cmd = parseCommand(text);
  try {
    if (!cmd) return await reply(env, t('unknownCommand'));
    if (cmd.spec.coordinatorOnly && !(await env.isCoordinator())) throw new DomainError('forbidden');
    return await cmd.spec.run(env, cmd.argument);
  } catch (err) {
    if (err instanceof DomainError) return reply(env, t(`err_${err.code}`, err.detail));
    throw err;
  }
}

async function drafts(env: ActionEnv): Promise<Attachment> {
  const t = translator(env.actor.lang);
  const mine = (await env.svc.activities.list({ status: 'draft' })).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, 25);
  return activityListCard({
    heading: t('list_drafts'),
    intro: '',
    empty: t('list_draftsEmpty'),
    buttonTitle: t('list_preview'),
    verb: 'activity.preview',
    items: mine.map((a) => ({ activityId: a.id, title: a.title, detail: `${t(`kind_${a.kind}`)} · ${a.sessions.length}` })),
  });
}

async function publishByName(env: ActionEnv, name: string): Promise<void> {
  const t = translator(env.actor.lang);
  if (!fold(name)) return reply(env, t('err_publishNoName'));
  const candidates = (await env.svc.activities.list()).filter((a) => a.status !== 'cancelled');
  const matches = matchByName(name, candidates, (a) => a.title);
  if (matches.length === 0) return reply(env, t('err_publishNoMatch', { name }));
  if (matches.length > 1) {
    return reply(
      env,
      activityListCard({
        heading: t('err_publishManyMatches'),
        intro: '',
        empty: '',
        buttonTitle: t('inv_publish'),
        verb: 'activity.publish',
        items: matches.slice(0, 10).map((a) => ({ activityId: a.id, title: a.title, detail: a.deadline })),
      }),
    );
  }
  await postInvitation(env, (matches[0] as { id: string }).id);
}
