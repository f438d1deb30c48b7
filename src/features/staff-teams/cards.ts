import type { Card } from '../../platform/cards/render';
import { deadlineInstant, type Activity } from '../../kernel/activity';
import type { Organization } from '../../kernel/people';
import { teamEntries, waitPosition, type Seats } from '../../kernel/seats';
import { formatDate, formatSpan } from '../../kernel/time';
import { translator, type Lang, type Translate } from '../i18n';
import type { Registrar } from './managers';
import type { TeamDoc } from './schemas';
import { teamBehalfCard, teamFormCard, teamListCard, teamSettingsCard, type Choice, type TeamListItem } from './views';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const TEAMS_PER_PAGE = 10;

/** The seat lists one can register for now: the series, or each session not yet started. */
function scopeChoices(activity: Activity, lang: Lang, now: Date): Choice[] {
  const t = translator(lang);
  if (activity.registrationMode === 'series') return [{ title: t('inv_wholeSeries'), value: 'series' }];
  return activity.sessions.filter((s) => s.status === 'scheduled' && Date.parse(s.start) > now.getTime()).map((s) => ({ title: formatSpan(new Date(s.start), new Date(s.end), lang), value: s.id }));
}

function organizationChoices(orgs: readonly Organization[], registrar: Registrar): Choice[] {
  return orgs.filter((o) => registrar.coordinator || o.id === registrar.managerOf).map((o) => ({ title: o.name, value: o.id }));
}

/** What the team cards show besides their input, read by their callers (./cardData.ts). */
export interface TeamCardData {
  now: Date;
  organizations: readonly Organization[];
  /** Display names (or e-mails) of the people a card names, by id. */
  names: ReadonlyMap<string, string>;
}

export type TeamFormInput = { lang: Lang; activity: Activity; registrar: Registrar; team?: TeamDoc; values?: Record<string, unknown>; error?: string };
export type BehalfFormInput = { lang: Lang; activity: Activity; registrar: Registrar; values?: Record<string, unknown>; error?: string };
export type TeamSettingsInput = { lang: Lang; activity: Activity; notice?: { text: string; style: 'good' | 'attention' } };
export type TeamListInput = {
  lang: Lang;
  activity: Activity;
  teams: TeamDoc[];
  viewer: Registrar;
  intro?: string;
  notice?: { text: string; style: 'good' | 'attention' | 'warning' };
  confirmCancel?: string;
  offset?: number;
};

/** The ids a team card names: its members (as the form has them, else as seated) and its principal. */
export function teamFormIds(input: TeamFormInput, seated: Seats | null): { members: string; principal: string } {
  const v = input.values ?? {};
  if (input.team && !input.values) {
    return { members: (seated ? teamEntries(seated, input.team.teamId) : []).map((e) => e.userId).join(','), principal: input.team.principalId ?? '' };
  }
  return { members: str(v.members), principal: str(v.principal) };
}

/** The page of teams a list shows. */
export function teamListPage(input: Pick<TeamListInput, 'teams' | 'offset'>): { offset: number; shown: TeamDoc[] } {
  const offset = Math.max(0, Math.min(input.offset ?? 0, Math.max(0, input.teams.length - 1)));
  return { offset, shown: input.teams.slice(offset, offset + TEAMS_PER_PAGE) };
}

/** Everyone a team list names: members, principals and those in the history. */
export function teamListIds(shown: readonly TeamDoc[], seatLists: ReadonlyMap<string, Seats>): string[] {
  return shown.flatMap((team) => [
    ...(seatLists.get(team.scope) ? teamEntries(seatLists.get(team.scope) as Seats, team.teamId).map((e) => e.userId) : []),
    ...(team.principalId ? [team.principalId] : []),
    ...team.history.flatMap((h) => [h.by, ...h.userIds]),
  ]);
}

/** The team form: new (from the invitation) or filled in from a team; `values` and `error` after a refusal. */
export function teamFormAttachment(input: TeamFormInput, data: TeamCardData & { members: string; principal: string }): Card {
  const { lang, activity, team } = input;
  const t = translator(lang);
  const v = input.values ?? {};
  const { members, principal, names } = data;
  // Typed people have no object id: they are shown by name in the picker, and kept by their id.
  const choice = (id: string) => ({ title: names.get(id) || t('team_someone'), value: id });
  const settings = activity.team ?? { minSize: 1, maxSize: 100 };
  const orgs = data.organizations;
  return teamFormCard({
    t: {
      session: t('team_session'),
      organization: t('team_organization'),
      unit: t('team_unit'),
      name: t('team_name'),
      members: t('team_members'),
      membersTyped: t('team_membersTyped'),
      principal: t('team_principal'),
      principalTyped: t('team_principalTyped'),
      save: team ? t('team_saveEdit') : t('team_save'),
    },
    heading: team ? t('team_formHeadingEdit') : t('team_formHeading'),
    title: activity.title,
    intro: t('team_formIntro', { min: settings.minSize, max: settings.maxSize }),
    error: input.error ?? '',
    activityId: activity.id,
    teamId: team?.teamId ?? '',
    scope: team?.scope ?? (str(v.scope) || (scopeChoices(activity, lang, data.now)[0]?.value ?? '')),
    sessions: team ? [] : scopeChoices(activity, lang, data.now),
    organizationId: str(v.organizationId) || team?.organizationId || input.registrar.managerOf || '',
    organizations: organizationChoices(orgs, input.registrar),
    unit: (str(v.unit) || team?.unit || '').slice(0, 200),
    name: (str(v.name) || team?.name || '').slice(0, 100),
    members,
    memberChoices: members.split(',').filter(Boolean).slice(0, 100).map(choice),
    membersTyped: str(v.membersTyped).slice(0, 6000),
    principal,
    principalChoices: principal ? [choice(principal)] : [],
    principalTyped: str(v.principalTyped).slice(0, 400),
  });
}

/** The ids a behalf form names: the colleagues picked so far. */
export function behalfFormIds(input: BehalfFormInput): string[] {
  return str(input.values?.members).split(',').filter(Boolean);
}

export function behalfFormAttachment(input: BehalfFormInput, data: TeamCardData): Card {
  const { lang, activity } = input;
  const t = translator(lang);
  const v = input.values ?? {};
  const sessions = scopeChoices(activity, lang, data.now);
  const members = str(v.members);
  const names = data.names;
  return teamBehalfCard({
    t: { session: t('team_session'), organization: t('team_organization'), people: t('behalf_people'), typed: t('behalf_typed'), save: t('behalf_save') },
    heading: t('behalf_heading'),
    title: activity.title,
    intro: t('behalf_intro'),
    error: input.error ?? '',
    activityId: activity.id,
    scope: str(v.scope) || (sessions[0]?.value ?? ''),
    sessions,
    organizationId: str(v.organizationId) || input.registrar.managerOf || '',
    organizations: organizationChoices(data.organizations, input.registrar),
    members,
    memberChoices: members
      .split(',')
      .filter(Boolean)
      .slice(0, 100)
      .map((id) => ({ title: names.get(id) || t('team_someone'), value: id })),
    membersTyped: str(v.membersTyped).slice(0, 6000),
  });
}

export function teamSettingsAttachment(input: TeamSettingsInput, networks: readonly { networkId: string; name: string; channel?: unknown }[]): Card {
  const { lang, activity } = input;
  const t = translator(lang);
  const network = activity.networkId ? networks.find((n) => n.networkId === activity.networkId) : undefined;
  return teamSettingsCard({
    t: {
      mode: t('team_settingsMode'),
      min: t('team_settingsMin'),
      max: t('team_settingsMax'),
      maxPeople: t('team_settingsMaxPeople'),
      network: t('team_settingsNetwork'),
      save: t('team_settingsSave'),
      post: t('net_post'),
    },
    heading: t('team_settingsHeading'),
    title: activity.title,
    notice: input.notice?.text ?? '',
    noticeStyle: input.notice?.style ?? 'default',
    activityId: activity.id,
    mode: activity.team ? 'team' : 'individual',
    modes: [
      { title: t('team_modeIndividual'), value: 'individual' },
      { title: t('team_modeTeam'), value: 'team' },
    ],
    capacityHint: t('team_settingsCapacityHint', { capacity: activity.capacity }),
    minSize: activity.team?.minSize ?? 5,
    maxSize: activity.team?.maxSize ?? 12,
    maxPeople: activity.team?.maxPeople ? String(activity.team.maxPeople) : '',
    networkId: activity.networkId ?? '',
    networks: [{ title: t('team_settingsNoNetwork'), value: '' }, ...networks.map((n) => ({ title: n.name, value: n.networkId }))],
    canPost: !!network?.channel && activity.status !== 'cancelled',
  });
}

function historyLine(t: Translate, lang: Lang, h: TeamDoc['history'][number], names: ReadonlyMap<string, string>): string {
  const at = formatDate(new Date(h.at), lang);
  const by = names.get(h.by) || t('team_someone');
  const who = h.userIds.map((id) => names.get(id) || t('team_someone')).join(', ');
  return t(`team_hist_${h.action}`, { at, by, names: who });
}

/** Teams of an activity with members, principal (and their kick-off answer) and history. */
export function teamListAttachment(input: TeamListInput, data: TeamCardData & { seatLists: ReadonlyMap<string, Seats> }): Card {
  const { lang, activity } = input;
  const t = translator(lang);
  const { seatLists, names, now } = data;
  const orgs = new Map(data.organizations.map((o) => [o.id, o.name]));
  const { offset, shown } = teamListPage(input);
  const items: TeamListItem[] = shown.map((team) => {
    const seats = seatLists.get(team.scope);
    const entries = seats ? teamEntries(seats, team.teamId) : [];
    const waiting = entries[0]?.status === 'waitlisted';
    const cancelled = team.status === 'cancelled';
    const kickoff = team.kickoff ? (team.kickoff.answer === 'yes' ? t('team_kickoffYes') : t('team_kickoffNo')) : t('team_kickoffUnknown');
    const mayChange = input.viewer.coordinator || team.registeredBy === input.viewer.aadObjectId;
    return {
      teamId: team.teamId,
      name: team.name,
      status: cancelled ? t('team_statusCancelled') : waiting && seats ? `${t('team_statusWaitlisted')} (${waitPosition(seats, entries[0]?.userId ?? '')})` : t('team_statusRegistered'),
      statusColor: cancelled ? 'Attention' : waiting ? 'Warning' : 'Good',
      detail: `${orgs.get(team.organizationId) ?? team.organizationId} · ${team.unit} · ${t('team_membersCount', { n: entries.length })}`,
      principal: `${t('team_principalLine', { name: names.get(team.principalId ?? '') || t('team_someone') })} – ${kickoff}`,
      members: entries.map((e) => names.get(e.userId) || t('team_someone')).join(', '),
      history: team.history.slice(-8).map((h) => historyLine(t, lang, h, names)),
      canChange: !cancelled && mayChange && now.getTime() <= deadlineInstant(activity).getTime(),
      confirmCancel: !cancelled && mayChange && input.confirmCancel === team.teamId,
    };
  });
  return teamListCard({
    t: { history: t('team_history'), edit: t('team_edit'), cancel: t('team_cancel'), cancelConfirm: t('team_cancelConfirm'), cancelConfirmButton: t('team_cancelConfirmButton') },
    heading: t('team_listHeading'),
    title: activity.title,
    notice: input.notice?.text ?? '',
    noticeStyle: input.notice?.style ?? 'default',
    intro: input.intro ?? '',
    empty: t('team_listEmpty'),
    activityId: activity.id,
    teams: items,
    more: input.teams.length > TEAMS_PER_PAGE ? t('page_showing', { from: offset + 1, to: offset + items.length, total: input.teams.length }) : '',
    pages: [
      ...(offset > 0 ? [{ title: t('page_previous'), offset: String(Math.max(0, offset - TEAMS_PER_PAGE)) }] : []),
      ...(offset + TEAMS_PER_PAGE < input.teams.length ? [{ title: t('page_next'), offset: String(offset + TEAMS_PER_PAGE) }] : []),
    ],
  });
}
