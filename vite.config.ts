import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { staffStartChunk } from './scripts/staff-start-chunk';

export default defineConfig({
  plugins: [sveltekit()],
  build: {
    rollupOptions: {
      // The staff start page's own modules in one chunk: a tablet on a slow line waits for a
      // round trip per batch of six requests, and the first screen used to need forty.
      output: { manualChunks: staffStartChunk }
    }
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    // Unit tests of lib/db run on fake-indexeddb; the browser tests use the real one.
    setupFiles: ['fake-indexeddb/auto'],
    // A busy machine (issue 12: `npm test` under load) slows fake-indexeddb tenfold; tests
    // wait for states, never for time, so the default 5 s per test only produced false failures.
    // A cap, not a wait: at load 35–40 (seven engineers on 2 cores) tests of 30 s and 60 s caps
    // took 30–60 s (snapshot join, permission matrix per role, the large demo generator).
    testTimeout: 180_000
  }
});
