// Many offices (issue 21): 1,000 simulated offices × 5 devices over 2 relay processes on one
// PostgreSQL, beside SQLite baselines of the same run — what and how: bench/lib/scale-load.ts.
// It runs in a child process: the simulated devices get an event loop of their own, apart from
// the runner's Chromium connection. (The connects' old stall was a Node crypto deadlock, fixed
// in load-client.ts and the relay's auth.ts; BENCHMARKS.md says what it was.)
import { spawn } from 'node:child_process';
import { FIGURES_MARKER } from '../lib/scale-load.ts';
import type { BenchGroup, Figure } from '../types.ts';

export default {
  name: 'scale',
  run(ctx) {
    return new Promise<Figure[]>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/scale-load.ts'], {
        cwd: ctx.root,
        stdio: ['ignore', 'pipe', 'inherit']
      });
      let figures: Figure[] | undefined;
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (line.startsWith(FIGURES_MARKER))
            figures = JSON.parse(line.slice(FIGURES_MARKER.length)) as Figure[];
          else if (line.trim()) ctx.log(line);
        }
      });
      child.on('error', reject);
      child.on('exit', (code) =>
        figures ? resolve(figures) : reject(new Error(`scale run failed (${code})`))
      );
    });
  }
} satisfies BenchGroup;
