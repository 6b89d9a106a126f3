import { describe, expect, it } from 'vitest';
import { applyRowOp, foldChunks, rowState, type OpChunk } from './format';

const chunk = (
  device: string,
  first: number,
  hlc: string,
  f: Record<string, unknown>
): OpChunk => ({
  device,
  first,
  last: first,
  hlc,
  actor: 's1',
  sv: 1,
  ops: [{ k: 'row', t: 'ticket', r: 'T1', f }]
});

describe('field-level last-writer-wins', () => {
  it('keeps both writes when two devices change different fields', () => {
    const rows = foldChunks([
      chunk('a', 1, '1:0:a', { content: '漏水', urgent: false }),
      chunk('a', 2, '2:0:a', { content: '厨房漏水' }),
      chunk('b', 1, '3:0:b', { urgent: true })
    ]).get('ticket')!;
    expect(rows.get('T1')).toMatchObject({ content: '厨房漏水', urgent: true });
  });

  it('gives the same field to the later HLC whatever the order of arrival', () => {
    const early = chunk('a', 1, '5:0:a', { content: 'A' });
    const late = chunk('b', 1, '6:0:b', { content: 'B' });
    const one = foldChunks([early, late]).get('ticket')!.get('T1')!;
    const two = foldChunks([late, early]).get('ticket')!.get('T1')!;
    expect(rowState(one)).toEqual(rowState(two));
    expect(one.content).toBe('B');
  });

  it('changes nothing when an op is applied twice', () => {
    const row = applyRowOp(undefined, 'T1', { content: 'A' }, '5:0:a');
    expect(applyRowOp(row, 'T1', { content: 'A' }, '5:0:a')).toBeUndefined();
  });

  it('accepts an old create arriving after a newer update of one field', () => {
    const updated = applyRowOp(undefined, 'T1', { urgent: true }, '9:0:b')!;
    const created = applyRowOp(updated, 'T1', { content: 'A', urgent: false }, '1:0:a')!;
    expect(created).toMatchObject({ content: 'A', urgent: true });
  });
});
