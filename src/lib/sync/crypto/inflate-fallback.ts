// Raw DEFLATE for a browser without DecompressionStream('deflate-raw'), loaded only there: a
// module of its own so that the owner page's lazy file holds fflate's inflate, not all of it.
export { inflateSync } from 'fflate';
