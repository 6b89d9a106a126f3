// Owner pages (/n notice, /r request, /q survey) open on phones from a link or a QR
// code: prerendered with server-side rendering so the html shows at once, with none of the
// staff app and none of SvelteKit's client either (`csr = false`): each page writes its own
// small script into its html (owner-script.server.ts), so nothing else loads before the
// notice is drawn. Trailing slash: the html is n/index.html, which the service worker's
// precache finds for `/n/`.
export const prerender = true;
export const ssr = true;
export const csr = false;
export const trailingSlash = 'always';
