import type { Card } from '../../platform/cards/render';
import { attachment, expand } from '../../platform/cards/render';

// One typed view per template (cards/team-*.json). Every field a template binds must be present.

export interface Choice {
  title: string;
  value: string;
}

export interface TeamFormView {
  t: Record<'session' | 'organization' | 'unit' | 'name' | 'members' | 'membersTyped' | 'principal' | 'principalTyped' | 'save', string>;
  heading: string;
  title: string;
  intro: string;
  error: string;
  activityId: string;
  teamId: string;
  scope: string;
  sessions: Choice[];
  organizationId: string;
  organizations: Choice[];
  unit: string;
  name: string;
  /** Comma-separated object ids, with their names in memberChoices so the picker shows them. */
  members: string;
  memberChoices: Choice[];
  membersTyped: string;
  principal: string;
  principalChoices: Choice[];
  principalTyped: string;
}

export function teamFormCard(view: TeamFormView): Card {
  return attachment(expand('team-form', view));
}

export interface TeamBehalfView {
  t: Record<'session' | 'organization' | 'people' | 'typed' | 'save', string>;
  heading: string;
  title: string;
  intro: string;
  error: string;
  activityId: string;
  scope: string;
  sessions: Choice[];
  organizationId: string;
  organizations: Choice[];
  members: string;
  memberChoices: Choice[];
  membersTyped: string;
}

export function teamBehalfCard(view: TeamBehalfView): Card {
  return attachment(expand('team-behalf', view));
}

export interface TeamSettingsView {
  t: Record<'mode' | 'min' | 'max' | 'maxPeople' | 'network' | 'save' | 'post', string>;
  heading: string;
  title: string;
  notice: string;
  noticeStyle: 'good' | 'attention' | 'default';
  activityId: string;
  mode: 'individual' | 'team';
  modes: Choice[];
  capacityHint: string;
  minSize: number;
  maxSize: number;
  maxPeople: string;
  networkId: string;
  networks: Choice[];
  canPost: boolean;
}

export function teamSettingsCard(view: TeamSettingsView): Card {
  return attachment(expand('team-settings', view));
}

export interface TeamListItem {
  teamId: string;
  name: string;
  status: string;
  statusColor: 'Default' | 'Good' | 'Warning' | 'Attention';
  detail: string;
  principal: string;
  members: string;
  history: string[];
  canChange: boolean;
  confirmCancel: boolean;
}

export interface TeamListView {
  t: Record<'history' | 'edit' | 'cancel' | 'cancelConfirm' | 'cancelConfirmButton', string>;
  heading: string;
  title: string;
  notice: string;
  noticeStyle: 'good' | 'attention' | 'warning' | 'default';
  intro: string;
  empty: string;
  activityId: string;
  teams: TeamListItem[];
  /** "Showing 1–10 of 23" and the page buttons. */
  more: string;
  pages: { title: string; offset: string }[];
}

export function teamListCard(view: TeamListView): Card {
  return attachment(expand('team-list', view));
}
