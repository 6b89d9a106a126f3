import { describe, expect, it } from 'vitest';
import { permits } from '$lib/domain/permissions';
import { tableSchemas } from '$lib/domain/tables';
import { demoRegistry } from './generate';
import { demoVisitHistory } from './visits';

describe('the demo office’s visit history', () => {
  it('is two years of rows the write path takes from the manager who loads the demo', () => {
    const asOf = Date.parse('2026-11-23T12:00:00+08:00');
    const registry = demoRegistry({ size: 'small', asOf });
    const visits = demoVisitHistory(registry, 24);
    expect(new Set(visits.visitPlan.map((p) => p.month)).size).toBe(24);
    expect(visits.visitRecord.length).toBeGreaterThan(0);
    for (const table of ['visitPlan', 'visitAssignment', 'visitRecord'] as const) {
      expect(permits('manager', { table, op: 'create' })).toBe(true);
      for (const row of visits[table]) {
        const parsed = tableSchemas[table].safeParse({ ...row, createdAt: asOf, updatedAt: asOf });
        expect(parsed.error?.issues ?? []).toEqual([]);
      }
    }
  });
});
