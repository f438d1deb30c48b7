import os from 'node:os';
import { performance } from 'node:perf_hooks';

export interface CpuReading {
  /** User + system CPU of the whole process (all threads, so the load worker too), in ms. */
  processCpuMs: number;
  /** Share of the interval the main thread's event loop was busy (1 = saturated). */
  mainThreadBusy: number;
}

/**
 * CPU used by this process over an interval. Less sensitive than wall time to other programs
 * competing for the cores, so it is the better figure for comparing runs on a shared machine.
 */
export function cpuMeter(): { stop(): CpuReading } {
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  return {
    stop() {
      const cpu = process.cpuUsage(cpu0);
      const elu = performance.eventLoopUtilization(elu0);
      return { processCpuMs: (cpu.user + cpu.system) / 1000, mainThreadBusy: Number(elu.utilization.toFixed(3)) };
    },
  };
}

/** One-minute load average and core count, to judge whether other work shared the machine. */
export function machineLoad(): { loadavg1: number; cpus: number } {
  return { loadavg1: Number((os.loadavg()[0] ?? 0).toFixed(2)), cpus: os.cpus().length };
}
