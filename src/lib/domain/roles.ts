import type { TableName } from './table-names';

/**
 * Staff roles (DOMAIN "Who uses it"). Department staff have a role of their department,
 * because the department decides both their work queue and what they may do.
 */
export const roles = [
  'manager',
  'supervisor',
  'frontDesk',
  'engineer',
  'security',
  'cleaning',
  'greening',
  'finance',
  // Issue 21 §4: a company device (the property company's quality manager) paired into
  // several offices, read-only. Not a staff role: the manager gives it only by pairing.
  'company'
] as const;
export type Role = (typeof roles)[number];

/** The roles the manager may give a colleague on 设置 → 员工 (not the company device's). */
export const staffRoles = roles.filter((r): r is Exclude<Role, 'company'> => r !== 'company');

export type WriteAction = 'create' | 'update' | 'delete';
const ALL: readonly WriteAction[] = ['create', 'update', 'delete'];
const CU: readonly WriteAction[] = ['create', 'update'];
const C: readonly WriteAction[] = ['create'];

type Grants = Partial<Record<TableName, readonly WriteAction[]>>;

/** Planning, assigning and routing visits (001 §4.3: the supervisor arranges them). */
const visitGrants: Grants = {
  visitPlan: CU,
  visitAssignment: CU,
  visitAppointment: CU,
  visitRecord: CU,
  visitRoute: C
};

/** What each department's staff may write: they receive dispatched work and record steps. */
const departmentGrants: Grants = { ticketEvent: C, lifecycleEvent: C };

/**
 * Satisfaction surveys (000 第二节; DOMAIN "Who uses it": the manager runs the yearly survey):
 * the manager and supervisor set the questionnaire and the improvement plan; anyone at the
 * desk types in paper answers; an answer is corrected, never deleted.
 */
const surveyGrants: Grants = { survey: CU, surveyAnswer: CU, surveyAction: ALL };

/**
 * Fees (issue 18 §6): finance and the manager keep the fee items and rates, run the bills,
 * adjust and reverse (a payment is reversed by an update, never deleted; an adjustment is
 * write-once).
 */
const feeGrants: Grants = {
  feeItem: CU,
  feeRate: CU,
  bill: CU,
  billAdjustment: C,
  payment: CU,
  feeContact: C
};

/**
 * Owner links and what owners send (issue 16): made and taken in at the desk; a submission is
 * marked spam or read, never deleted; a link is closed, not deleted.
 */
const ownerGrants: Grants = { ownerLink: CU, ownerSubmission: CU };

/**
 * The role table: which tables each role may write, enforced in the write path
 * (lib/db/write.ts), not only hidden in the UI. Reading is open to every signed-in
 * role except for sensitive fields, which `capabilities` governs.
 */
export const writeGrants: Record<Role, Grants> = {
  // 物业服务中心经理: runs the office, its staff and its settings.
  manager: {
    office: CU,
    settings: CU,
    staff: ALL,
    community: ALL,
    building: ALL,
    unit: ALL,
    person: ALL,
    occupancy: ALL,
    ticket: ALL,
    ticketEvent: C,
    ticketCategory: ALL,
    incident: ALL,
    incidentCall: C,
    houseHealthEntry: ALL,
    segmentTag: ALL,
    sensitiveReveal: C,
    shift: CU,
    handoverEvent: C,
    notice: ALL,
    noticeTold: C,
    noticeTemplate: CU,
    // The office's tablets: paired and removed by the manager (issue #4).
    device: ALL,
    // Visits (001 §4.3): the manager visits ≥ 5 a month, approves the summary, writes the
    // liaison letter; may plan when the supervisor is away.
    ...visitGrants,
    visitSummary: CU,
    liaisonLetter: CU,
    lifecycle: ALL,
    lifecycleEvent: C,
    // 004 registers (security incidents, fires, violations, inspections): voided, never deleted.
    registerEntry: CU,
    // 002 yearly CRM plan: drafted by the manager or supervisor, items kept up to date.
    crmPlan: CU,
    planTask: ALL,
    ...feeGrants,
    ...surveyGrants,
    ...ownerGrants
  },
  // 客服主管: plans visits, routes complaints, keeps the archive; not staff or settings.
  supervisor: {
    community: CU,
    building: ALL,
    unit: ALL,
    person: ALL,
    occupancy: ALL,
    ticket: ALL,
    ticketEvent: C,
    ticketCategory: ALL,
    incident: ALL,
    incidentCall: C,
    houseHealthEntry: ALL,
    segmentTag: ALL,
    sensitiveReveal: C,
    shift: CU,
    handoverEvent: C,
    notice: ALL,
    noticeTold: C,
    noticeTemplate: CU,
    // Visits (001 §4.3): plans the month, routes items, drafts the summary.
    ...visitGrants,
    visitSummary: CU,
    liaisonLetter: CU,
    lifecycle: CU,
    lifecycleEvent: C,
    // 004 registers (security incidents, fires, violations, inspections): voided, never deleted.
    registerEntry: CU,
    // 002 yearly CRM plan: drafted by the manager or supervisor, items kept up to date.
    crmPlan: CU,
    planTask: ALL,
    ...surveyGrants,
    ...ownerGrants
  },
  // 客服前台: takes requests and keeps the customer archive up to date.
  // Shifts: the front desk opens its shift and writes its log (003 §3.9).
  frontDesk: {
    person: CU,
    occupancy: CU,
    ticket: CU,
    ticketEvent: C,
    // Incidents: the desk records the cut and the calls about it (issue 6 §6).
    incident: CU,
    incidentCall: C,
    houseHealthEntry: CU,
    shift: CU,
    handoverEvent: C,
    notice: CU,
    noticeTold: C,
    // Visits (001 §4.3): the desk's staff make most visits: appointments and records.
    visitAppointment: CU,
    visitRecord: CU,
    // Move-in, renovation, move-out (003 §3.1, §3.2, §3.13): the desk opens and closes each
    // procedure, and the unit's status follows it (入住 → occupied, 装修中, 迁出 → vacant).
    lifecycle: CU,
    lifecycleEvent: C,
    unit: ['update'],
    // 002: the desk carries out plan items and marks them done.
    planTask: CU,
    // Fees (issue 18 §6): the desk takes payments at the counter and chases arrears.
    payment: C,
    feeContact: C,
    // 000 第二节: the desk types in paper answers and carries out improvement steps.
    surveyAnswer: CU,
    surveyAction: ['update'],
    // Issue 16: the desk makes owner links and takes what owners send through them.
    ...ownerGrants
  },
  // 工程部: receives work orders, records accept / arrive / finish, and the work it did
  // in a unit goes into the house health archive (000).
  // Engineering announces the water and power cuts it plans (001 §4.2).
  // 004 三: engineering keeps the facility inspections (intact area).
  engineer: {
    ticketEvent: C,
    houseHealthEntry: C,
    incident: CU,
    lifecycleEvent: C,
    registerEntry: CU
  },
  // 004 七–九: security keeps the incident, fire and violation registers; 004 六: cleaning
  // keeps its inspections. Each screen offers a department only its own kinds.
  security: { ...departmentGrants, registerEntry: CU },
  cleaning: { ...departmentGrants, registerEntry: CU },
  greening: departmentGrants,
  finance: { ...departmentGrants, ...feeGrants },
  // Issue 21 §4: the company device reads the indicators, complaints and overdue items of
  // each office it was paired into and writes nothing — a received op of its author is
  // refused here like any other role's (the apply path's authorCheck), and a local write
  // fails before the transaction. Not in `revealSensitive`: phones and ids stay masked.
  company: {}
};

/**
 * Whether the role may write the table at all (what a screen offers). The write path and
 * the apply path check `permits` in permissions.ts, which also looks at which workflow step
 * a new `ticketEvent` is.
 */
export function canWrite(role: Role, table: TableName, action: WriteAction): boolean {
  return writeGrants[role][table]?.includes(action) ?? false;
}

/** Things a role may do beyond writing tables. */
export const capabilities = {
  /** Reveal a masked phone or ID number, with the reveal logged (DOMAIN "Records": privacy). */
  revealSensitive: ['manager', 'supervisor'],
  manageStaff: ['manager'],
  editSettings: ['manager'],
  /** Loading the demo office replaces what a real office would see: manager only. */
  loadDemo: ['manager'],
  pairDevice: ['manager'],
  /** 003 §3.9: the roster of front-desk shifts is planned by the manager or supervisor. */
  planRoster: ['manager', 'supervisor'],
  /** 001 §4.2: the supervisor publishes notices (DOMAIN "Who uses it"), or the manager. */
  publishNotice: ['manager', 'supervisor'],
  /** DESIGN "Security": the op log is the audit trail; the office's heads read it. */
  readAudit: ['manager', 'supervisor'],
  /** Publishing a notice that breaks a lead-time rule needs the manager and a reason. */
  overrideNoticeRule: ['manager'],
  /** 001 §4.3: the supervisor plans the month's visits and routes what they heard. */
  planVisits: ['manager', 'supervisor'],
  /** 001 §4.3: the manager approves the monthly visit summary. */
  approveVisitSummary: ['manager'],
  /** Issue 18 §6: amounts owed and paid are shown to finance, the manager and the front desk only. */
  seeFees: ['manager', 'finance', 'frontDesk'],
  /** Fee items, rates, bill runs, adjustments, reversals, opening balances. */
  manageFees: ['manager', 'finance'],
  /** 000 第二节: the manager runs the yearly survey; the supervisor helps with it. */
  runSurveys: ['manager', 'supervisor']
} as const satisfies Record<string, readonly Role[]>;
export type Capability = keyof typeof capabilities;

/**
 * Who signs for whom on the move-in, renovation and move-out forms (003 §3.1, §3.2, §3.13):
 * each department's signature is given by its own staff; the manager signs for customer
 * service as the office's head, and alone approves a deposit refund (003 §3.2.4 5.5]). The
 * cashier's steps (fees, settlement, refund paid) are recorded by finance or the desk.
 */
export const signerRoles = {
  customerService: ['frontDesk', 'supervisor', 'manager'],
  engineering: ['engineer'],
  security: ['security'],
  finance: ['finance', 'frontDesk', 'supervisor', 'manager'],
  manager: ['manager']
} as const satisfies Record<string, readonly Role[]>;
export type Signer = keyof typeof signerRoles;

export function canSign(role: Role, signer: Signer): boolean {
  return (signerRoles[signer] as readonly Role[]).includes(role);
}

export function can(role: Role, capability: Capability): boolean {
  return (capabilities[capability] as readonly Role[]).includes(role);
}
