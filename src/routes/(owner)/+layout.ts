// Owner pages (/n notice; /s survey and /r request later) open on phones from a link or a QR
// code: prerendered with server-side rendering so the html shows at once, and with none of the
// staff app (the root layout turns SSR off for the staff app; here it is turned back on).
// Trailing slash: the html is n/index.html, which the service worker's precache finds for `/n/`.
export const prerender = true;
export const ssr = true;
export const trailingSlash = 'always';
