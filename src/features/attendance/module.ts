import type { FeatureSpec } from '../../platform/teams/actionTypes';
import type { AttendancePorts } from './ports';
import { attendanceCommands } from './commands';
import { attendanceHandlers } from './handlers';
import { meetingEnded, meetingStarted, participantsChanged } from './meetingEvents';
import { fileAttachmentsOf, receiveReportFile } from './receiveFile';

export const attendanceFeature: FeatureSpec<AttendancePorts> = {
  name: 'attendance',
  verbs: attendanceHandlers,
  coordinatorVerbs: ['attendance.mark.show', 'attendance.mark.save', 'attendance.link', 'attendance.graph.fetch'],
  commands: attendanceCommands,
  // A file sent in a 1:1 chat is the Teams attendance report.
  files: {
    accepts: (turn) => fileAttachmentsOf(turn.attachments).length > 0,
    receive: (turn, text) => receiveReportFile(turn, fileAttachmentsOf(turn.attachments), text),
  },
  meeting: { started: meetingStarted, ended: meetingEnded, participants: participantsChanged },
};
