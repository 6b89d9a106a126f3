import { describe, expect, it } from 'vitest';
import { codeTable, householdCode, looksLikeCode, normaliseCode } from './household-code';

describe('household codes', () => {
  it('are stable, six characters without 0/O/1/I, and differ per survey and unit', () => {
    const a = householdCode('secret-key-0123456789', 's1', 'u1');
    expect(a).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(householdCode('secret-key-0123456789', 's1', 'u1')).toBe(a);
    expect(householdCode('secret-key-0123456789', 's2', 'u1')).not.toBe(a);
    expect(householdCode('other-key-0123456789', 's1', 'u1')).not.toBe(a);
    expect(looksLikeCode(a.toLowerCase())).toBe(true);
    expect(looksLikeCode('3-1201')).toBe(false);
    expect(normaliseCode(' ab-c d ')).toBe('ABCD');
  });

  it('find the unit back for a few thousand households without clashes', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `unit-${i}`);
    const table = codeTable('secret-key-0123456789', 's1', ids);
    expect(table.size).toBe(3000);
    expect(table.get(householdCode('secret-key-0123456789', 's1', 'unit-42'))).toBe('unit-42');
  });
});
