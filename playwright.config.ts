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
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./tests/e2e/support/summary-reporter.ts']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    // Set by global-setup.ts, which runs before the workers start (they inherit its env).
    baseURL: process.env.GUANJIA_E2E_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1024, height: 768 },
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
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
