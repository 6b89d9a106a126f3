import {
  baseState,
  cancelRule,
  noteRule,
  num,
  str,
  type BaseState,
  type Machine,
  type RefusalReason
} from './machine';

/**
 * Move-out 迁出 (003 §3.13; DOMAIN "Move-in, renovation, move-out"): application, passes and
 * keys back, engineering and security inspect (meters read, damage priced), finance settles,
 * parking and customer cards back, the forwarding address and new phone, and the departments
 * told the unit is vacant. The archive keeps the person; their role on the unit ends.
 */
export interface MoveOutState extends BaseState {
  meters?: { electricity: number; water: number };
  damageFen: number;
  settlement?: { direction: string; amountFen: number };
  forwarding?: { address: string; phone: string };
  completedAt?: number;
  vacantFrom?: string;
}

export const moveOutChecklist = [
  'passesReturned',
  'engineeringInspected',
  'securityInspected',
  'settled',
  'parkingReturned',
  'forwardingRecorded'
] as const;

const once =
  (type: string, extra?: (s: MoveOutState) => RefusalReason | undefined) =>
  (s: MoveOutState): RefusalReason | undefined =>
    s.steps[type] ? 'alreadyDone' : extra?.(s);

export const moveOut: Machine<MoveOutState> = {
  initial: () => ({ ...baseState(), damageFen: 0 }),
  rules: {
    // 003 §3.13.4 1.: the 迁出申请表, to the leasing office and customer service.
    applied: { opens: true, by: () => ['customerService'] },
    // 003 §3.13.3 2, §3.13.4 2.: passes and unit keys all back to customer service.
    passesReturned: { by: () => ['customerService'], refuse: once('passesReturned') },
    // 003 §3.13.4 3. and 柏彦 flow: engineering reads the meters, switches off, checks the
    // unit; damage is priced and signed.
    engineeringInspected: {
      by: () => ['engineering'],
      refuse: once('engineeringInspected'),
      apply: (s, _, data) => {
        s.meters = { electricity: num(data.electricity), water: num(data.water) };
        s.damageFen += num(data.damageFen);
      }
    },
    // Security takes back rented extinguishers and checks the fire equipment, and signs.
    securityInspected: {
      by: () => ['security'],
      refuse: once('securityInspected'),
      apply: (s, _, data) => {
        s.damageFen += num(data.damageFen);
      }
    },
    // 003 §3.13.4 4.: finance settles on the desk's form: deposit back or an amount due.
    settled: {
      by: () => ['finance'],
      refuse: once('settled', (s) =>
        s.steps.engineeringInspected && s.steps.securityInspected
          ? undefined
          : 'settleNeedsInspections'
      ),
      apply: (s, _, data) => {
        s.settlement = { direction: str(data.direction), amountFen: num(data.amountFen) };
      }
    },
    // 003 §3.13.3 6: the parking space's lease ended, its lock key and card back; the customer card back.
    parkingReturned: { by: () => ['customerService'], refuse: once('parkingReturned') },
    // The new phone and the address mail goes to, signed.
    forwardingRecorded: {
      by: () => ['customerService'],
      apply: (s, _, data) => {
        s.forwarding = { address: str(data.address), phone: str(data.phone) };
      }
    },
    // 003 §3.13.4 5.: customer service tells engineering, finance and security the unit is vacant.
    completed: {
      finishes: true,
      by: () => ['customerService'],
      refuse: (s) => (moveOutChecklist.every((t) => s.steps[t]) ? undefined : 'stepsMissing'),
      apply: (s, e, data) => {
        s.completedAt = e.at;
        s.vacantFrom = str(data.date);
      }
    },
    cancelled: cancelRule<MoveOutState>(),
    note: noteRule<MoveOutState>()
  }
};
