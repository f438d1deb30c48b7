import { bindFeature, type FeatureModule } from '../platform/teams/actionTypes';
import { activityFeature } from './activities/module';
import type { ActivityPorts } from './activities/ports';
import { attendanceFeature } from './attendance/module';
import type { AttendancePorts } from './attendance/ports';
import { networkFeature } from './networks/module';
import type { NetworkPorts } from './networks/ports';
import { peopleFeature } from './people/module';
import type { PeoplePorts } from './people/ports';
import { privacyFeature } from './privacy/module';
import type { PrivacyPorts } from './privacy/ports';
import { registrationFeature } from './registration/module';
import type { RegistrationPorts } from './registration/ports';
import { reminderFeature } from './reminders/module';
import type { ReminderPorts } from './reminders/ports';
import { reportFeature } from './reports/module';
import type { ReportPorts } from './reports/ports';
import { roleFeature } from './roles/module';
import type { RolePorts } from './roles/ports';
import { staffTeamFeature } from './staff-teams/module';
import type { StaffTeamPorts } from './staff-teams/ports';

/** The ports compose.ts builds, one set per feature. */
export interface FeaturePorts {
  activities: ActivityPorts;
  registration: RegistrationPorts;
  attendance: AttendancePorts;
  reminders: ReminderPorts;
  reports: ReportPorts;
  roles: RolePorts;
  staffTeams: StaffTeamPorts;
  networks: NetworkPorts;
  privacy: PrivacyPorts;
  people: PeoplePorts;
}

/** Every feature the bot has, bound to its ports, in the order their chat commands are listed. */
export function features(ports: FeaturePorts): FeatureModule[] {
  return [
    bindFeature(activityFeature, ports.activities),
    bindFeature(registrationFeature, ports.registration),
    bindFeature(attendanceFeature, ports.attendance),
    bindFeature(reminderFeature, ports.reminders),
    bindFeature(reportFeature, ports.reports),
    bindFeature(roleFeature, ports.roles),
    bindFeature(staffTeamFeature, ports.staffTeams),
    bindFeature(networkFeature, ports.networks),
    bindFeature(privacyFeature, ports.privacy),
    bindFeature(peopleFeature, ports.people),
  ];
}
