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

/** The share of the machine's CPU time that was busy over `ms` (os.cpus' counters). */
async function busyShare(ms: number): Promise<number> {
  const sum = () =>
    cpus().reduce(
      (acc, c) => {
        const { idle, ...rest } = c.times;
        acc.idle += idle;
        acc.busy += Object.values(rest).reduce((a, b) => a + b, 0);
        return acc;
      },
      { idle: 0, busy: 0 }
    );
  const before = sum();
  await new Promise((r) => setTimeout(r, ms));
  const after = sum();
  const busy = after.busy - before.busy;
  const total = busy + after.idle - before.idle;
  return total > 0 ? busy / total : 0;
}

/**
 * Wait until the machine is quiet (under `share` busy over half a second), at most `maxMs`:
 * IndexedDB compacts what a run wrote for seconds after it, in the browser's own threads, and
 * the next measurement would pay for it (a catch-up after the raw floor of the run before, the
 * floor after the catch-up). Returns the ms waited.
 */
export async function untilQuiet(share = 0.25, maxMs = 20_000): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < maxMs && (await busyShare(500)) > share);
  return Date.now() - start;
}
