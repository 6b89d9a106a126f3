// Foundation figures (issue 001, item 10): write-path speed, bundle sizes, offline cold start,
// Lighthouse scores of the start page.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { measureOfflineColdStart } from '../foundation/cold-start.ts';
import { measurePageJs } from '../foundation/bundle-size.ts';
import { lighthouseMedian } from '../foundation/lighthouse.ts';
import { measureWriteRatio } from '../foundation/write-ratio.ts';
import { markerDescriptions } from '../foundation/ready-marker.ts';
import { round } from '../lib/stats.ts';
import type { BenchContext, BenchGroup, Figure } from '../types.ts';

async function writeFigures(ctx: BenchContext): Promise<Figure[]> {
  const result = await measureWriteRatio(ctx);
  const raw: Figure = {
    name: 'write.rawRowsPerSec',
    value: result.rawRowsPerSec === null ? null : Math.round(result.rawRowsPerSec),
    unit: 'rows/s'
  };
  if (!result.ok) {
    return [
      {
        name: 'write.ratio',
        value: null,
        unit: '×',
        target: { op: '>=', value: 0.5 },
        note: result.reason
      },
      { name: 'write.pathRowsPerSec', value: null, unit: 'rows/s', note: result.reason },
      raw
    ];
  }
  return [
    {
      name: 'write.ratio',
      value: round(result.ratio, 2),
      unit: '×',
      target: { op: '>=', value: 0.5 }
    },
    { name: 'write.pathRowsPerSec', value: Math.round(result.pathRowsPerSec), unit: 'rows/s' },
    raw
  ];
}

/** The owner pages are prerendered; until /n is, the server would answer with the staff shell. */
function isPrerendered(ctx: BenchContext, path: string): boolean {
  const base = join(ctx.app.dir, path);
  return existsSync(`${base}.html`) || existsSync(join(base, 'index.html'));
}

async function bundleFigures(ctx: BenchContext): Promise<Figure[]> {
  const staff = await measurePageJs(ctx.browser, `${ctx.app.url}/`);
  ctx.log(`staff start page: ${staff.files.length} JS files, ${staff.kbRaw.toFixed(1)} KB raw`);
  const figures: Figure[] = [
    {
      name: 'bundle.staffStartKbGz',
      value: round(staff.kbGz),
      unit: 'KB gz',
      target: { op: '<=', value: 150 }
    }
  ];
  const ownerTarget = { op: '<=', value: 50 } as const;
  if (isPrerendered(ctx, 'n')) {
    const owner = await measurePageJs(ctx.browser, `${ctx.app.url}/n`);
    ctx.log(`owner page /n: ${owner.files.length} JS files, ${owner.kbRaw.toFixed(1)} KB raw`);
    figures.push({
      name: 'bundle.ownerKbGz',
      value: round(owner.kbGz),
      unit: 'KB gz',
      target: ownerTarget
    });
  } else {
    figures.push({
      name: 'bundle.ownerKbGz',
      value: null,
      unit: 'KB gz',
      target: ownerTarget,
      note: 'no prerendered owner page /n in build/ yet'
    });
  }
  return figures;
}

async function coldStartFigures(ctx: BenchContext): Promise<Figure[]> {
  const result = await measureOfflineColdStart(ctx);
  const target = { op: '<', value: 1000 } as const;
  if (!result.ok) {
    return [{ name: 'coldStart.offlineMs', value: null, unit: 'ms', target, note: result.reason }];
  }
  return [
    {
      name: 'coldStart.offlineMs',
      value: Math.round(result.medianMs),
      unit: 'ms',
      target,
      // Say which fallback was used while the app sets no marker of its own.
      note:
        result.marker === 'main' || result.marker === 'fcp'
          ? `ready = ${markerDescriptions[result.marker]}`
          : undefined
    }
  ];
}

async function lighthouseFigures(ctx: BenchContext): Promise<Figure[]> {
  const scores = await lighthouseMedian(ctx.chromium.path, `${ctx.app.url}/`);
  ctx.log(
    `lighthouse runs (perf/a11y/bp): ${scores.runs
      .map((r) => `${r.performance}/${r.accessibility}/${r.bestPractices}`)
      .join(', ')}`
  );
  const target = { op: '>=', value: 95 } as const;
  return [
    { name: 'lighthouse.performance', value: scores.performance, unit: 'score', target },
    { name: 'lighthouse.accessibility', value: scores.accessibility, unit: 'score', target },
    { name: 'lighthouse.bestPractices', value: scores.bestPractices, unit: 'score', target }
  ];
}

/** A measurement that throws still reports its figures, as null with the error as the note. */
async function guarded(
  ctx: BenchContext,
  names: readonly string[],
  measure: (ctx: BenchContext) => Promise<Figure[]>
): Promise<Figure[]> {
  try {
    return await measure(ctx);
  } catch (error) {
    const note = `failed: ${String(error).split('\n')[0]}`;
    ctx.log(`${names.join(', ')} ${note}`);
    return names.map((name) => ({ name, value: null, unit: '', note }));
  }
}

export default {
  name: 'foundation',
  async run(ctx) {
    return [
      ...(await guarded(ctx, ['write.ratio'], writeFigures)),
      ...(await guarded(ctx, ['bundle.staffStartKbGz', 'bundle.ownerKbGz'], bundleFigures)),
      ...(await guarded(ctx, ['coldStart.offlineMs'], coldStartFigures)),
      ...(await guarded(
        ctx,
        ['lighthouse.performance', 'lighthouse.accessibility', 'lighthouse.bestPractices'],
        lighthouseFigures
      ))
    ];
  }
} satisfies BenchGroup;
