import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

export interface CpuReading {
  /** User + system CPU of the whole process (all threads, so the load worker too), in ms. */
  processCpuMs: number;
  /** Share of the interval the main thread's event loop was busy (1 = saturated). */
  mainThreadBusy: number;
  /** CPU of the main thread alone (the bot's event loop), in ms; NaN where /proc is missing. */
  mainThreadCpuMs: number;
  /** CPU of the embedded store's thread, in ms; NaN without one. */
  storeThreadCpuMs: number;
}

// Linux reports thread CPU in clock ticks of 1/100 s (USER_HZ); 10 ms resolution is plenty over a burst.
const TICK_MS = 10;

/** User + system CPU of one thread of this process (/proc/self/task/<tid>/stat), in ms. */
function threadCpuMs(tid: number | undefined): number {
  if (tid === undefined) return NaN;
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after the command name in parentheses: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return NaN;
  }
}

/**
 * CPU used by this process over an interval. Less sensitive than wall time to other programs
 * competing for the cores, so it is the better figure for comparing runs on a shared machine.
 */
export function cpuMeter(storeThreadId?: number): { stop(): CpuReading } {
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const main0 = threadCpuMs(process.pid);
  const store0 = threadCpuMs(storeThreadId);
  return {
    stop() {
      const cpu = process.cpuUsage(cpu0);
      const elu = performance.eventLoopUtilization(elu0);
      return {
        processCpuMs: (cpu.user + cpu.system) / 1000,
        mainThreadBusy: Number(elu.utilization.toFixed(3)),
        mainThreadCpuMs: threadCpuMs(process.pid) - main0,
        storeThreadCpuMs: threadCpuMs(storeThreadId) - store0,
      };
    },
  };
}

/** One-minute load average and core count, to judge whether other work shared the machine. */
export function machineLoad(): { loadavg1: number; cpus: number } {
  return { loadavg1: Number((os.loadavg()[0] ?? 0).toFixed(2)), cpus: os.cpus().length };
}
