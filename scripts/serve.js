#!/usr/bin/env node
// A tiny static server for the built app (no dependencies), used by `npm start`, `npm run preview`,
// the browser tests and the benchmarks. It serves what adapter-static wrote: prerendered pages as
// themselves, every other path as the SPA shell 200.html.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HEADER_ONLY, policyFor } from './csp.js';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

const mimeTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.pdf': 'application/pdf'
};

/** @param {string} path */
function contentType(path) {
  return (
    mimeTypes[/** @type {keyof typeof mimeTypes} */ (extname(path).toLowerCase())] ??
    'application/octet-stream'
  );
}

/**
 * The service worker, the manifest and pages must be revalidated on every load, or a tablet would
 * never learn that a new version exists; hashed chunks under /_app/immutable never change.
 * @param {string} urlPath
 * @param {string} file
 */
function cacheControl(urlPath, file) {
  if (urlPath.startsWith('/_app/immutable/')) return 'public, max-age=31536000, immutable';
  if (file.endsWith('.html') || urlPath === '/sw.js' || urlPath.endsWith('.webmanifest')) {
    return 'no-cache';
  }
  return 'public, max-age=0, must-revalidate';
}

/**
 * A page's Content-Security-Policy as a header: the page's own policy (scripts/csp.js wrote it
 * into the page as <meta> at build time; the same function reads it back from the html, so
 * header and meta cannot disagree), plus what only a header can say: no framing by other sites.
 * @param {string} file
 */
async function securityHeaders(file) {
  const policy = policyFor(await readFile(file, 'utf8'));
  return {
    'Content-Security-Policy': `${policy}; ${HEADER_ONLY}`,
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer'
  };
}

/** Text worth compressing; images and fonts are compressed already. */
const compressibleTypes = /^(text\/|application\/(javascript|json|manifest\+json|xml)|image\/svg)/;

/** @param {number} quality */
const brotliAt = (quality) => (/** @type {Buffer} */ data) =>
  promisify(brotliCompress)(data, {
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: quality,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: data.length
    }
  });

/**
 * Each encoding's quick level (for the first request of a file) and its best level (computed
 * afterwards, in the background, for every later request: brotli at 11 takes a moment).
 */
const compressors = {
  br: { quick: brotliAt(5), best: brotliAt(zlibConstants.BROTLI_MAX_QUALITY) },
  gzip: {
    quick: (/** @type {Buffer} */ data) => promisify(gzip)(data, { level: 6 }),
    best: (/** @type {Buffer} */ data) => promisify(gzip)(data, { level: 9 })
  }
};

/**
 * The encoding to answer with: brotli, else gzip, else none. Every browser asks for both; a
 * phone or tablet on a slow line is who gains (JavaScript shrinks to about a third).
 * @param {string | undefined} accepted the request's Accept-Encoding
 * @returns {keyof typeof compressors | null}
 */
function pickEncoding(accepted) {
  const names = (accepted ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, q]) => q?.trim() !== 'q=0')
    .map(([name]) => name.trim().toLowerCase());
  if (names.includes('br')) return 'br';
  if (names.includes('gzip')) return 'gzip';
  return null;
}

/**
 * Compressed files, kept by path, size and modification time: each file of a build is compressed
 * once, and a new build written into the same directory is seen.
 * @type {Map<string, Promise<Buffer>>}
 */
const compressed = new Map();

/**
 * @param {string} file
 * @param {import('node:fs').Stats} info
 * @param {keyof typeof compressors} encoding
 */
function compressedFile(file, info, encoding) {
  const key = `${encoding}:${file}:${info.size}:${info.mtimeMs}`;
  const known = compressed.get(key);
  if (known) return known;
  const data = readFile(file);
  const quick = data.then(compressors[encoding].quick);
  compressed.set(key, quick);
  quick.then(
    () =>
      data.then(compressors[encoding].best).then(
        (best) => compressed.get(key) === quick && compressed.set(key, Promise.resolve(best)),
        () => undefined
      ),
    () => compressed.delete(key)
  );
  return quick;
}

/**
 * Whether a path names an asset rather than a page of the app.
 * @param {string} urlPath
 */
function isAssetPath(urlPath) {
  const ext = extname(urlPath).toLowerCase();
  return urlPath.startsWith('/_app/') || (ext !== '.html' && ext in mimeTypes);
}

/** @param {string} path */
async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The file that answers a URL path: the file itself, a prerendered page (`/n` -> `n.html` or
 * `n/index.html`), or the SPA shell. `null` when even the shell is missing.
 * @param {string} root absolute directory
 * @param {string} urlPath decoded path, starting with '/'
 */
async function resolveFile(root, urlPath) {
  const target = resolve(root, '.' + urlPath);
  // Refuse anything that escapes the served directory (`/../etc/passwd`).
  if (target !== root && !target.startsWith(root + sep)) return null;
  const trimmed = target.endsWith(sep) ? target.slice(0, -1) : target;
  const candidates = [target, trimmed + '.html', join(trimmed, 'index.html')];
  for (const candidate of candidates) {
    if (await isFile(candidate)) return { file: candidate, fallback: false };
  }
  const shell = join(root, '200.html');
  if (await isFile(shell)) return { file: shell, fallback: true };
  return null;
}

/**
 * @typedef {object} ServeHandle
 * @property {string} url base URL, e.g. http://127.0.0.1:4173
 * @property {number} port
 * @property {string} dir absolute directory being served
 * @property {(dir: string) => void} setDir serve another directory from now on (a "new deploy")
 * @property {() => Promise<void>} close
 */

/**
 * Serve a directory over HTTP.
 * @param {{ dir?: string, port?: number, host?: string, quiet?: boolean }} [options]
 *   port 0 picks a free port.
 * @returns {Promise<ServeHandle>}
 */
export async function serve(options = {}) {
  let root = resolve(options.dir ?? 'build');
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const port = options.port ?? 4173;

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      let urlPath;
      try {
        urlPath = decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400).end('Bad path');
        return;
      }
      const found = await resolveFile(root, urlPath);
      if (!found) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      // A missing asset (a chunk of an older build) must be a 404, not the HTML shell, or the
      // browser would try to run HTML as JavaScript.
      if (found.fallback && isAssetPath(urlPath)) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      const info = await stat(found.file);
      const type = contentType(found.file);
      const headers = {
        'Content-Type': type,
        'Cache-Control': cacheControl(urlPath, found.file),
        'X-Content-Type-Options': 'nosniff',
        ...(found.file.endsWith('.html') ? await securityHeaders(found.file) : {})
      };
      const encoding =
        compressibleTypes.test(type) && info.size > 512
          ? pickEncoding(req.headers['accept-encoding'])
          : null;
      if (encoding) {
        const body = await compressedFile(found.file, info, encoding);
        res.writeHead(200, {
          ...headers,
          'Content-Encoding': encoding,
          'Content-Length': body.length,
          Vary: 'Accept-Encoding'
        });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Length': info.size });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(found.file).pipe(res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  });

  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${actualPort}`,
    port: actualPort,
    get dir() {
      return root;
    },
    setDir(dir) {
      root = resolve(dir);
    },
    close() {
      return new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    }
  };
}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string>} */
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const [key, inline] = arg.slice(2).split('=', 2);
    args[key] = inline ?? argv[++i] ?? '';
  }
  return args;
}

const invokedDirectly =
  process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const args = parseArgs(process.argv.slice(2));
  const dir = args.dir ?? process.env.SERVE_DIR ?? 'build';
  const port = Number(args.port ?? process.env.PORT ?? 4173);
  if (!(await isFile(join(resolve(dir), '200.html')))) {
    console.error(`No built app in ${dir}/ (200.html missing). Run \`npm run build\` first.`);
    process.exit(1);
  }
  const handle = await serve({ dir, port, host: args.host });
  console.log(`Guanjia app: ${handle.url}/  (serving ${dir}/)`);
  const stop = () => handle.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
