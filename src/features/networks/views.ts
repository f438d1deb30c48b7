import type { Card } from '../../platform/cards/render';
import { attachment, expand } from '../../platform/cards/render';
import type { Choice } from '../staff-teams';

// One typed view per template (cards/network-*.json). Every field a template binds must be present.

export interface NetworkFormView {
  t: Record<'heading' | 'name' | 'description' | 'linkHere' | 'save', string>;
  error: string;
  name: string;
  description: string;
  inChannel: boolean;
  linkHere: 'true' | 'false';
}

export function networkFormCard(view: NetworkFormView): Card {
  return attachment(expand('network-form', view));
}

interface NetworkListItem {
  networkId: string;
  name: string;
  description: string;
  detail: string;
  canSeeMembers: boolean;
  member: boolean;
  remindersOff: boolean;
}

export interface NetworkListView {
  t: Record<'members' | 'leave' | 'rejoin', string>;
  heading: string;
  notice: string;
  empty: string;
  items: NetworkListItem[];
}

export function networkListCard(view: NetworkListView): Card {
  return attachment(expand('network-list', view));
}

export interface NetworkMembersView {
  t: Record<'heading' | 'empty' | 'remove' | 'addHeading' | 'addPeople' | 'addTyped' | 'addOrganization' | 'addRole' | 'add' | 'import', string>;
  title: string;
  notice: string;
  noticeStyle: 'good' | 'attention' | 'warning' | 'default';
  intro: string;
  networkId: string;
  rows: { userId: string; name: string; detail: string }[];
  /** "Showing 1–40 of 95". */
  more: string;
  /** Previous and next page buttons. */
  pages: { title: string; offset: string }[];
  canEdit: boolean;
  canImport: boolean;
  organizations: Choice[];
  roles: Choice[];
}

export function networkMembersCard(view: NetworkMembersView): Card {
  return attachment(expand('network-members', view));
}
