// The start page `/` is prerendered (build/index.html): the staff frame rendered once at build
// time with no data — before IndexedDB is read it shows nothing — so the html names every chunk
// of the first screen (modulepreload) and the tablet fetches them all at once instead of in two
// waves. The device still decides on the client between setup, sign-in and the desk.
// So the staff layout and what it imports must not touch browser globals (window, indexedDB,
// localStorage…) when their modules load or the frame renders on the server: the build fails
// if they do. Every other staff route stays client-rendered from 200.html (root +layout.ts).
export const prerender = true;
export const ssr = true;
