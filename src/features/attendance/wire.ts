import type { Container } from '@azure/cosmos';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import { hasSource } from '../../kernel/attendance';
import type { AttendancePorts } from './ports';
import { httpDownloader } from './download';
import type { TokenCredentialOptions } from '@azure/identity';
import { GraphClient } from './graph/client';
import { graphCredential } from './graph/credential';
import { GraphAttendance } from './graph/fetcher';
import { MAX_REPORT_BYTES } from './report/decode';
import type { AttendanceServices } from './service';
import { AttendanceRepository } from './store';
import type { ActivityRepository } from '../activities';
import type { DirectoryRepository } from '../people';

export interface AttendanceFeature {
  /** The attendance feature's ports, its own services among them. */
  ports: AttendancePorts;
  start(): void;
  stop(): Promise<void>;
  /** For the scheduler: who was present at any session of the activity (null when nothing is recorded). */
  presentUserIds(activityId: string): Promise<string[] | null>;
  /** For the scheduler: who took part in this session is known (meeting ended and Graph done, or a report imported). */
  sessionSettled(activityId: string, sessionId: string): Promise<boolean>;
}

/** Builds the attendance feature from configuration: repository, file download, Graph when configured. */
export function createAttendance(input: {
  config: Config;
  log: Logger;
  now(): Date;
  activityRepository: ActivityRepository;
  directoryRepository: DirectoryRepository;
  activities: Container;
  meetings: Container;
  directory: Container;
  /** Options for the Graph credential's token requests (tests: trust the fake's certificate). */
  graphCredentialOptions?: TokenCredentialOptions;
}): AttendanceFeature {
  const { config } = input;
  const repo = new AttendanceRepository(input.activities, input.meetings, input.directory);
  // One credential for the process: it caches its tokens (client secret or managed identity, graph/credential.ts).
  const credential = graphCredential(config, input.graphCredentialOptions);
  const services: AttendanceServices = {
    repo,
    // Loopback downloads only in local anonymous mode (tests, the playground).
    download: httpDownloader({ maxBytes: MAX_REPORT_BYTES, timeoutMs: 20_000, allowLoopback: !config.MicrosoftAppId && config.NODE_ENV !== 'production' }),
    graph: null,
    maxReportBytes: MAX_REPORT_BYTES,
  };
  const ports: AttendancePorts = { config, log: input.log, now: () => input.now(), activities: input.activityRepository, directory: input.directoryRepository, attendance: services };
  // The Graph fetcher works through the same ports it is part of: set once, here, before anything runs.
  const graph = credential
    ? new GraphAttendance(
        new GraphClient({
          baseUrl: config.GRAPH_BASE_URL ?? 'https://graph.microsoft.com/v1.0',
          credential,
          scope: config.GRAPH_SCOPE ?? 'https://graph.microsoft.com/.default',
        }),
        input.log.child({ component: 'graph' }),
        { delayMs: config.GRAPH_FETCH_DELAY_MS ?? 300_000, maxAttempts: 6, pollMs: 60_000 },
        ports,
      )
    : null;
  services.graph = graph;
  return {
    ports,
    start: () => graph?.start(),
    stop: async () => {
      await graph?.stop();
    },
    presentUserIds: async (activityId) => {
      const docs = (await repo.ofActivity(activityId)).filter(hasSource);
      if (docs.length === 0) return null;
      return [...new Set(docs.filter((d) => d.present && d.person.aadObjectId).map((d) => d.person.aadObjectId as string))];
    },
    sessionSettled: async (activityId, sessionId) => {
      const meeting = await repo.meeting(activityId, sessionId);
      // A Graph report still to come after the meeting's end is waited for (the planner's fallback bounds the wait).
      if (meeting?.endedAt && meeting.graph?.status !== 'pending') return true;
      return (await repo.ofSession(activityId, sessionId)).some((d) => !!d.report || !!d.graph);
    },
  };
}
