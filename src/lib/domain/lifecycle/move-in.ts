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
 * Move-in 入伙 (003 §3.1.4; DOMAIN "Move-in, renovation, move-out"): identity (or a power of
 * attorney), documents, handbook and covenant, fire-safety pledge, the customer registration,
 * the joint inspection with engineering (meters signed by three parties, the facility
 * checklist, defects to engineering), keys; then the departments are told the unit is lived in.
 */
export interface MoveInState extends BaseState {
  attorney?: string;
  docs: string[];
  personId?: string;
  meters?: { electricity: number; water: number; gas?: number };
  checked: string[];
  defects: string[];
  ticketIds: string[];
  keys?: number;
  completedAt?: number;
}

/** The steps a move-in needs before it is done, in the order of the manual. */
export const moveInChecklist = [
  'identityChecked',
  'documentsReceived',
  'handbookSigned',
  'firePledgeSigned',
  'registered',
  'inspected',
  'keysReceived'
] as const;

const afterIdentity = (s: MoveInState): RefusalReason | undefined =>
  s.steps.identityChecked ? undefined : 'needsIdentity';
const once =
  (type: string, extra?: (s: MoveInState) => RefusalReason | undefined) =>
  (s: MoveInState): RefusalReason | undefined =>
    s.steps[type] ? 'alreadyDone' : extra?.(s);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);

export const moveIn: Machine<MoveInState> = {
  initial: () => ({ ...baseState(), docs: [], checked: [], defects: [], ticketIds: [] }),
  rules: {
    // 003 §3.1.4 1.: the sales office's move-in notice brings the customer to the desk.
    opened: { opens: true, by: () => ['customerService'] },
    // 003 §3.1.4 2.: the customer's identity; someone sent in their place brings the
    // customer's signed and stamped letter of authority and both IDs.
    identityChecked: {
      by: () => ['customerService'],
      refuse: once('identityChecked'),
      apply: (s, _, data) => {
        s.attorney = data.method === 'attorney' ? str(data.attorneyName) : undefined;
      }
    },
    // 003 §3.1.4 2. 2]: copies of the papers kept in the archive.
    documentsReceived: {
      by: () => ['customerService'],
      refuse: (s, data) => {
        const r = afterIdentity(s);
        if (r) return r;
        if (s.attorney !== undefined && !strings(data.docs).includes('powerOfAttorney'))
          return 'attorneyNeedsLetter';
        return undefined;
      },
      apply: (s, _, data) => {
        s.docs = [...new Set([...s.docs, ...strings(data.docs)])];
      }
    },
    // 003 §3.1.4 2. 3], 5]: the quality guarantee, building manual and user handbook handed
    // over; the management covenant signed.
    handbookSigned: {
      by: () => ['customerService'],
      refuse: (s, data) =>
        afterIdentity(s) ??
        (strings(data.items).includes('covenant') ? undefined : 'handbookNeedsCovenant')
    },
    // 003 §3.1.4 2. 5]: the 防火安全责任书.
    firePledgeSigned: { by: () => ['customerService'], refuse: afterIdentity },
    // 003 §3.1.4 2. 4]: the 客户档案登记表 filled into the archive.
    registered: {
      by: () => ['customerService'],
      refuse: once('registered', afterIdentity),
      apply: (s, _, data) => {
        s.personId = str(data.personId);
      }
    },
    // 003 §3.1.4 3. 1]–4]: customer service and engineering inspect with the customer: the
    // meters signed by the three, the 单元设备核对表, and each defect on the 遗漏缺陷工程申报表
    // handed to engineering.
    inspected: {
      by: () => ['customerService'],
      refuse: once('inspected', afterIdentity),
      apply: (s, _, data) => {
        s.meters = {
          electricity: num(data.electricity),
          water: num(data.water),
          gas: typeof data.gas === 'number' ? data.gas : undefined
        };
        s.checked = strings(data.checked);
        s.defects = strings(data.defects);
        s.ticketIds = strings(data.ticketIds);
      }
    },
    // 003 §3.1.4 3. 3]: the 单元钥匙签收表.
    keysReceived: {
      by: () => ['customerService'],
      refuse: (s) =>
        s.steps.inspected
          ? s.steps.keysReceived
            ? 'alreadyDone'
            : undefined
          : 'keysNeedInspection',
      apply: (s, _, data) => {
        s.keys = num(data.keys);
      }
    },
    // 003 §3.1.4 3. 6]: moved in; every department is told.
    completed: {
      finishes: true,
      by: () => ['customerService'],
      refuse: (s) => (moveInChecklist.every((t) => s.steps[t]) ? undefined : 'stepsMissing'),
      apply: (s, e) => {
        s.completedAt = e.at;
      }
    },
    cancelled: cancelRule<MoveInState>(),
    note: noteRule<MoveInState>()
  }
};

export function moveInProbe(type: string): Record<string, unknown>[] {
  if (type === 'documentsReceived') return [{ docs: ['idCopy', 'powerOfAttorney'] }];
  if (type === 'handbookSigned') return [{ items: ['covenant'] }];
  return [{}];
}
