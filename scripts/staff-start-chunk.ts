// Rollup `manualChunks` for the client build: fewer, larger chunks for the staff start page.
// Lighthouse's slow-4G profile (and a real tablet on a weak line) pays a round trip per batch of
// six requests over HTTP/1.1; the first screen used to need sixty requests in three waves.
// - `kit`: what SvelteKit's entries (start, app, root layout, error page) import. Every page, staff or owner,
//   loads all of it before anything else, so one file instead of fifteen changes no page's bytes.
// - `staff-start`: the staff layout and page (`/`) with the setup form: a new tablet's first screen.
// - `staff-frame`: the frame (database, sync, sign-in, top bar) and the desk's start page, which
//   the layout loads on its own: every screen but a new tablet's setup form needs them.
// - modules an owner page shares with the staff start page: grouped by which owner entries load
//   them, so an owner page loads exactly the code it loaded before (never the staff app).
// Rollup pulls a manual chunk's unassigned dependencies into it, hence the last two groups.
import type { GetManualChunk, ManualChunkMeta } from 'rollup';

const generated = '/.svelte-kit/generated/client-optimized/';

/** The staff start page's route files, whose static imports form `staff-start`. */
const staffStartFiles = ['/src/routes/(staff)/+layout.svelte', '/src/routes/(staff)/+page.svelte'];
/** The frame and the desk's start page, loaded by the two above: `staff-frame`. */
const staffFrameFiles = [
  '/src/routes/(staff)/staff-frame.svelte',
  '/src/routes/(staff)/today/desk-home.svelte'
];

type Info = NonNullable<ReturnType<ManualChunkMeta['getModuleInfo']>>;

/** SvelteKit's client entries, the root layout and the error page (nodes 0 and 1): every page
 * loads them. */
function isKitEntry(id: string): boolean {
  return (
    id.endsWith(`${generated}app.js`) ||
    id.endsWith('/@sveltejs/kit/src/runtime/client/entry.js') ||
    id.endsWith(`${generated}nodes/0.js`) ||
    id.endsWith(`${generated}nodes/1.js`)
  );
}

function isOwnerRoute(id: string): boolean {
  return id.includes('/src/routes/(owner)/');
}

/** Every module reachable from `roots`, through static imports only or dynamic ones too. */
function reachable(
  roots: Iterable<string>,
  info: (id: string) => Info | null,
  dynamic: boolean
): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const module = info(id);
    if (!module) continue;
    stack.push(...module.importedIds);
    if (dynamic) stack.push(...module.dynamicallyImportedIds);
  }
  return seen;
}

/** Chunk name per module, for the modules this file places; computed once per build. */
function chunkNames(meta: ManualChunkMeta): Map<string, string> {
  const names = new Map<string, string>();
  const ids = [...meta.getModuleIds()];
  const info = (id: string) => meta.getModuleInfo(id);
  const staffRoots = ids.filter((id) => staffStartFiles.some((file) => id.endsWith(file)));
  // The server build has no client entries: leave it as Rollup splits it.
  if (!ids.some(isKitEntry) || staffRoots.length === 0) return names;

  const kit = reachable(ids.filter(isKitEntry), info, false);
  // SvelteKit's nodes (entries) of the owner routes, and all they may load.
  const ownerNodes = ids.filter(
    (id) => info(id)?.isEntry && info(id)?.importedIds.some(isOwnerRoute)
  );
  const ownerAll = reachable(ownerNodes, info, true);
  // Where an owner page starts loading code: its route nodes and each dynamic import.
  const ownerEntries = [...ownerAll].filter((id) => {
    const module = info(id);
    return module && !kit.has(id) && (module.isEntry || module.dynamicImporters.length > 0);
  });
  const ownerClosures = ownerEntries.map((entry) => reachable([entry], info, false));

  const frameRoots = ids.filter((id) => staffFrameFiles.some((file) => id.endsWith(file)));
  const groups: [string[], string][] = [
    [staffRoots, 'staff-start'],
    [frameRoots, 'staff-frame']
  ];
  for (const [roots, name] of groups) {
    for (const id of reachable(roots, info, false)) {
      if (names.has(id)) continue; // the start chunk's modules stay there
      // Entry modules stay entries (SvelteKit loads them by their own file names).
      if (kit.has(id)) {
        if (!info(id)?.isEntry) names.set(id, 'kit');
      } else if (ownerAll.has(id)) {
        const loadedBy = ownerEntries.filter((_, i) => ownerClosures[i].has(id));
        names.set(id, `shared-${hashOf(loadedBy.sort().join('\n'))}`);
      } else {
        names.set(id, name);
      }
    }
  }
  // The kit closure may reach modules the staff start page does not: those join `kit` too.
  for (const id of kit) if (!names.has(id) && !info(id)?.isEntry) names.set(id, 'kit');
  return names;
}

/** A short stable name for a set of entries (FNV-1a). */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

let cached: { getModuleInfo: ManualChunkMeta['getModuleInfo']; names: Map<string, string> } = {
  getModuleInfo: () => null,
  names: new Map()
};

export const staffStartChunk: GetManualChunk = (id, meta) => {
  if (cached.getModuleInfo !== meta.getModuleInfo) {
    cached = { getModuleInfo: meta.getModuleInfo, names: chunkNames(meta) };
  }
  return cached.names.get(id);
};
