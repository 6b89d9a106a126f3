import { z } from 'zod';

// The staff app renders on the device only: its data lives in IndexedDB.
export const ssr = false;
export const prerender = false;

// The app's Content-Security-Policy has no 'unsafe-eval' (scripts/csp.js): zod is told not to
// probe `new Function` for its faster parsers (the probe alone is a reported violation).
z.config({ jitless: true });
