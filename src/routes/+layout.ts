// The staff app renders on the device only: its data lives in IndexedDB.
export const ssr = false;
export const prerender = false;
