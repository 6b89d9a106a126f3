import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    // Unit tests of lib/db run on fake-indexeddb; the browser tests use the real one.
    setupFiles: ['fake-indexeddb/auto']
  }
});
