// The activities feature as other features see it: they import from here, never from its files (dependency-cruiser checks it).
export { cancelSession } from './cancelSession';
export { icsPath } from './ics';
export { invitation } from './invitationData';
export { personalInvitation, withInvitationNotice } from './personal';
export { publishActivity } from './publish';
export { ActivityRefSchema } from './schemas';
export type { ActivityRepository } from './store';
export { activityListCard, helpCard, myRegistrationsCard, profileCard } from './views';
