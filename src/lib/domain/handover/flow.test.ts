import { describe, expect, it } from 'vitest';
import type { HandoverEvent, HandoverEventType } from '../records/handover';
import type { Role } from '../roles';
import { handoverState, logEditable, stepError } from './flow';

const signature = { snapshot: 'a'.repeat(64), size: 10, equipment: [] };
let n = 0;
function event(
  type: HandoverEventType,
  staffId: string,
  at: number,
  reason?: string
): HandoverEvent {
  return {
    id: `e${String(n++).padStart(4, '0')}`,
    createdAt: at,
    updatedAt: at,
    deleted: false,
    shiftId: 's1',
    type,
    at,
    staffId,
    reason,
    signature: type === 'ready' || type === 'accept' || type === 'review' ? signature : undefined
  };
}
const roles = new Map<string, Role>([
  ['out', 'frontDesk'],
  ['in', 'frontDesk'],
  ['boss', 'supervisor']
]);

describe('handover flow (003 §3.9)', () => {
  it('refuse → escalate → fix → both sign → closed and read-only', () => {
    const events: HandoverEvent[] = [];
    let state = handoverState(events, roles);
    expect(state.status).toBe('writing');
    expect(logEditable(state.status)).toBe(true);

    events.push(event('ready', 'out', 1));
    state = handoverState(events, roles);
    expect(state.status).toBe('ready');
    expect(logEditable(state.status)).toBe(false);

    // The incoming shift refuses: a reason is required, and it is escalated.
    expect(stepError(state, 'refuse', { staffId: 'in', role: 'frontDesk' }, ' ')).toBe(
      'handover.error.reasonRequired'
    );
    events.push(event('refuse', 'in', 2, '备用金少 200 元'));
    state = handoverState(events, roles);
    expect(state.status).toBe('refused');
    expect(state.escalated).toBe(true);
    expect(logEditable(state.status)).toBe(true);
    expect(stepError(state, 'accept', { staffId: 'in', role: 'frontDesk' })).toBe(
      'handover.error.notReady'
    );

    // Only a supervisor or manager handles the escalation.
    expect(stepError(state, 'resolve', { staffId: 'in', role: 'frontDesk' }, '好')).toBe(
      'handover.error.notSupervisor'
    );
    events.push(event('resolve', 'boss', 3, '已补齐备用金'));
    state = handoverState(events, roles);
    expect(state.escalated).toBe(false);
    expect(state.refusals[0].resolved?.note).toBe('已补齐备用金');

    // The outgoing shift fixes the log and signs again; the incoming accepts.
    events.push(event('ready', 'out', 4));
    events.push(event('accept', 'in', 5));
    state = handoverState(events, roles);
    expect(state.status).toBe('closed');
    expect(state.outgoing?.at).toBe(4);
    expect(state.incoming?.staffId).toBe('in');
    expect(logEditable(state.status)).toBe(false);
    for (const type of ['ready', 'refuse', 'accept'] as const)
      expect(stepError(state, type, { staffId: 'x', role: 'frontDesk' }, 'r')).toBe(
        'handover.error.closed'
      );
    events.push(event('review', 'boss', 6));
    expect(handoverState(events, roles).reviewed?.staffId).toBe('boss');
  });

  it('ends only when both have signed, by two different people', () => {
    const ready = [event('ready', 'out', 1)];
    expect(
      stepError(handoverState(ready, roles), 'accept', { staffId: 'out', role: 'frontDesk' })
    ).toBe('handover.error.sameSigner');
    // An accept before anything was signed (another tablet, offline) changes nothing.
    const early = handoverState([event('accept', 'in', 0), ...ready], roles);
    expect(early.status).toBe('ready');
    expect(early.timeline).toHaveLength(2);
  });

  it('only supervisors review, and only closed handovers', () => {
    const open = handoverState([event('ready', 'out', 1)], roles);
    expect(stepError(open, 'review', { staffId: 'boss', role: 'supervisor' })).toBe(
      'handover.error.notClosed'
    );
    const closed = handoverState([event('ready', 'out', 1), event('accept', 'in', 2)], roles);
    expect(stepError(closed, 'review', { staffId: 'in', role: 'frontDesk' })).toBe(
      'handover.error.notSupervisor'
    );
    expect(stepError(closed, 'review', { staffId: 'm', role: 'manager' })).toBeNull();
  });

  it('gives the same state whatever order the events arrive in', () => {
    const events = [
      event('ready', 'out', 1),
      event('refuse', 'in', 2, '钥匙少一把'),
      event('ready', 'out', 3),
      event('accept', 'in', 4)
    ];
    const a = handoverState(events, roles);
    const b = handoverState([...events].reverse(), roles);
    expect(b.status).toBe('closed');
    expect(b.timeline.map((e) => e.id)).toEqual(a.timeline.map((e) => e.id));
  });
});
