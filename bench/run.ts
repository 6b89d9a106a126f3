// `npm run bench [-- <group>...]`: runs the benchmark groups in bench/groups/ against the built app
// in the system Chromium, merges their figures into bench/results.json and prints a table.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtAppDir } from '../scripts/build-dir.js';
import { serve } from '../scripts/serve.js';
import { BenchPages } from './lib/bench-pages.ts';
import { chromiumArgs, chromiumVersion, findChromium, launchChromium } from './lib/chromium.ts';
import { machineMeta } from './lib/machine.ts';
import { groupNames, loadGroup } from './lib/registry.ts';
import { mergeResults, readResults, writeResults } from './lib/results.ts';
import { formatTable } from './lib/table.ts';
import type { BenchContext, Figure } from './types.ts';

const root = join(import.meta.dirname, '..');
const resultsFile = join(import.meta.dirname, 'results.json');
const appDir = resolve(root, builtAppDir);

async function main(): Promise<number> {
  const available = groupNames();
  const asked = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const unknown = asked.filter((name) => !available.includes(name));
  if (unknown.length) {
    console.error(`Unknown group(s): ${unknown.join(', ')}. Groups: ${available.join(', ')}`);
    return 2;
  }
  if (!existsSync(join(appDir, '200.html'))) {
    console.error('No built app in build/ (200.html missing). Run `npm run build` first.');
    return 2;
  }
  const names = asked.length ? asked : available;

  const chromiumPath = findChromium();
  const browser = await launchChromium(chromiumPath);
  const app = await serve({ dir: appDir, port: 0, quiet: true });
  const pages = new BenchPages();
  const started = Date.now();
  const ctx: BenchContext = {
    root,
    browser,
    chromium: {
      path: chromiumPath,
      args: chromiumArgs,
      version: chromiumVersion(browser, chromiumPath)
    },
    app: { url: app.url, dir: appDir },
    benchPage: (name) => pages.page(name),
    log: (message) => console.log(`  ${message}`)
  };

  const meta: Record<string, string | number> = machineMeta(ctx.chromium.version);
  const figures: Figure[] = [];
  const groupDates: Record<string, string> = {};
  const failed: string[] = [];
  try {
    for (const name of names) {
      console.log(`bench ${name}…`);
      const groupStart = Date.now();
      try {
        const group = await loadGroup(name);
        figures.push(...(await group.run(ctx)));
        groupDates[`meta.ranAt.${name}`] = new Date().toISOString();
      } catch (error) {
        // One broken group must not lose the others' figures.
        failed.push(name);
        console.error(`  group ${name} failed:`, error);
      }
      console.log(`  (${((Date.now() - groupStart) / 1000).toFixed(1)} s)`);
    }
  } finally {
    await pages.close();
    await app.close();
    await browser.close();
  }

  Object.assign(meta, groupDates);
  writeResults(resultsFile, mergeResults(readResults(resultsFile), meta, figures));
  console.log('\n' + formatTable(figures));
  console.log(`\nbench/results.json updated (${((Date.now() - started) / 1000).toFixed(0)} s).`);
  if (failed.length) console.error(`Failed group(s): ${failed.join(', ')}`);
  return failed.length ? 1 : 0;
}

// Exit when done: a timer or socket a group's library leaves behind (y-websocket's awareness
// intervals did) must not keep the run alive after the results are written.
process.exit(await main());
