// Lighthouse 12 (default mobile profile, simulated throttling) against a served page, in a
// Chromium of its own launched by chrome-launcher with the same flags as the rest of the bench.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumArgs } from '../lib/chromium.ts';
import { median } from '../lib/stats.ts';

export interface LighthouseScores {
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
}

/** Lighthouse's own advice: scores vary between runs, report the median of several. */
export async function lighthouseMedian(
  chromePath: string,
  url: string,
  runs = 3
): Promise<LighthouseScores & { runs: LighthouseScores[] }> {
  const all: LighthouseScores[] = [];
  for (let i = 0; i < runs; i++) all.push(await runLighthouse(chromePath, url));
  const pick = (key: keyof LighthouseScores) => {
    const values = all.map((scores) => scores[key]).filter((v): v is number => v !== null);
    return values.length ? median(values) : null;
  };
  return {
    performance: pick('performance'),
    accessibility: pick('accessibility'),
    bestPractices: pick('bestPractices'),
    runs: all
  };
}

export async function runLighthouse(chromePath: string, url: string): Promise<LighthouseScores> {
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: [...chromiumArgs, '--headless=new']
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices']
    });
    if (!result) throw new Error('Lighthouse returned nothing');
    if (result.lhr.runtimeError) throw new Error(result.lhr.runtimeError.message);
    const score = (id: string) => {
      const value = result.lhr.categories[id]?.score;
      return typeof value === 'number' ? Math.round(value * 100) : null;
    };
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices')
    };
  } finally {
    chrome.kill();
  }
}
