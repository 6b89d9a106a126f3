// Notices figures (issue 8): the owner page as an owner opens it — a real signed link, not the
// empty page — its JavaScript and its Lighthouse scores on Lighthouse's default mobile profile.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { measurePageJs } from '../foundation/bundle-size.ts';
import { lighthouseMedian } from '../foundation/lighthouse.ts';
import { typicalOwnerLink } from '../notices/owner-link.ts';
import { round } from '../lib/stats.ts';
import type { BenchContext, BenchGroup, Figure } from '../types.ts';

async function guarded(
  ctx: BenchContext,
  names: readonly string[],
  measure: () => Promise<Figure[]>
): Promise<Figure[]> {
  try {
    return await measure();
  } catch (error) {
    const note = `failed: ${String(error).split('\n')[0]}`;
    ctx.log(`${names.join(', ')} ${note}`);
    return names.map((name) => ({ name, value: null, unit: '', note }));
  }
}

export default {
  name: 'notices',
  async run(ctx) {
    if (!existsSync(join(ctx.app.dir, 'n', 'index.html'))) {
      const note = 'no prerendered owner page n/index.html in build/';
      return ['bundle.ownerKbGz', 'lighthouse.owner.performance'].map((name) => ({
        name,
        value: null,
        unit: '',
        note
      }));
    }
    const link = typicalOwnerLink(ctx.app.url);
    ctx.log(`owner link of the typical notice: ${link.length - ctx.app.url.length} characters`);
    const bundle = await guarded(ctx, ['bundle.ownerKbGz'], async () => {
      // Inline scripts count too (measurePageJs): the owner page carries its script inline.
      const js = await measurePageJs(ctx.browser, link);
      ctx.log(`owner page with a notice: ${js.files.length} scripts, ${js.kbGz.toFixed(1)} KB gz`);
      return [
        {
          name: 'bundle.ownerKbGz',
          value: round(js.kbGz),
          unit: 'KB gz',
          target: { op: '<=', value: 50 }
        },
        {
          name: 'notices.typicalLinkChars',
          value: link.length - ctx.app.url.length,
          unit: 'chars',
          target: { op: '<=', value: 2000 }
        }
      ];
    });
    const names = [
      'lighthouse.owner.performance',
      'lighthouse.owner.accessibility',
      'lighthouse.owner.bestPractices'
    ] as const;
    const lighthouse = await guarded(ctx, names, async () => {
      const scores = await lighthouseMedian(ctx.chromium.path, link);
      ctx.log(
        `owner lighthouse runs (perf/a11y/bp): ${scores.runs
          .map((r) => `${r.performance}/${r.accessibility}/${r.bestPractices}`)
          .join(', ')}`
      );
      const target = { op: '>=', value: 95 } as const;
      return [
        { name: names[0], value: scores.performance, unit: 'score', target },
        { name: names[1], value: scores.accessibility, unit: 'score', target },
        { name: names[2], value: scores.bestPractices, unit: 'score', target }
      ];
    });
    return [...bundle, ...lighthouse];
  }
} satisfies BenchGroup;
