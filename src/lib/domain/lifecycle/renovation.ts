import {
  baseState,
  cancelRule,
  noteRule,
  num,
  str,
  type BaseState,
  type Data,
  type Done,
  type Machine,
  type RefusalReason
} from './machine';
import {
  completionParties,
  signingDepartments,
  type CompletionParty,
  type SigningDepartment
} from './event-data';
import type { Signer } from '../roles';

/**
 * Renovation 二次装修 (003 §3.2.4; DOMAIN "Move-in, renovation, move-out"): application,
 * drawings reviewed by engineering until approved, fees/deposit/insurance, the fire authority
 * for large units, the permit signed by three departments, passes and hot-work permits,
 * daily inspections, hidden works, completion signed by all, deductions, the manager's
 * signature, the deposit refund.
 */
export type DrawingsState = 'none' | 'review' | 'returned' | 'approved';

export interface Signed extends Done {
  signature: string;
}

export interface RenovationState extends BaseState {
  drawings: DrawingsState;
  /** Each return of the drawings with engineering's reasons (003 §3.2.4 2.3]). */
  rework: { at: number; staffId: string; reasons: string }[];
  fees?: {
    feeFen: number;
    depositFen: number;
    insuranceFen: number;
    insurancePolicy: string;
    receiptNo: string;
  };
  fireApproved: boolean;
  permit: Partial<Record<SigningDepartment, Signed>>;
  permittedAt?: number;
  unitStatusBefore?: string;
  passes: { name: string; from: string; to: string; at: number }[];
  hotWork: { work: string; holder: string; from: string; to: string; at: number }[];
  inspections: {
    department: SigningDepartment;
    ok: boolean;
    findings: string;
    photos: string[];
    at: number;
    staffId: string;
  }[];
  hiddenWorks: 'none' | 'failed' | 'passed';
  completion: Partial<Record<CompletionParty, Signed>>;
  completedAt?: number;
  deductions: { amountFen: number; reason: string; at: number; staffId: string }[];
  deductedFen: number;
  managerSigned?: Signed;
  refundedFen?: number;
  refundedAt?: number;
}

export type RenovationStage =
  | 'drawingsReview'
  | 'drawingsReturned'
  | 'permitPending'
  | 'inWorks'
  | 'completed'
  | 'refundApproved'
  | 'refunded'
  | 'cancelled';

const before = (s: RenovationState): RefusalReason | undefined =>
  s.permittedAt !== undefined ? 'permitAlreadyIssued' : undefined;
const during = (s: RenovationState): RefusalReason | undefined =>
  s.permittedAt === undefined
    ? 'needsPermit'
    : s.completedAt !== undefined
      ? 'alreadyCompleted'
      : undefined;
const signedBy = (s: { signature?: unknown }, e: Done): Signed => ({
  at: e.at,
  staffId: e.staffId,
  signature: str(s.signature)
});
const isDepartment = (v: unknown): v is SigningDepartment =>
  (signingDepartments as readonly unknown[]).includes(v);
/** Whose staff signs for a completion party: the customer and contractor sign on the desk's tablet. */
const partySigner = (party: unknown): Signer[] =>
  isDepartment(party) ? [party] : ['customerService'];

/** The deposit still held: what the refund pays back (003 §3.2.4 5.4]–5]). */
export function refundDue(s: RenovationState): number {
  return (s.fees?.depositFen ?? 0) - s.deductedFen;
}

/** Whether the unit needs the fire authority's approval before the permit (003 §3.2.4 3.1]). */
export function needsFireApproval(areaM2: number, thresholdM2: number): boolean {
  return areaM2 > thresholdM2;
}

export const renovation: Machine<RenovationState> = {
  initial: () => ({
    ...baseState(),
    drawings: 'none',
    rework: [],
    fireApproved: false,
    permit: {},
    passes: [],
    hotWork: [],
    inspections: [],
    hiddenWorks: 'none',
    completion: {},
    deductions: [],
    deductedFen: 0
  }),
  rules: {
    // 003 §3.2.4 1.1]–2]: the 二次装修申请表 with the contract (or the customer's letter),
    // the contractor's licence and qualification, the material list; the drawings go to
    // engineering the same day.
    applied: {
      opens: true,
      by: () => ['customerService'],
      refuse: (_, data) => {
        const docs = Array.isArray(data.docs) ? data.docs : [];
        return ['contract', 'contractorLicence', 'materialList'].every((d) => docs.includes(d))
          ? undefined
          : 'applicationNeedsDocuments';
      },
      apply: (s) => {
        s.drawings = 'review';
      }
    },
    // 003 §3.2.4 2.3]: drawings returned with reasons come back amended, until approved.
    drawingsSubmitted: {
      by: () => ['customerService'],
      refuse: (s) => (s.drawings === 'returned' ? undefined : 'drawingsNotReturned'),
      apply: (s) => {
        s.drawings = 'review';
      }
    },
    // 003 §3.2.4 2.1]–3]: engineering reviews against the fire code and the building manual;
    // its head signs; not approved → returned with the changes asked for.
    drawingsReviewed: {
      by: () => ['engineering'],
      refuse: (s) => (s.drawings === 'review' ? undefined : 'drawingsNotUnderReview'),
      apply: (s, e, data) => {
        if (data.approved === true) s.drawings = 'approved';
        else {
          s.drawings = 'returned';
          s.rework.push({ at: e.at, staffId: e.staffId, reasons: str(data.reasons) });
        }
      }
    },
    // 003 §3.2.4 1.3]: fees by the 应交纳相关费用一览表, the deposit and the insurance;
    // recorded (amounts and receipts), not collected here.
    feesRecorded: {
      by: () => ['finance'],
      refuse: before,
      apply: (s, _, data) => {
        s.fees = {
          feeFen: num(data.feeFen),
          depositFen: num(data.depositFen),
          insuranceFen: num(data.insuranceFen),
          insurancePolicy: str(data.insurancePolicy),
          receiptNo: str(data.receiptNo)
        };
      }
    },
    // 003 §3.2.4 3.1]: over 200 m² (setting) the city fire authority approves; security
    // collects the receipt.
    fireApproved: {
      by: () => ['security'],
      refuse: before,
      apply: (s) => {
        s.fireApproved = true;
      }
    },
    // 003 §3.2.4 3.2]: once all the above is done, the heads of customer service,
    // engineering and security sign the 二次装修施工许可证. Customer service, the desk that
    // hands it over, signs last and so issues it.
    permitSigned: {
      by: (data) => (isDepartment(data.department) ? [data.department] : []),
      refuse: (s, data, ctx) => {
        if (s.permittedAt !== undefined) return 'permitAlreadyIssued';
        if (s.drawings !== 'approved') return 'permitNeedsDrawingApproval';
        if (!s.fees) return 'permitNeedsFees';
        if (needsFireApproval(ctx.areaM2, ctx.fireApprovalAreaM2) && !s.fireApproved)
          return 'permitNeedsFireApproval';
        if (!isDepartment(data.department)) return undefined;
        if (s.permit[data.department]) return 'alreadySigned';
        if (data.department === 'customerService' && (!s.permit.engineering || !s.permit.security))
          return 'permitIssuedLast';
        return undefined;
      },
      apply: (s, e, data) => {
        if (!isDepartment(data.department)) return;
        s.permit[data.department] = signedBy(data, e);
        if (data.department === 'customerService') {
          s.permittedAt = e.at;
          s.unitStatusBefore = str(data.unitStatusBefore) || undefined;
        }
      }
    },
    // 003 §3.2.4 3.3]–4]: security issues the workers' passes and, where needed, hot-work permits.
    workerPass: {
      by: () => ['security'],
      refuse: during,
      apply: (s, e, data) => {
        s.passes.push({ name: str(data.name), from: str(data.from), to: str(data.to), at: e.at });
      }
    },
    hotWorkPermit: {
      by: () => ['security'],
      refuse: during,
      apply: (s, e, data) => {
        s.hotWork.push({
          work: str(data.work),
          holder: str(data.holder),
          from: str(data.from),
          to: str(data.to),
          at: e.at
        });
      }
    },
    // 003 §3.2.4 4.2]: each department inspects the site at least once a day and writes
    // its record (A. customer service, B. engineering, C. security).
    inspection: {
      by: (data) => (isDepartment(data.department) ? [data.department] : []),
      refuse: during,
      apply: (s, e, data) => {
        if (!isDepartment(data.department)) return;
        s.inspections.push({
          department: data.department,
          ok: data.ok === true,
          findings: str(data.findings),
          photos: Array.isArray(data.photos) ? data.photos.map(str) : [],
          at: e.at,
          staffId: e.staffId
        });
      }
    },
    // 003 §3.2.4 4.5]: hidden works accepted by the departments together, re-done until passed.
    hiddenWorks: {
      by: () => ['customerService', 'engineering'],
      refuse: during,
      apply: (s, _, data) => {
        s.hiddenWorks = data.passed === true ? 'passed' : 'failed';
      }
    },
    // 003 §3.2.4 5.1]–4]: completion acceptance signed by each department, the customer and
    // the contractor; customer service, who called the others, signs last.
    completionSigned: {
      by: (data) => partySigner(data.party),
      refuse: (s, data) => {
        const d = during(s);
        if (d) return d;
        if (s.hiddenWorks !== 'passed') return 'completionNeedsHiddenWorks';
        const party = data.party as CompletionParty;
        if (!(completionParties as readonly unknown[]).includes(party)) return undefined;
        if (s.completion[party]) return 'alreadySigned';
        if (
          party === 'customerService' &&
          completionParties.some((p) => p !== 'customerService' && !s.completion[p])
        )
          return 'completionClosedLast';
        return undefined;
      },
      apply: (s, e, data) => {
        const party = data.party as CompletionParty;
        s.completion[party] = signedBy(data, e);
        if (party === 'customerService') s.completedAt = e.at;
      }
    },
    // 003 §3.2.4 5.4]: damaged common property is priced and taken from the deposit —
    // never more than the deposit.
    deduction: {
      by: () => ['customerService', 'engineering', 'security'],
      refuse: (s, data) => {
        if (s.completedAt === undefined) return 'needsCompletion';
        if (s.managerSigned) return 'alreadyApproved';
        if (s.deductedFen + num(data.amountFen) > (s.fees?.depositFen ?? 0))
          return 'deductionsExceedDeposit';
        return undefined;
      },
      apply: (s, e, data) => {
        s.deductions.push({
          amountFen: num(data.amountFen),
          reason: str(data.reason),
          at: e.at,
          staffId: e.staffId
        });
        s.deductedFen += num(data.amountFen);
      }
    },
    // 003 §3.2.4 5.5]: the property manager reviews and signs the acceptance sheet…
    managerSigned: {
      by: () => ['manager'],
      refuse: (s) =>
        s.completedAt === undefined
          ? 'needsCompletion'
          : s.managerSigned
            ? 'alreadySigned'
            : undefined,
      apply: (s, e, data) => {
        s.managerSigned = signedBy(data, e);
      }
    },
    // …and only then does the cashier refund the deposit, less the deductions.
    refunded: {
      finishes: true,
      by: () => ['finance'],
      refuse: (s, data) => {
        if (!s.managerSigned) return 'refundNeedsManager';
        if (num(data.amountFen) !== refundDue(s)) return 'refundAmountWrong';
        return undefined;
      },
      apply: (s, e, data) => {
        s.refundedFen = num(data.amountFen);
        s.refundedAt = e.at;
      }
    },
    cancelled: cancelRule<RenovationState>(),
    note: noteRule<RenovationState>()
  }
};

export function renovationStage(s: RenovationState): RenovationStage {
  if (s.cancelled) return 'cancelled';
  if (s.refundedAt !== undefined) return 'refunded';
  if (s.managerSigned) return 'refundApproved';
  if (s.completedAt !== undefined) return 'completed';
  if (s.permittedAt !== undefined) return 'inWorks';
  if (s.drawings === 'approved') return 'permitPending';
  if (s.drawings === 'returned') return 'drawingsReturned';
  return 'drawingsReview';
}

/** Sample data the page's button list probes a step with (one per department or party). */
export function renovationProbe(type: string, s: RenovationState): Data[] {
  if (type === 'permitSigned' || type === 'inspection')
    return signingDepartments.map((department) => ({ department }));
  if (type === 'completionSigned') return completionParties.map((party) => ({ party }));
  if (type === 'drawingsReviewed') return [{ approved: true }];
  if (type === 'refunded') return [{ amountFen: refundDue(s) }];
  if (type === 'deduction') return [{ amountFen: 1 }];
  if (type === 'applied') return [{ docs: ['contract', 'contractorLicence', 'materialList'] }];
  return [{}];
}
