import type { Card } from '../../platform/cards/render';
import { attachment, expand } from '../../platform/cards/render';

// One typed view per template in /cards. Every field a template binds must be present:
// an undefined binding would be left in the card as literal "${...}".

export interface InvitationRow {
  id: string;
  when: string;
  status: string;
  statusColor: 'Default' | 'Good' | 'Warning' | 'Attention';
  mine: boolean;
  canRegister: boolean;
  canCancel: boolean;
  registerTitle: string;
  joinUrl: string;
}

export interface InvitationView {
  t: {
    purpose: string;
    targetGroup: string;
    format: string;
    prerequisites: string;
    sessions: string;
    cancel: string;
    cancelSession: string;
    join: string;
    coordinator: string;
    coordinatorIntro: string;
    edit: string;
  };
  activityId: string;
  refreshUserIds: string[];
  /** The preview refreshes to the preview (it may have been published since), the rest to the person's view. */
  refreshVerb: 'invitation.refresh' | 'activity.preview';
  preview: boolean;
  /** Preview only: "not published yet", or where it is published. */
  previewText: string;
  previewStyle: 'warning' | 'good';
  /** Preview only: publish (again, after asking), edit, or go back. */
  previewActions: { title: string; verb: 'activity.publish' | 'activity.edit' | 'activity.preview'; style: 'positive' | 'default'; confirm: string }[];
  /** Coordinators in their own view: the sessions they may cancel for everyone, apart from the member's buttons. */
  coordinatorTools: boolean;
  coordinatorSessions: { id: string; when: string }[];
  notice: string;
  noticeStyle: 'good' | 'attention' | 'warning' | 'accent' | 'default';
  /** After a cancel, in the notice: "Ångra" registers again (empty otherwise). */
  undo: { title: string; sessionId: string }[];
  kindLabel: string;
  title: string;
  purpose: string;
  targetGroup: string;
  format: string;
  prerequisites: string[];
  sessions: InvitationRow[];
  deadlineText: string;
  /** teams and networks: "Register a team" on team activities, "Register colleagues" on others. */
  teamActions: { title: string; verb: 'team.form' | 'behalf.form' }[];
}

export function invitationCard(view: InvitationView): Card {
  return attachment(expand('invitation', view));
}

export interface FormSessionRow {
  label: string;
  date: string;
  start: string;
  end: string;
  link: string;
  error: string;
}

export interface ActivityFormView {
  t: Record<
    | 'intro'
    | 'requiredNote'
    | 'placeholderDate'
    | 'placeholderTime'
    | 'title'
    | 'placeholderTitle'
    | 'kind'
    | 'purpose'
    | 'targetGroup'
    | 'format'
    | 'prerequisites'
    | 'prepBefore'
    | 'prepDuring'
    | 'prepAfter'
    | 'sessions'
    | 'date'
    | 'start'
    | 'end'
    | 'link'
    | 'capacity'
    | 'min'
    | 'deadline'
    | 'mode'
    | 'save'
    | 'addSession',
    string
  >;
  heading: string;
  formError: string;
  activityId: string;
  f: {
    title: string;
    kind: string;
    purpose: string;
    targetGroup: string;
    format: string;
    prepBefore: string;
    prepDuring: string;
    prepAfter: string;
    capacity: number;
    minParticipants: number;
    deadline: string;
    registrationMode: string;
  };
  e: Record<'title' | 'kind' | 'purpose' | 'targetGroup' | 'format' | 'capacity' | 'minParticipants' | 'deadline' | 'registrationMode', string>;
  kinds: { title: string; value: string }[];
  modes: { title: string; value: string }[];
  sessions: FormSessionRow[];
  canAddSession: boolean;
}

export function activityFormCard(view: ActivityFormView): Card {
  return attachment(expand('activity-form', view));
}

export interface ProfileView {
  t: Record<'title' | 'intro' | 'organization' | 'other' | 'role' | 'continue', string>;
  error: string;
  activityId: string;
  sessionId: string;
  organizationId: string;
  organizationOther: string;
  jobRole: string;
  organizations: { title: string; value: string }[];
  roles: { title: string; value: string }[];
}

export function profileCard(view: ProfileView): Card {
  return attachment(expand('profile', view));
}

interface MyRegistrationItem {
  activityId: string;
  sessionId: string;
  title: string;
  /** "Hela serien, 5 tillfällen" for a series; '' for one session. */
  scopeLabel: string;
  /** Each session with its own date and time. */
  sessions: { when: string; note: string; joinUrl: string }[];
  status: string;
  canCancel: boolean;
}

export interface MyRegistrationsView {
  t: Record<'title' | 'empty' | 'cancel' | 'join' | 'undo', string>;
  notice: string;
  noticeStyle: 'good' | 'attention' | 'warning' | 'default';
  /** After a cancel: one "Ångra" that registers again (empty otherwise). */
  undo: { activityId: string; sessionId: string }[];
  items: MyRegistrationItem[];
}

export function myRegistrationsCard(view: MyRegistrationsView): Card {
  return attachment(expand('my-registrations', view));
}

export interface HelpView {
  title: string;
  intro: string;
  lines: string[];
  coordinatorTitle: string;
  coordinatorLines: string[];
}

export function helpCard(view: HelpView): Card {
  return attachment(expand('help', view));
}

export interface ActivityListView {
  heading: string;
  intro: string;
  empty: string;
  buttonTitle: string;
  verb: 'invitation.show' | 'activity.preview' | 'activity.publish';
  /** `group`: a heading shown above the item that starts a group (a term), '' or absent otherwise. */
  items: { activityId: string; title: string; detail: string; group?: string }[];
  /** A closing hint (how to see more), '' or absent for none. */
  more?: string;
}

export function activityListCard(view: ActivityListView): Card {
  return attachment(expand('activity-list', { ...view, more: view.more ?? '', items: view.items.map((i) => ({ ...i, group: i.group ?? '' })) }));
}
