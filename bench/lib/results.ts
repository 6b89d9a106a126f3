// bench/results.json is ONE flat object of named figures. A run of some groups merges into it, so
// the figures of groups that did not run are kept.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Figure } from '../types.ts';

export type ResultValue = number | string | null;
export type Results = Record<string, ResultValue>;

const notePrefix = 'meta.note.';

export function readResults(file: string): Results {
  if (!existsSync(file)) return {};
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const results: Results = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null || typeof value === 'number' || typeof value === 'string') {
      results[key] = value;
    }
  }
  return results;
}

/** Figures overwrite their own names; a figure without a note drops its old note. */
export function mergeResults(
  previous: Results,
  meta: Record<string, string | number>,
  figures: readonly Figure[]
): Results {
  const merged: Results = { ...previous, ...meta };
  const staleNotes = new Set<string>();
  for (const figure of figures) {
    merged[figure.name] = figure.value;
    if (figure.note) merged[notePrefix + figure.name] = figure.note;
    else staleNotes.add(notePrefix + figure.name);
  }
  // meta.* first, then figures by name: stable diffs between runs.
  const keys = Object.keys(merged)
    .filter((key) => !staleNotes.has(key))
    .sort((a, b) => {
      const am = a.startsWith('meta.') ? 0 : 1;
      const bm = b.startsWith('meta.') ? 0 : 1;
      return am - bm || a.localeCompare(b);
    });
  return Object.fromEntries(keys.map((key) => [key, merged[key]]));
}

export function writeResults(file: string, results: Results): void {
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
}
