import type { Card } from '../../platform/cards/render';
import { JOB_ROLES } from '../../kernel/people';
import { translator, type Lang } from '../i18n';
import type { Organization, Person } from '../../kernel/people';
import type { Registrar } from '../staff-teams';
import type { Network, NetworkMember } from './schemas';
import { networkFormCard, networkListCard, networkMembersCard } from './views';

const PAGE_ROWS = 40;

export function networkFormAttachment(input: { lang: Lang; inChannel: boolean; values?: Record<string, unknown>; error?: string }): Card {
  const t = translator(input.lang);
  const v = input.values ?? {};
  const str = (k: string) => (typeof v[k] === 'string' ? String(v[k]) : '');
  return networkFormCard({
    t: { heading: t('net_formHeading'), name: t('net_name'), description: t('net_description'), linkHere: t('net_linkHere'), save: t('net_save') },
    error: input.error ?? '',
    name: str('name').slice(0, 100),
    description: str('description').slice(0, 500),
    inChannel: input.inChannel,
    linkHere: str('linkHere') === 'false' ? 'false' : 'true',
  });
}

/** Every network, with what the viewer may do: see members (coordinators, managers), leave or rejoin reminders (members). */
/** What the network list shows: the networks (at most 25), their sizes, the viewer's memberships. */
export interface NetworkListData {
  networks: readonly Network[];
  memberCounts: ReadonlyMap<string, number>;
  mine: readonly NetworkMember[];
}

/** Every network, with what the viewer may do: see members (coordinators, managers), leave or rejoin reminders (members). */
export function networkListAttachment(input: { lang: Lang; viewer: Registrar; notice?: string }, data: NetworkListData): Card {
  const t = translator(input.lang);
  const mine = new Map(data.mine.map((m) => [m.networkId, m]));
  const items = data.networks.map((n) => {
    const count = data.memberCounts.get(n.networkId) ?? 0;
    const membership = mine.get(n.networkId);
    return {
      networkId: n.networkId,
      name: n.name,
      description: n.description.length > 160 ? `${n.description.slice(0, 159)}…` : n.description,
      detail: [t('net_memberCount', { n: count }), n.channel ? t('net_linked') : t('net_notLinked'), ...(membership ? [membership.remindersOff ? t('net_youLeft') : t('net_youAreMember')] : [])].join(
        ' · ',
      ),
      canSeeMembers: input.viewer.coordinator || input.viewer.managerOf !== null,
      member: !!membership,
      remindersOff: !!membership?.remindersOff,
    };
  });
  return networkListCard({
    t: { members: t('net_membersButton'), leave: t('net_leave'), rejoin: t('net_rejoin') },
    heading: t('net_listHeading'),
    notice: input.notice ?? '',
    empty: t('net_listEmpty'),
    items,
  });
}

/** The members a viewer may see: all for coordinators, their organisation's for managers. */
function visibleMembers(members: readonly NetworkMember[], orgOf: (m: NetworkMember) => string | undefined, viewer: Registrar): NetworkMember[] {
  if (viewer.coordinator) return [...members];
  return members.filter((m) => viewer.managerOf !== null && orgOf(m) === viewer.managerOf);
}

export type NetworkMembersInput = { lang: Lang; network: Network; viewer: Registrar; canImport: boolean; offset?: number; notice?: { text: string; style: 'good' | 'attention' | 'warning' } };

/** What the members card shows: the roster, the people on it and the organisations. */
export interface NetworkMembersData {
  members: readonly NetworkMember[];
  people: ReadonlyMap<string, Person>;
  organizations: readonly Organization[];
}

export function networkMembersAttachment(input: NetworkMembersInput, data: NetworkMembersData): Card {
  const t = translator(input.lang);
  const { members, people } = data;
  const orgOf = (m: NetworkMember) => m.organizationId ?? people.get(m.userId)?.organizationId;
  const orgs = data.organizations;
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const name = (m: NetworkMember) => people.get(m.userId)?.name || people.get(m.userId)?.email || t('team_someone');
  const visible = visibleMembers(members, orgOf, input.viewer).sort((a, b) => name(a).localeCompare(name(b), 'sv'));
  const offset = Math.max(0, Math.min(input.offset ?? 0, Math.max(0, visible.length - 1)));
  const rows = visible.slice(offset, offset + PAGE_ROWS).map((m) => {
    const org = orgOf(m);
    const role = m.jobRole ?? people.get(m.userId)?.jobRole;
    return {
      userId: m.userId,
      name: name(m),
      detail: [org ? (orgName.get(org) ?? org) : t('net_noOrganization'), ...(role ? [t(`role_${role}`)] : []), ...(m.remindersOff ? [t('net_remindersOff')] : [])].join(' · '),
    };
  });
  const canEdit = input.viewer.coordinator;
  return networkMembersCard({
    t: {
      heading: t('net_membersHeading'),
      empty: t('net_membersEmpty'),
      remove: t('net_remove'),
      addHeading: t('net_addHeading'),
      addPeople: t('net_addPeople'),
      addTyped: t('net_addTyped'),
      addOrganization: t('net_addOrganization'),
      addRole: t('net_addRole'),
      add: t('net_add'),
      import: t('net_import'),
    },
    title: input.network.name,
    notice: input.notice?.text ?? '',
    noticeStyle: input.notice?.style ?? 'default',
    intro: input.viewer.coordinator ? '' : t('net_membersOwnOrg'),
    networkId: input.network.networkId,
    rows,
    more: visible.length > PAGE_ROWS ? t('page_showing', { from: offset + 1, to: offset + rows.length, total: visible.length }) : '',
    pages: [
      ...(offset > 0 ? [{ title: t('page_previous'), offset: String(Math.max(0, offset - PAGE_ROWS)) }] : []),
      ...(offset + PAGE_ROWS < visible.length ? [{ title: t('page_next'), offset: String(offset + PAGE_ROWS) }] : []),
    ],
    canEdit,
    canImport: canEdit && input.canImport,
    organizations: canEdit ? [{ title: t('net_keep'), value: '' }, ...orgs.map((o) => ({ title: o.name, value: o.id }))] : [],
    roles: canEdit ? [{ title: t('net_keep'), value: '' }, ...JOB_ROLES.map((r) => ({ title: t(`role_${r}`), value: r }))] : [],
  });
}
