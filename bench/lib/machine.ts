// Machine context stored beside the figures, so a number can be read against the box it came from.
import { cpus, loadavg, totalmem } from 'node:os';

export function machineMeta(chromiumVersion: string): Record<string, string | number> {
  const cpuList = cpus();
  return {
    'meta.cpu': cpuList[0]?.model.trim() ?? 'unknown',
    'meta.cores': cpuList.length,
    'meta.memoryGb': Math.round(totalmem() / 2 ** 30),
    'meta.os': `${process.platform} ${process.arch}`,
    'meta.node': process.version,
    'meta.chromium': chromiumVersion,
    'meta.date': new Date().toISOString(),
    // Other work on the machine when the run started: busy machines make noisy timings.
    'meta.loadAvg1m': Math.round(loadavg()[0] * 100) / 100
  };
}
