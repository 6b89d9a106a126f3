// The table printed after a run: name, value, unit, target, pass/fail.
import type { Figure, Target } from '../types.ts';

export type Verdict = 'pass' | 'FAIL' | 'n/a';

export function verdict(figure: Figure): Verdict {
  if (figure.value === null || !figure.target) return 'n/a';
  return meets(figure.value, figure.target) ? 'pass' : 'FAIL';
}

function meets(value: number, target: Target): boolean {
  switch (target.op) {
    case '>=':
      return value >= target.value;
    case '>':
      return value > target.value;
    case '<=':
      return value <= target.value;
    case '<':
      return value < target.value;
  }
}

export function formatTable(figures: readonly Figure[]): string {
  const header = ['name', 'value', 'unit', 'target', 'result'];
  const rows = figures.map((f) => [
    f.name,
    f.value === null ? '—' : String(f.value),
    f.unit,
    f.target ? `${f.target.op} ${f.target.value}` : '',
    verdict(f)
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const notes = figures.filter((f) => f.note).map((f) => `  ${f.name}: ${f.note}`);
  if (notes.length) out.push('', 'notes:', ...notes);
  return out.join('\n');
}
