import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // The staff app is a single-page app served from 200.html; the owner pages
    // (/n, /s, /r) are prerendered so they open without any of the staff app.
    adapter: adapter({ fallback: '200.html', strict: false }),
    serviceWorker: { register: false },
    // The first screen's stylesheets (about 20 KB, no web fonts) go inline into the prerendered
    // pages: five render-blocking requests were ~0.5 s of a slow line's first paint (Lighthouse).
    inlineStyleThreshold: 20_000,
    // Set once per process: kit reads this config more than once in a build, and two different
    // Date.now() values give the client and the shell different globals (the app never starts).
    version: { name: (process.env.GUANJIA_BUILD ??= String(Date.now())) }
  }
};

export default config;
