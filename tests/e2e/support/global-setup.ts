import { existsSync } from 'node:fs';
import { builtAppDir } from '../../../scripts/build-dir.js';
import { serve } from '../../../scripts/serve.js';

/**
 * Serves build/ on a free port for the whole run. The URL goes through the environment, which the
 * test workers inherit (playwright.config.ts reads it as baseURL).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  for (const file of [`${builtAppDir}/200.html`, `${builtAppDir}/sw.js`]) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: run \`npm run build\` before the browser tests.`);
    }
  }
  const server = await serve({ dir: builtAppDir, port: 0 });
  process.env.GUANJIA_E2E_URL = server.url;
  return () => server.close();
}
