/**
 * The JavaScript of an owner page, bundled at prerender time with esbuild.
 *
 * Why not SvelteKit's client: a notice lives in the link's fragment, so only JavaScript can
 * draw it, and the kit's router, the Svelte runtime and their ~27 shared chunks (the route
 * manifest grows with every staff screen) sat between the html and the notice: a phone on a
 * slow network waited for all of them (issue 8: Lighthouse ≥ 95 on a mobile profile). Owner
 * pages are prerendered with `csr = false` instead; each page's own small script (plain
 * TypeScript, no framework) is written into its html, so the notice is drawn with no further
 * request. What is rarely needed — other languages, the QR code, fallbacks for browsers
 * without Ed25519 or `deflate-raw` — is split off and fetched only when asked for, from files
 * of the page's own folder (`n/[file]/+server.ts` prerenders them).
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

export interface OwnerScript {
  /** The entry, for an inline `<script type="module">`. */
  inline: string;
  /** Lazy files by name (`client-qr-image-ABCD1234.js`) and `sw.js`, served beside the page. */
  files: Map<string, string>;
}

/** Owner phones: WeChat's and other apps' WebViews (Chromium 80+), iOS Safari from 14. */
const TARGET = 'es2020';

/** `$lib/…` as in the app (without depending on .svelte-kit's generated tsconfig). */
function libAlias(libDir: string): Plugin {
  return {
    name: 'lib-alias',
    setup(build) {
      build.onResolve({ filter: /^\$lib(\/|$)/ }, (args) =>
        build.resolve(`./${args.path.slice('$lib/'.length)}`, {
          kind: args.kind,
          resolveDir: libDir,
          pluginData: args.pluginData
        })
      );
    }
  };
}

interface Lazy {
  /** The module's path on disk. */
  path: string;
  /** `import("./<token>")` in the importer's output until the file has its final name. */
  token: string;
  /** A readable start of the file name: `zh-Hant-owner`, `curves-ed25519`. */
  name: string;
}

/**
 * Every `import()` becomes a file of its own, bundled on its own: esbuild's code splitting
 * would also move helpers shared with the entry into chunks that the entry imports
 * statically, one more request before the notice shows.
 */
function lazySplit(lazies: Map<string, Lazy>, allowed: boolean): Plugin {
  return {
    name: 'lazy-split',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === 'resolving') return undefined;
        if (!allowed) throw new Error(`owner script: nested import("${args.path}")`);
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'resolving'
        });
        if (resolved.errors.length) return { errors: resolved.errors };
        let lazy = lazies.get(resolved.path);
        if (!lazy) {
          const name = args.path
            .replace(/\.[cm]?[jt]s$/, '')
            .split('/')
            .filter((part) => /^[\w-]+$/.test(part) && part !== '..')
            .slice(-2)
            .join('-');
          lazy = { path: resolved.path, token: `lazy-${lazies.size}.js`, name: name || 'lazy' };
          lazies.set(resolved.path, lazy);
        }
        return { path: `./${lazy.token}`, external: true };
      });
    }
  };
}

async function bundleOne(
  entry: string,
  plugins: Plugin[],
  define: Record<string, string> = {}
): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: TARGET,
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    plugins,
    define,
    logLevel: 'silent'
  });
  return result.outputFiles[0].text;
}

function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 8);
}

async function bundle({ script, worker }: OwnerPage): Promise<OwnerScript> {
  const root = process.cwd();
  const entry = script;
  const alias = libAlias(join(root, 'src', 'lib'));
  const lazies = new Map<string, Lazy>();
  let inline = await bundleOne(resolve(root, entry), [lazySplit(lazies, true), alias]);
  const files = new Map<string, string>();
  for (const lazy of lazies.values()) {
    const code = await bundleOne(lazy.path, [lazySplit(lazies, false), alias]);
    const file = `${lazy.name}-${contentHash(code)}.js`;
    files.set(file, code);
    // An inline script resolves `./x.js` against the page's address: `/n/` is right, `/n` (a
    // link typed without the slash) would not be. Resolve against the page's folder instead.
    const call = `import("./${lazy.token}")`;
    if (!inline.includes(call)) throw new Error(`owner script: ${call} not found`);
    inline = inline
      .split(call)
      .join(
        `import(new URL("./${file}",location.origin+location.pathname.replace(/\\/?$/,"/")).href)`
      );
  }
  if (/\bfrom\s*"|\bimport\s*"/.test(inline))
    throw new Error('owner script: the entry imports a file statically (one more request)');
  // Inside an html <script>, "</script" would end it early.
  if (/<\/script/i.test(inline)) throw new Error('owner script: contains "</script"');
  // The page's service worker keeps the page and these files, under a name of this version.
  const kept = ['./', ...files.keys()];
  const version = contentHash(inline + kept.join());
  files.set(
    'sw.js',
    await bundleOne(resolve(root, worker), [alias], {
      __OWNER_CACHE__: JSON.stringify(`guanjia-owner-${version}`),
      __OWNER_FILES__: JSON.stringify(kept)
    })
  );
  return { inline, files };
}

interface OwnerPage {
  /** The page's script, from the project root. */
  script: string;
  /** Its service worker (served as `sw.js` beside the page). */
  worker: string;
}

const entries = {
  notice: {
    script: 'src/routes/(owner)/n/notice-client.ts',
    worker: 'src/routes/(owner)/n/notice-sw.ts'
  },
  // Issue 16: the owner's request form and its status link. The worker is the notice page's
  // (it keeps whatever folder it is registered for).
  form: {
    script: 'src/routes/(owner)/r/form-client.ts',
    worker: 'src/routes/(owner)/n/notice-sw.ts'
  },
  // Issue 16 §5: the owner's satisfaction survey, answered by link.
  survey: {
    script: 'src/routes/(owner)/q/survey-client.ts',
    worker: 'src/routes/(owner)/n/notice-sw.ts'
  }
} satisfies Record<string, OwnerPage>;

const built = new Map<keyof typeof entries, Promise<OwnerScript>>();

/** An owner page's bundle, built once per process (the page and its files share it). */
export function ownerScript(page: keyof typeof entries): Promise<OwnerScript> {
  let script = built.get(page);
  if (!script) {
    script = bundle(entries[page]);
    built.set(page, script);
  }
  return script;
}
