import { zodJitless } from '$lib/zod-jitless';

// The staff app renders on the device only: its data lives in IndexedDB.
export const ssr = false;
export const prerender = false;

// No 'unsafe-eval' in the app's Content-Security-Policy: zod must not probe `new Function`.
zodJitless();
