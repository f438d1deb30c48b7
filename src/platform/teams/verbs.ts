// Every Action.Execute verb a card may carry. Templates are tested against this list.
export const VERBS = [
  'invitation.refresh',
  'invitation.show',
  'registration.register',
  'registration.cancel',
  'profile.save',
  'activity.form.addSession',
  'activity.save',
  'activity.edit',
  'activity.preview',
  'activity.publish',
  'activity.reinvite',
  'session.cancel',
  'reminders.optOut',
  'survey.answer',
  // attendance
  'attendance.checkIn',
  'attendance.mark.show',
  'attendance.mark.save',
  'attendance.link',
  'attendance.graph.fetch',
  // teams and networks
  'team.form',
  'team.list',
  'team.save',
  'team.cancel',
  'team.kickoff',
  'team.settings.save',
  'behalf.form',
  'behalf.save',
  'behalf.cancel',
  'network.save',
  'network.members.show',
  'network.members.add',
  'network.members.remove',
  'network.import',
  'network.leave',
  'network.rejoin',
  'network.decline',
  'network.meeting.post',
  // reports
  'report.page',
  'report.pick',
  'report.export',
  // privacy
  'privacy.erase.ask',
  'privacy.erase.confirm',
  'privacy.erase.cancel',
] as const;
export type Verb = (typeof VERBS)[number];

export function isVerb(v: unknown): v is Verb {
  return typeof v === 'string' && (VERBS as readonly string[]).includes(v);
}
