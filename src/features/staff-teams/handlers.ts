import { ActivityIdSchema } from '../../kernel/activity';
import { refused, Refusal } from '../refusal';
import { send } from '../../platform/teams/messenger';
import { z } from 'zod';
import { registrationBlocker, type Activity } from '../../kernel/activity';
import { translator } from '../i18n';
import { loadActivity } from '../registration/seatsOf';
import type { ActionEnv, HandlerMap, Reply } from '../../platform/teams/actionTypes';
import { registerOnBehalf, cancelOnBehalf } from './behalf';
import { behalfFormAttachment, teamFormAttachment, teamListAttachment, teamSettingsAttachment } from './cards';
import { mayRegisterOthers, registrarOf, type Registrar } from './managers';
import { defaultScope, saveTeam, type TeamSaved, type TeamTold } from './register';
import { NoticeRefSchema, TeamRefSchema } from './schemas';
import { saveTeamSettings } from './settings';
import { answerKickoff, cancelTeam } from './teamNotices';

const ActivityRef = z.object({ activityId: ActivityIdSchema });

const say = (env: ActionEnv, key: Parameters<ReturnType<typeof translator>>[0], params?: Record<string, string | number>): Reply => ({
  message: translator(env.actor.lang)(key, params),
});

/** Refusals become the answer (or a card from `onRefusal`); nothing was written. */
export async function refusing(env: ActionEnv, run: () => Promise<Reply>, onRefusal?: (text: string) => Promise<Reply>): Promise<Reply> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    const text = translator(env.actor.lang)(err.key, err.params);
    return onRefusal ? onRefusal(text) : { message: text };
  }
}

/** For commands: runs, turns a refusal into its text, and sends the reply (null: nothing more to say). */
export async function answerCommand(env: ActionEnv, run: () => Promise<Reply | null>): Promise<void> {
  const reply = await refusing(env, async () => (await run()) ?? { message: '' });
  if ('card' in reply) await send(env.context, reply.card);
  else if (reply.message) await send(env.context, reply.message);
}

async function registrarWhoMay(env: ActionEnv): Promise<Registrar> {
  const registrar = await registrarOf(env.svc, env.actor.aadObjectId, env.person);
  if (!mayRegisterOthers(registrar)) throw new Refusal('team_errForbidden');
  return registrar;
}

/** The team form from an invitation (new team) or a team list (change). */
export async function openTeamForm(env: ActionEnv, activity: Activity, teamId = ''): Promise<Reply> {
  if (!activity.team) throw refused('notForTeams');
  const registrar = await registrarWhoMay(env);
  const team = teamId ? (await env.svc.groups.teams.get(activity.id, teamId))?.doc : undefined;
  if (teamId && (!team || team.status !== 'active')) throw new Refusal('team_errNotFound');
  if (team && team.registeredBy !== env.actor.aadObjectId && !registrar.coordinator) throw new Refusal('team_errNotYours');
  const blocker = registrationBlocker(activity, team?.scope ?? defaultScope(activity, env.svc.now()), env.svc.now(), { asTeam: true });
  if (blocker) throw refused(blocker, { deadline: activity.deadline });
  return { card: await teamFormAttachment(env.svc, { lang: env.actor.lang, activity, registrar, ...(team ? { team } : {}) }) };
}

export async function openBehalfForm(env: ActionEnv, activity: Activity): Promise<Reply> {
  const registrar = await registrarWhoMay(env);
  const blocker = registrationBlocker(activity, defaultScope(activity, env.svc.now()), env.svc.now());
  if (blocker) throw refused(blocker, { deadline: activity.deadline });
  return { card: await behalfFormAttachment(env.svc, { lang: env.actor.lang, activity, registrar }) };
}

/** Teams of an activity: all for coordinators, their organisation's (and their own) for managers. */
export async function teamListReply(env: ActionEnv, activity: Activity, offset = 0): Promise<Reply> {
  const viewer = await registrarOf(env.svc, env.actor.aadObjectId, env.person);
  if (!mayRegisterOthers(viewer)) throw new Refusal('team_errForbidden');
  const all = await env.svc.groups.teams.ofActivity(activity.id);
  const teams = viewer.coordinator ? all : all.filter((t) => t.organizationId === viewer.managerOf || t.registeredBy === viewer.aadObjectId);
  // Team lists name people: the read goes in the access log.
  env.svc.privacy.accessLog.record({
    viewerId: env.actor.aadObjectId,
    purpose: 'teams',
    export: false,
    scope: viewer.coordinator ? 'all' : 'organization',
    ...(!viewer.coordinator && viewer.managerOf ? { organizationId: viewer.managerOf } : {}),
    activityIds: [activity.id],
    rows: teams.length,
  });
  return {
    card: await teamListAttachment(env.svc, {
      lang: env.actor.lang,
      activity,
      teams: teams.sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      viewer,
      offset,
      ...(viewer.coordinator ? {} : { intro: translator(env.actor.lang)('team_listOwnOrg') }),
    }),
  };
}

/** Only what is true: how many heard from the bot, and who will when they first open Träffpunkt. */
function toldLines(env: ActionEnv, told: TeamTold): string[] {
  const t = translator(env.actor.lang);
  const lines = told.told > 0 ? [t('team_told', { n: told.told })] : [];
  if (told.waiting.length > 0) {
    const names = told.waiting.map((w) => (w.principal ? t('team_principalNamed', { name: w.name }) : w.name));
    lines.push(t('team_waiting', { n: names.length, names: new Intl.ListFormat(env.actor.lang, { type: 'conjunction' }).format(names) }));
  }
  return lines;
}

function savedNotice(env: ActionEnv, saved: TeamSaved): { text: string; style: 'good' | 'warning' } {
  const t = translator(env.actor.lang);
  switch (saved.outcome) {
    case 'registered':
      return { text: [t('team_saved', { n: saved.size }), ...toldLines(env, saved)].join(' '), style: 'good' };
    case 'waitlisted':
      return { text: [t('team_savedWaitlisted', { position: saved.position }), ...toldLines(env, saved)].join(' '), style: 'warning' };
    case 'already':
      return { text: t('team_alreadySaved'), style: 'good' };
    case 'changed':
      return { text: [t('team_changed', { added: saved.added, removed: saved.removed }), ...toldLines(env, saved)].join(' '), style: 'good' };
    case 'unchanged':
      return { text: t('team_unchanged'), style: 'good' };
  }
}

export const teamHandlers: HandlerMap = {
  'team.form': async (env, data) => {
    const { activityId, teamId } = TeamRefSchema.parse(data);
    return refusing(env, async () => openTeamForm(env, await loadActivity(env.svc, activityId), teamId));
  },

  'team.list': async (env, data) => {
    const { activityId } = ActivityRef.parse(data);
    const offset = z.coerce.number().int().min(0).max(10_000).catch(0).parse(data.offset);
    return refusing(env, async () => teamListReply(env, await loadActivity(env.svc, activityId), offset));
  },

  'team.save': async (env, data) => {
    const { activityId } = ActivityRef.parse(data);
    return refusing(
      env,
      async () => {
        const saved = await saveTeam(env, data);
        const activity = await loadActivity(env.svc, activityId);
        const viewer = await registrarOf(env.svc, env.actor.aadObjectId, env.person);
        return { card: await teamListAttachment(env.svc, { lang: env.actor.lang, activity, teams: [saved.team], viewer, notice: savedNotice(env, saved) }) };
      },
      async (error) => {
        const activity = await loadActivity(env.svc, activityId);
        const registrar = await registrarOf(env.svc, env.actor.aadObjectId, env.person);
        const { teamId } = TeamRefSchema.parse(data);
        const team = teamId ? (await env.svc.groups.teams.get(activityId, teamId))?.doc : undefined;
        return { card: await teamFormAttachment(env.svc, { lang: env.actor.lang, activity, registrar, values: data, error, ...(team ? { team } : {}) }) };
      },
    );
  },

  'team.cancel': async (env, data) => {
    const { activityId, teamId, confirm } = TeamRefSchema.parse(data);
    return refusing(env, async () => {
      const activity = await loadActivity(env.svc, activityId);
      const viewer = await registrarOf(env.svc, env.actor.aadObjectId, env.person);
      if (confirm !== 'yes') {
        const team = (await env.svc.groups.teams.get(activityId, teamId))?.doc;
        if (!team) throw new Refusal('team_errNotFound');
        return { card: await teamListAttachment(env.svc, { lang: env.actor.lang, activity, teams: [team], viewer, confirmCancel: teamId }) };
      }
      const team = await cancelTeam(env.svc, env.actor, env.person, { activityId, teamId });
      const notice = { text: translator(env.actor.lang)('team_cancelled'), style: 'good' as const };
      return { card: await teamListAttachment(env.svc, { lang: env.actor.lang, activity, teams: [team], viewer, notice }) };
    });
  },

  'team.kickoff': async (env, data) => {
    const { activityId, confirm } = NoticeRefSchema.parse(data);
    const answer = z.enum(['yes', 'no']).parse(confirm);
    return refusing(env, async () => {
      await answerKickoff(env.svc, env.actor, { activityId, answer });
      return say(env, answer === 'yes' ? 'team_kickoffThanksYes' : 'team_kickoffThanksNo');
    });
  },

  'team.settings.save': async (env, data) => {
    const { activityId } = ActivityRef.parse(data);
    const t = translator(env.actor.lang);
    return refusing(
      env,
      async () => {
        const activity = await saveTeamSettings(env.svc, data);
        return { card: await teamSettingsAttachment(env.svc, { lang: env.actor.lang, activity, notice: { text: t('team_settingsSaved'), style: 'good' } }) };
      },
      async (error) => ({ card: await teamSettingsAttachment(env.svc, { lang: env.actor.lang, activity: await loadActivity(env.svc, activityId), notice: { text: error, style: 'attention' } }) }),
    );
  },

  'behalf.form': async (env, data) => {
    const { activityId } = ActivityRef.parse(data);
    return refusing(env, async () => openBehalfForm(env, await loadActivity(env.svc, activityId)));
  },

  'behalf.save': async (env, data) => {
    const { activityId } = ActivityRef.parse(data);
    const t = translator(env.actor.lang);
    return refusing(
      env,
      async () => {
        const out = await registerOnBehalf(env, data);
        const lines = [t('behalf_done', { registered: out.registered, waitlisted: out.waitlisted, already: out.already })];
        if (out.notTold > 0) lines.push(t('behalf_notTold', { n: out.notTold }));
        return { message: lines.join(' ') };
      },
      async (error) => {
        const activity = await loadActivity(env.svc, activityId);
        const registrar = await registrarOf(env.svc, env.actor.aadObjectId, env.person);
        return { card: await behalfFormAttachment(env.svc, { lang: env.actor.lang, activity, registrar, values: data, error }) };
      },
    );
  },

  'behalf.cancel': async (env, data) => {
    const { activityId, sessionId } = NoticeRefSchema.parse(data);
    await cancelOnBehalf(env.svc, env.actor, { activityId, scope: sessionId || 'series' });
    return say(env, 'behalf_cancelled');
  },
};
