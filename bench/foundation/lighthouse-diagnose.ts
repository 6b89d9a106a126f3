// `npx tsx bench/foundation/lighthouse-diagnose.ts [runs]`: one or more Lighthouse runs of `/`
// (the bench's profile) against build/, printing the metrics and the diagnostics behind the
// performance score (bootup per script, main-thread work, chains, LCP element, unused JS), so a
// drop of `lighthouse.performance` can be traced to its cause. The full report of the last run
// goes to bench/.dist/lighthouse.json (git-ignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { builtAppDir } from '../../scripts/build-dir.js';
import { serve } from '../../scripts/serve.js';
import { chromiumArgs, findChromium } from '../lib/chromium.ts';

interface AuditItem {
  [key: string]: unknown;
}

const root = join(import.meta.dirname, '..', '..');
const runs = Number(process.argv[2] ?? 1);
const app = await serve({ dir: resolve(root, builtAppDir), port: 0, quiet: true });
try {
  for (let i = 0; i < runs; i++) {
    const chrome = await chromeLauncher.launch({
      chromePath: findChromium(),
      chromeFlags: [...chromiumArgs, '--headless=new']
    });
    try {
      const result = await lighthouse(`${app.url}/`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: process.env.LH_ALL
          ? ['performance', 'accessibility', 'best-practices']
          : ['performance']
      });
      if (!result) throw new Error('Lighthouse returned nothing');
      const { lhr } = result;
      const audit = (id: string) => lhr.audits[id];
      const ms = (id: string) => Math.round(audit(id)?.numericValue ?? NaN);
      console.log(
        `run ${i + 1}: performance ${Math.round((lhr.categories.performance.score ?? 0) * 100)}` +
          ` FCP ${ms('first-contentful-paint')} LCP ${ms('largest-contentful-paint')}` +
          ` TBT ${ms('total-blocking-time')} SI ${ms('speed-index')}` +
          ` CLS ${audit('cumulative-layout-shift')?.numericValue?.toFixed(3)}`
      );
      for (const ref of lhr.categories.performance.auditRefs.filter((r) => r.weight > 0)) {
        console.log(`  ${ref.id}: score ${audit(ref.id)?.score} (weight ${ref.weight})`);
      }
      const items = (id: string) =>
        ((audit(id)?.details as { items?: AuditItem[] } | undefined)?.items ?? []) as AuditItem[];
      console.log('  bootup-time:');
      for (const item of items('bootup-time'))
        console.log(
          `    ${String(item.url).replace(app.url, '')} total ${Math.round(Number(item.total))} script ${Math.round(Number(item.scripting))} parse ${Math.round(Number(item.scriptParseCompile))}`
        );
      console.log('  mainthread-work-breakdown:');
      for (const item of items('mainthread-work-breakdown'))
        console.log(`    ${String(item.groupLabel)} ${Math.round(Number(item.duration))}`);
      console.log('  network-requests:');
      for (const item of items('network-requests'))
        console.log(
          `    ${String(item.url).replace(app.url, '')} ${Math.round(Number(item.networkRequestTime))}→${Math.round(Number(item.networkEndTime))} ${item.transferSize} B ${String(item.resourceType)}`
        );
      for (const id of [
        'largest-contentful-paint-element',
        'lcp-lazy-loaded',
        'render-blocking-resources',
        'unused-javascript',
        'long-tasks',
        'layout-shifts',
        'critical-request-chains',
        'server-response-time'
      ]) {
        const a = audit(id);
        if (!a) continue;
        console.log(`  ${id}: ${a.displayValue ?? ''} score ${a.score}`);
        console.log(`    ${String(JSON.stringify(a.details)).slice(0, 1500)}`);
      }
      mkdirSync(join(root, 'bench', '.dist'), { recursive: true });
      writeFileSync(join(root, 'bench', '.dist', 'lighthouse.json'), JSON.stringify(lhr, null, 1));
    } finally {
      chrome.kill();
    }
  }
} finally {
  await app.close();
}
