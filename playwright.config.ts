import { defineConfig } from '@playwright/test';
import { chromiumPath } from './scripts/chromium-path.js';

// Browser tests run against the BUILT app (`npm run build`), served by scripts/serve.js from
// tests/e2e/support/global-setup.ts, in the system Chromium: Playwright's own browser download is
// not available here (scripts/ensure-chromium.js installs Debian's chromium when it is missing).
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/support/global-setup.ts',
  // 2 cores: one browser per core.
  workers: 2,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Caps, not waits: every step waits for a state and goes on as soon as it holds. They are sized
  // for a busy machine (issue 12 §7: `npm test` while two busy loops, or seven other engineers,
  // keep both cores at 100 %): at load 35–45 a plain flow (setup, sign-in, two forms) took 50 s of
  // the old 60 s and single screens more than the old 10 s. Long flows set their own.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['./tests/e2e/support/summary-reporter.ts']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    // Set by global-setup.ts, which runs before the workers start (they inherit its env).
    baseURL: process.env.GUANJIA_E2E_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1024, height: 768 },
    actionTimeout: 20_000,
    navigationTimeout: 60_000,
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      // The machine has no internet: without these, Chromium keeps calling home and logging
      // refused connections.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // WebRTC between two contexts (tests/e2e/sync-webrtc.spec.ts): plain host candidates
        // instead of mDNS names, loopback allowed; no STUN/TURN on this machine.
        '--allow-loopback-in-peer-connection',
        '--disable-features=WebRtcHideLocalIpsWithMdns'
      ]
    }
  }
});
