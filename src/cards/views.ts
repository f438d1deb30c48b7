import type { Attachment } from 'botbuilder';
import { attachment, expand } from './render';

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
  /** Coordinators see a button to cancel the session itself. */
  canCancelSession: boolean;
  registerTitle: string;
  joinUrl: string;
}

export interface InvitationView {
  t: { preview: string; purpose: string; targetGroup: string; format: string; prerequisites: string; sessions: string; cancel: string; cancelSession: string; join: string; publish: string; edit: string };
  activityId: string;
  refreshUserIds: string[];
  preview: boolean;
  notice: string;
  noticeStyle: 'good' | 'attention' | 'warning' | 'accent' | 'default';
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

export function invitationCard(view: InvitationView): Attachment {
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
    'intro' | 'title' | 'placeholderTitle' | 'kind' | 'purpose' | 'targetGroup' | 'format' | 'prerequisites' | 'prepBefore' | 'prepDuring' | 'prepAfter' | 'sessions' | 'date' | 'start' | 'end' | 'link' | 'capacity' | 'min' | 'deadline' | 'mode' | 'save' | 'addSession',
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

export function activityFormCard(view: ActivityFormView): Attachment {
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

export function profileCard(view: ProfileView): Attachment {
  return attachment(expand('profile', view));
}

export interface MyRegistrationItem {
  activityId: string;
  sessionId: string;
  title: string;
  when: string;
  status: string;
  canCancel: boolean;
  joinUrl: string;
}

export interface MyRegistrationsView {
  t: Record<'title' | 'empty' | 'cancel' | 'join', string>;
  notice: string;
  noticeStyle: 'good' | 'attention' | 'default';
  items: MyRegistrationItem[];
}

export function myRegistrationsCard(view: MyRegistrationsView): Attachment {
  return attachment(expand('my-registrations', view));
}

export interface HelpView {
  title: string;
  intro: string;
  lines: string[];
  coordinatorTitle: string;
  coordinatorLines: string[];
}

export function helpCard(view: HelpView): Attachment {
  return attachment(expand('help', view));
}

export interface ActivityListView {
  heading: string;
  intro: string;
  empty: string;
  buttonTitle: string;
  verb: 'invitation.show' | 'activity.preview' | 'activity.publish';
  items: { activityId: string; title: string; detail: string }[];
}

export function activityListCard(view: ActivityListView): Attachment {
  return attachment(expand('activity-list', view));
}
