import type { FeatureModule } from '../platform/teams/actionTypes';
import { activityModule } from './activities/module';
import { registrationModule } from './registration/module';
import { attendanceModule } from './attendance/module';
import { reminderModule } from './reminders/module';
import { reportModule } from './reports/module';
import { roleModule } from './roles/module';
import { staffTeamModule } from './staff-teams/module';
import { networkModule } from './networks/module';
import { privacyModule } from './privacy/module';
import { peopleModule } from './people/module';

/** Every feature the bot has, in the order their chat commands are listed. */
export const FEATURES: readonly FeatureModule[] = [
  activityModule,
  registrationModule,
  attendanceModule,
  reminderModule,
  reportModule,
  roleModule,
  staffTeamModule,
  networkModule,
  privacyModule,
  peopleModule,
];
