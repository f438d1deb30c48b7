import type { Downloader } from './download';
import type { GraphAttendance } from './graph/fetcher';
import type { AttendanceRepository } from './store';

/** What the attendance feature needs besides the shared services; made in src/compose.ts. */
export interface AttendanceServices {
  repo: AttendanceRepository;
  download: Downloader;
  /** Null when no Graph credentials are configured. */
  graph: GraphAttendance | null;
  /** Largest report file accepted, in bytes. */
  maxReportBytes: number;
}
