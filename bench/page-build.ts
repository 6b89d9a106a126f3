// Vite config for the bench pages: small bundles built from bench/pages/<name>.ts that import the
// app's modules through `$lib`, so the app's routes never carry bench code.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { join } from 'node:path';
import type { InlineConfig } from 'vite';

const root = join(import.meta.dirname, '..');

export const benchDist = join(import.meta.dirname, '.dist');

export function benchPageConfig(name: string): InlineConfig {
  return {
    configFile: false,
    root: import.meta.dirname,
    logLevel: 'warn',
    // Modules written as .svelte.ts (runes) compile as they would in the app.
    plugins: [svelte({ configFile: false })],
    resolve: { alias: { $lib: join(root, 'src', 'lib') } },
    build: {
      outDir: join(benchDist, name),
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      rollupOptions: {
        onwarn(warning, warn) {
          // zod's sources carry /*@__PURE__*/ comments Rollup cannot place; harmless noise.
          if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
        },
        input: join(import.meta.dirname, 'pages', `${name}.ts`),
        output: { entryFileNames: `${name}.js`, chunkFileNames: '[name]-[hash].js' }
      }
    }
  };
}
