import { existsSync } from 'node:fs';
import { serve } from '../../../scripts/serve.js';

/**
 * Serves build/ on a free port for the whole run. The URL goes through the environment, which the
 * test workers inherit (playwright.config.ts reads it as baseURL).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  for (const file of ['build/200.html', 'build/sw.js']) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: run \`npm run build\` before the browser tests.`);
    }
  }
  const server = await serve({ dir: 'build', port: 0 });
  process.env.GUANJIA_E2E_URL = server.url;
  return () => server.close();
}
