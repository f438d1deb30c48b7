import type { FeatureSpec } from '../../platform/teams/actionTypes';
import type { ReportPorts } from './ports';
import { reportCommands, reportHandlers } from './commands';

export const reportFeature: FeatureSpec<ReportPorts> = {
  name: 'reports',
  verbs: reportHandlers,
  commands: reportCommands,
};
