import { describe, expect, it } from 'vitest';
import { stepEmphasis, stepsFrom } from './workflows';

describe('how the request page shows its steps (issue 20 fault 6)', () => {
  it('after a satisfied return visit, 关闭 is the filled button and 重开 secondary', () => {
    const ctx = { kind: 'repair' as const, inUnit: true, outsideServiceList: false };
    const steps = stepsFrom(ctx, 'visited');
    const e = stepEmphasis(steps);
    expect(e.get('closed')).toBe('primary');
    expect(e.get('reopened')).toBe('secondary');
  });

  it('作废 and 标记为恶意投诉 are dangerous, never the main action; 接单 is', () => {
    const repair = { kind: 'repair' as const, inUnit: true, outsideServiceList: false };
    const e = stepEmphasis(stepsFrom(repair, 'recorded'));
    expect(e.get('cancelled')).toBe('danger');
    expect(e.get('dispatched')).toBe('primary');
    const complaint = { kind: 'complaint' as const, inUnit: true, outsideServiceList: false };
    const c = stepEmphasis(stepsFrom(complaint, 'verified'));
    expect(c.get('markedMalicious')).toBe('danger');
    expect(c.get('assigned')).toBe('primary');
  });
});
