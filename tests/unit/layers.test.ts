import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The parts of src/lib import each other in one direction only (issue 12 §1): storage (lib/db)
 * does not know sync or owner links, sync and the op log know no records. Read from the
 * source files' import lines (tests excluded: a test may wire layers together).
 */

const lib = resolve(__dirname, '../../src/lib');

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  let base: string;
  if (spec.startsWith('$lib/')) base = join(lib, spec.slice(5));
  else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else return undefined;
  return [base, `${base}.ts`, `${base}/index.ts`].find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile()
  );
}

const importLine =
  /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const file of sourceFiles(lib)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importLine)) {
      const spec = match[2] ?? match[3];
      const target = spec === undefined ? undefined : resolveImport(file, spec);
      if (target && !target.endsWith('.test.ts'))
        out.push({ from: file, to: target, typeOnly: match[1] !== undefined });
    }
  }
  return out;
}

const area = (file: string): string => relative(lib, file).split(sep)[0];
const name = (file: string): string => relative(lib, file).split(sep).join('/');

/** Areas a given area must never import (type imports included: they couple as much). */
const forbidden: Record<string, string[]> = {
  db: ['sync', 'owner-link', 'collab', 'ui', 'demo', 'setup'],
  sync: ['domain', 'owner-link', 'collab', 'ui', 'demo', 'setup'],
  oplog: ['domain', 'db', 'sync', 'owner-link', 'collab', 'ui', 'demo', 'auth', 'setup'],
  domain: ['db', 'sync', 'owner-link', 'collab', 'ui', 'demo', 'auth', 'setup']
};

describe('layers of src/lib', () => {
  const all = edges();

  it('reads the import graph', () => {
    // Guards the reader itself: a regex that stopped matching would pass every rule below.
    expect(all.length).toBeGreaterThan(500);
    expect(all.some((e) => name(e.from) === 'db/write.ts' && area(e.to) === 'domain')).toBe(true);
  });

  for (const [from, banned] of Object.entries(forbidden))
    it(`lib/${from} imports none of ${banned.join(', ')}`, () => {
      const found = all
        .filter((e) => area(e.from) === from && banned.includes(area(e.to)))
        .map((e) => `${name(e.from)} -> ${name(e.to)}`);
      expect(found).toEqual([]);
    });

  it('lib/domain and lib/oplog use neither Dexie nor Svelte', () => {
    const found = sourceFiles(lib)
      .filter((f) => ['domain', 'oplog'].includes(area(f)))
      .filter((f) => /from\s+['"](dexie|svelte)(\/[^'"]*)?['"]/.test(readFileSync(f, 'utf8')))
      .map(name);
    expect(found).toEqual([]);
  });

  it('no two areas import each other, directly or round about (value imports)', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of all) {
      if (e.typeOnly || area(e.from) === area(e.to)) continue;
      const targets = graph.get(area(e.from)) ?? new Set<string>();
      targets.add(area(e.to));
      graph.set(area(e.from), targets);
    }
    const cycles: string[] = [];
    const visit = (node: string, path: string[]): void => {
      const at = path.indexOf(node);
      if (at >= 0) {
        cycles.push([...path.slice(at), node].join(' -> '));
        return;
      }
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    };
    for (const start of graph.keys()) visit(start, []);
    expect(cycles).toEqual([]);
  });
});
