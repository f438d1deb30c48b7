import { MessageFactory, TurnContext, type Attachment } from 'botbuilder';
import { activityListCard } from '../cards/views';
import { formatDate } from '../domain/time';
import { fold, matchByName } from '../domain/text';
import { DomainError } from '../domain/errors';
import { translator } from '../i18n';
import { formCard, helpAttachment, myRegistrationsAttachment } from './replies';
import { postInvitation, type ActionEnv } from './actions';

export type CommandName = 'help' | 'newActivity' | 'publish' | 'myRegistrations' | 'activities' | 'drafts';

// Swedish and English words per command; matched on folded text, so "hjalp" and "Hjälp" both work.
const COMMANDS: { name: CommandName; words: string[]; takesArgument?: boolean }[] = [
  { name: 'help', words: ['hjälp', 'help', '?', 'hej', 'hi', 'hello', 'start'] },
  { name: 'newActivity', words: ['ny aktivitet', 'new activity', 'skapa aktivitet', 'create activity'] },
  { name: 'publish', words: ['publicera', 'publish'], takesArgument: true },
  { name: 'myRegistrations', words: ['mina anmälningar', 'my registrations', 'anmälningar', 'registrations'] },
  { name: 'activities', words: ['aktiviteter', 'activities', 'kalender', 'calendar'] },
  { name: 'drafts', words: ['utkast', 'drafts'] },
];

export function parseCommand(text: string): { name: CommandName; argument: string } | null {
  const folded = fold(text);
  for (const c of COMMANDS) {
    for (const w of c.words) {
      const fw = fold(w);
      if (folded === fw) return { name: c.name, argument: '' };
      if (c.takesArgument && folded.startsWith(fw + ' ')) {
        // Keep the argument's original spelling: skip as many words of the original as the command has.
        const words = text.trim().split(/\s+/);
        return { name: c.name, argument: words.slice(fw.split(' ').length).join(' ').slice(0, 200) };
      }
    }
  }
  return null;
}

/** Message text without the bot's @mention, as Teams delivers it in channels. */
export function commandText(context: TurnContext): string {
  const withoutMention = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
  return withoutMention.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').trim();
}

async function reply(env: ActionEnv, attachmentOrText: Attachment | string): Promise<void> {
  await env.context.sendActivity(
    typeof attachmentOrText === 'string' ? MessageFactory.text(attachmentOrText) : MessageFactory.attachment(attachmentOrText),
  );
}

export async function runCommand(env: ActionEnv, text: string): Promise<void> {
  const t = translator(env.actor.lang);
  const cmd = parseCommand(text);
  try {
    switch (cmd?.name) {
      case 'help':
        return await reply(env, helpAttachment(env.actor.lang, await env.isCoordinator()));
      case 'myRegistrations':
        return await reply(env, await myRegistrationsAttachment(env.svc, env.actor));
      case 'activities':
        return await reply(env, await openActivities(env));
      case 'newActivity':
        if (!(await env.isCoordinator())) throw new DomainError('forbidden');
        return await reply(env, formCard({ lang: env.actor.lang, raw: {}, sessionCount: 1 }));
      case 'drafts':
        if (!(await env.isCoordinator())) throw new DomainError('forbidden');
        return await reply(env, await drafts(env));
      case 'publish':
        if (!(await env.isCoordinator())) throw new DomainError('forbidden');
        return await publishByName(env, cmd.argument);
      default:
        return await reply(env, t('unknownCommand'));
    }
  } catch (err) {
    if (err instanceof DomainError) return reply(env, t(`err_${err.code}`));
    throw err;
  }
}

async function openActivities(env: ActionEnv): Promise<Attachment> {
  const t = translator(env.actor.lang);
  const now = env.svc.now().getTime();
  const open = (await env.svc.activities.list({ status: 'published' }))
    .filter((a) => a.sessions.some((s) => Date.parse(s.end) > now))
    .sort((a, b) => (a.sessions[0]?.start ?? '').localeCompare(b.sessions[0]?.start ?? ''))
    .slice(0, 25);
  return activityListCard({
    heading: t('list_title'),
    intro: '',
    empty: t('list_empty'),
    buttonTitle: t('list_show'),
    verb: 'invitation.show',
    items: open.map((a) => ({
      activityId: a.id,
      title: a.title,
      detail: `${t(`kind_${a.kind}`)} · ${a.sessions[0] ? formatDate(new Date(a.sessions[0].start), env.actor.lang) : ''}`,
    })),
  });
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
