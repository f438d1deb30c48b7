import type { FeatureModule } from '../../platform/teams/actionTypes';
import { attendanceCommands } from './commands';
import { attendanceHandlers } from './handlers';
import { meetingEnded, meetingStarted, participantsChanged } from './meetingEvents';
import { fileAttachmentsOf, receiveReportFile } from './receiveFile';

export const attendanceModule: FeatureModule = {
  name: 'attendance',
  verbs: attendanceHandlers,
  coordinatorVerbs: ['attendance.mark.show', 'attendance.mark.save', 'attendance.link', 'attendance.graph.fetch'],
  commands: attendanceCommands,
  // A file sent in a 1:1 chat is the Teams attendance report.
  files: {
    accepts: (context) => fileAttachmentsOf(context.activity).length > 0,
    receive: (env, text) => receiveReportFile(env, fileAttachmentsOf(env.context.activity), text),
  },
  meeting: { started: meetingStarted, ended: meetingEnded, participants: participantsChanged },
};
