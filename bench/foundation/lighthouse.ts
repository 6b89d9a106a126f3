// Lighthouse 12 (default mobile profile, simulated throttling) against a served page, in a
// Chromium of its own launched by chrome-launcher with the same flags as the rest of the bench.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumArgs } from '../lib/chromium.ts';

export interface LighthouseScores {
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
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
