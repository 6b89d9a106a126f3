// Every file in bench/groups/ is a group: adding a group is adding one file there.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchGroup } from '../types.ts';

const groupsDir = join(import.meta.dirname, '..', 'groups');

export function groupNames(): string[] {
  return readdirSync(groupsDir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => basename(file, '.ts'))
    .sort();
}

function isGroup(value: unknown): value is BenchGroup {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<BenchGroup>;
  return typeof candidate.name === 'string' && typeof candidate.run === 'function';
}

export async function loadGroup(name: string): Promise<BenchGroup> {
  const mod: unknown = await import(pathToFileURL(join(groupsDir, `${name}.ts`)).href);
  const exported = (mod as { default?: unknown }).default ?? mod;
  if (!isGroup(exported)) {
    throw new Error(`bench/groups/${name}.ts must export default { name, run(ctx) }`);
  }
  if (exported.name !== name) {
    throw new Error(`bench/groups/${name}.ts is named '${exported.name}'; use the file name`);
  }
  return exported;
}
