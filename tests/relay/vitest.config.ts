import { defineConfig } from 'vitest/config';

// The relay suite spawns real relay processes; files run one at a time so two cores suffice.
export default defineConfig({
  test: {
    include: ['tests/relay/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 30_000
  }
});
