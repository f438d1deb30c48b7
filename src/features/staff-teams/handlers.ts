import { ActivityIdSchema } from '../../kernel/activity';
import { refused, Refusal } from '../refusal';

import { z } from 'zod';
import { registrationBlocker, type Activity } from '../../kernel/activity';
import { translator } from '../i18n';
import { loadActivity } from '../registration';
import type { HandlerMap, Reply } from '../../platform/teams/actionTypes';
import type { StaffTeamTurn } from './ports';
import { registerOnBehalf, cancelOnBehalf } from './behalf';
import { behalfForm, teamForm, teamList, teamSettings } from './cardData';
import { mayRegisterOthers, registrarOf, type Registrar } from './managers';
import { defaultScope, saveTeam, type TeamSaved, type TeamTold } from './register';
import { NoticeRefSchema, TeamRefSchema } from './schemas';
import { saveTeamSettings } from './settings';
import { answerKickoff, cancelTeam } from './teamNotices';

const ActivityRef = z.object({ activityId: ActivityIdSchema });

const say = (turn: StaffTeamTurn, key: Parameters<ReturnType<typeof translator>>[0], params?: Record<string, string | number>): Reply => ({
  message: translator(turn.actor.lang)(key, params),
});

/** Refusals become the answer (or a card from `onRefusal`); nothing was written. */
export async function refusing(turn: StaffTeamTurn, run: () => Promise<Reply>, onRefusal?: (text: string) => Promise<Reply>): Promise<Reply> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    const text = translator(turn.actor.lang)(err.key, err.params);
    return onRefusal ? onRefusal(text) : { message: text };
  }
}

/** For commands: runs, turns a refusal into its text, and sends the reply (null: nothing more to say). */
export async function answerCommand(turn: StaffTeamTurn, run: () => Promise<Reply | null>): Promise<void> {
  const reply = await refusing(turn, async () => (await run()) ?? { message: '' });
  if ('card' in reply) await turn.send(reply.card);
  else if (reply.message) await turn.send(reply.message);
}

async function registrarWhoMay(turn: StaffTeamTurn): Promise<Registrar> {
  const registrar = await registrarOf(turn.ports, turn.actor.aadObjectId, turn.person);
  if (!mayRegisterOthers(registrar)) throw new Refusal('team_errForbidden');
  return registrar;
}

/** The team form from an invitation (new team) or a team list (change). */
export async function openTeamForm(turn: StaffTeamTurn, activity: Activity, teamId = ''): Promise<Reply> {
  if (!activity.team) throw refused('notForTeams');
  const registrar = await registrarWhoMay(turn);
  const team = teamId ? (await turn.ports.groups.teams.get(activity.id, teamId))?.doc : undefined;
  if (teamId && (!team || team.status !== 'active')) throw new Refusal('team_errNotFound');
  if (team && team.registeredBy !== turn.actor.aadObjectId && !registrar.coordinator) throw new Refusal('team_errNotYours');
  const blocker = registrationBlocker(activity, team?.scope ?? defaultScope(activity, turn.ports.now()), turn.ports.now(), { asTeam: true });
  if (blocker) throw refused(blocker, { deadline: activity.deadline });
  return { card: await teamForm(turn.ports, { lang: turn.actor.lang, activity, registrar, ...(team ? { team } : {}) }) };
}

export async function openBehalfForm(turn: StaffTeamTurn, activity: Activity): Promise<Reply> {
  const registrar = await registrarWhoMay(turn);
  const blocker = registrationBlocker(activity, defaultScope(activity, turn.ports.now()), turn.ports.now());
  if (blocker) throw refused(blocker, { deadline: activity.deadline });
  return { card: await behalfForm(turn.ports, { lang: turn.actor.lang, activity, registrar }) };
}

/** Teams of an activity: all for coordinators, their organisation's (and their own) for managers. */
export async function teamListReply(turn: StaffTeamTurn, activity: Activity, offset = 0): Promise<Reply> {
  const viewer = await registrarOf(turn.ports, turn.actor.aadObjectId, turn.person);
  if (!mayRegisterOthers(viewer)) throw new Refusal('team_errForbidden');
  const all = await turn.ports.groups.teams.ofActivity(activity.id);
  const teams = viewer.coordinator ? all : all.filter((t) => t.organizationId === viewer.managerOf || t.registeredBy === viewer.aadObjectId);
  // Team lists name people: the read goes in the access log.
  turn.ports.privacy.accessLog.record({
    viewerId: turn.actor.aadObjectId,
    purpose: 'teams',
    export: false,
    scope: viewer.coordinator ? 'all' : 'organization',
    ...(!viewer.coordinator && viewer.managerOf ? { organizationId: viewer.managerOf } : {}),
    activityIds: [activity.id],
    rows: teams.length,
  });
  return {
    card: await teamList(turn.ports, {
      lang: turn.actor.lang,
      activity,
      teams: teams.sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      viewer,
      offset,
      ...(viewer.coordinator ? {} : { intro: translator(turn.actor.lang)('team_listOwnOrg') }),
    }),
  };
}

/** Only what is true: how many heard from the bot, and who will when they first open Träffpunkt. */
function toldLines(turn: StaffTeamTurn, told: TeamTold): string[] {
  const t = translator(turn.actor.lang);
  const lines = told.told > 0 ? [t('team_told', { n: told.told })] : [];
  if (told.waiting.length > 0) {
    const names = told.waiting.map((w) => (w.principal ? t('team_principalNamed', { name: w.name }) : w.name));
    lines.push(t('team_waiting', { n: names.length, names: new Intl.ListFormat(turn.actor.lang, { type: 'conjunction' }).format(names) }));
  }
  return lines;
}

function savedNotice(turn: StaffTeamTurn, saved: TeamSaved): { text: string; style: 'good' | 'warning' } {
  const t = translator(turn.actor.lang);
  switch (saved.outcome) {
    case 'registered':
      return { text: [t('team_saved', { n: saved.size }), ...toldLines(turn, saved)].join(' '), style: 'good' };
    case 'waitlisted':
      return { text: [t('team_savedWaitlisted', { position: saved.position }), ...toldLines(turn, saved)].join(' '), style: 'warning' };
    case 'already':
      return { text: t('team_alreadySaved'), style: 'good' };
    case 'changed':
      return { text: [t('team_changed', { added: saved.added, removed: saved.removed }), ...toldLines(turn, saved)].join(' '), style: 'good' };
    case 'unchanged':
      return { text: t('team_unchanged'), style: 'good' };
  }
}

export const teamHandlers: HandlerMap<StaffTeamTurn> = {
  'team.form': async (turn, data) => {
    const { activityId, teamId } = TeamRefSchema.parse(data);
    return refusing(turn, async () => openTeamForm(turn, await loadActivity(turn.ports, activityId), teamId));
  },

  'team.list': async (turn, data) => {
    const { activityId } = ActivityRef.parse(data);
    const offset = z.coerce.number().int().min(0).max(10_000).catch(0).parse(data.offset);
    return refusing(turn, async () => teamListReply(turn, await loadActivity(turn.ports, activityId), offset));
  },

  'team.save': async (turn, data) => {
    const { activityId } = ActivityRef.parse(data);
    return refusing(
      turn,
      async () => {
        const saved = await saveTeam(turn, data);
        const activity = await loadActivity(turn.ports, activityId);
        const viewer = await registrarOf(turn.ports, turn.actor.aadObjectId, turn.person);
        return { card: await teamList(turn.ports, { lang: turn.actor.lang, activity, teams: [saved.team], viewer, notice: savedNotice(turn, saved) }) };
      },
      async (error) => {
        const activity = await loadActivity(turn.ports, activityId);
        const registrar = await registrarOf(turn.ports, turn.actor.aadObjectId, turn.person);
        const { teamId } = TeamRefSchema.parse(data);
        const team = teamId ? (await turn.ports.groups.teams.get(activityId, teamId))?.doc : undefined;
        return { card: await teamForm(turn.ports, { lang: turn.actor.lang, activity, registrar, values: data, error, ...(team ? { team } : {}) }) };
      },
    );
  },

  'team.cancel': async (turn, data) => {
    const { activityId, teamId, confirm } = TeamRefSchema.parse(data);
    return refusing(turn, async () => {
      const activity = await loadActivity(turn.ports, activityId);
      const viewer = await registrarOf(turn.ports, turn.actor.aadObjectId, turn.person);
      if (confirm !== 'yes') {
        const team = (await turn.ports.groups.teams.get(activityId, teamId))?.doc;
        if (!team) throw new Refusal('team_errNotFound');
        return { card: await teamList(turn.ports, { lang: turn.actor.lang, activity, teams: [team], viewer, confirmCancel: teamId }) };
      }
      const team = await cancelTeam(turn.ports, turn.actor, turn.person, { activityId, teamId });
      const notice = { text: translator(turn.actor.lang)('team_cancelled'), style: 'good' as const };
      return { card: await teamList(turn.ports, { lang: turn.actor.lang, activity, teams: [team], viewer, notice }) };
    });
  },

  'team.kickoff': async (turn, data) => {
    const { activityId, confirm } = NoticeRefSchema.parse(data);
    const answer = z.enum(['yes', 'no']).parse(confirm);
    return refusing(turn, async () => {
      await answerKickoff(turn.ports, turn.actor, { activityId, answer });
      return say(turn, answer === 'yes' ? 'team_kickoffThanksYes' : 'team_kickoffThanksNo');
    });
  },

  'team.settings.save': async (turn, data) => {
    const { activityId } = ActivityRef.parse(data);
    const t = translator(turn.actor.lang);
    return refusing(
      turn,
      async () => {
        const activity = await saveTeamSettings(turn.ports, data);
        return { card: await teamSettings(turn.ports, { lang: turn.actor.lang, activity, notice: { text: t('team_settingsSaved'), style: 'good' } }) };
      },
      async (error) => ({
        card: await teamSettings(turn.ports, { lang: turn.actor.lang, activity: await loadActivity(turn.ports, activityId), notice: { text: error, style: 'attention' } }),
      }),
    );
  },

  'behalf.form': async (turn, data) => {
    const { activityId } = ActivityRef.parse(data);
    return refusing(turn, async () => openBehalfForm(turn, await loadActivity(turn.ports, activityId)));
  },

  'behalf.save': async (turn, data) => {
    const { activityId } = ActivityRef.parse(data);
    const t = translator(turn.actor.lang);
    return refusing(
      turn,
      async () => {
        const out = await registerOnBehalf(turn, data);
        const lines = [t('behalf_done', { registered: out.registered, waitlisted: out.waitlisted, already: out.already })];
        if (out.notTold > 0) lines.push(t('behalf_notTold', { n: out.notTold }));
        return { message: lines.join(' ') };
      },
      async (error) => {
        const activity = await loadActivity(turn.ports, activityId);
        const registrar = await registrarOf(turn.ports, turn.actor.aadObjectId, turn.person);
        return { card: await behalfForm(turn.ports, { lang: turn.actor.lang, activity, registrar, values: data, error }) };
      },
    );
  },

  'behalf.cancel': async (turn, data) => {
    const { activityId, sessionId } = NoticeRefSchema.parse(data);
    await cancelOnBehalf(turn.ports, turn.actor, { activityId, scope: sessionId || 'series' });
    return say(turn, 'behalf_cancelled');
  },
};
