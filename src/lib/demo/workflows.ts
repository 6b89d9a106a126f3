import type { Role } from '$lib/domain/roles';
import { DAY, MINUTE, addWorkingDays, atHour, dayOf, hourOf, startOfDay } from './calendar';
import type { Random } from './random';
import type { Department, PaidText } from './texts';
import type { DemoStaff } from './types';

/**
 * The timelines of service requests (DOMAIN "Service requests"), as the event types the
 * request workflow reads: each step is who did what when. Timings follow the targets of
 * 004 — arrive within 10 minutes, urgent repairs done the same day, a return visit for
 * almost every repair — with the small share of misses a real office has.
 */
export interface Step {
  type: string;
  at: number;
  staffId: string;
  data: Record<string, unknown>;
}

export interface Crew {
  byRole: Record<Role, DemoStaff[]>;
}

const roleOf: Record<Department, Role> = {
  engineering: 'engineer',
  security: 'security',
  cleaning: 'cleaning',
  greening: 'greening',
  finance: 'finance',
  customerService: 'supervisor'
};

/** Someone of the department (the first of each role is its head). */
const member = (r: Random, crew: Crew, d: Department) => r.pick(crew.byRole[roleOf[d]]).id;
const head = (crew: Crew, d: Department) => crew.byRole[roleOf[d]][0].id;
const frontDesk = (r: Random, crew: Crew) => r.pick(crew.byRole.frontDesk).id;

/** The moment office work on it can start: now in office hours, else the next morning. */
function officeTime(r: Random, t: number, open = 8, close = 18): number {
  const h = hourOf(t);
  if (h >= open && h < close) return t;
  return atHour(dayOf(t) + (h >= close ? 1 : 0), open + r.float(0, 0.75));
}

const minutes = (r: Random, lo: number, hi: number) => r.int(lo * MINUTE, hi * MINUTE);

function returnVisitMethod(r: Random): 'phone' | 'door' | 'written' {
  return r.weighted([
    ['phone', 80],
    ['door', 12],
    ['written', 8]
  ] as const);
}

export interface RepairFacts {
  recordedAt: number;
  urgent: boolean;
  /** In a flat (the owner signs) or in the common areas. */
  inUnit: boolean;
  record: string;
  failures: readonly string[];
}

/** Repair 报修 (003 §3.4, 004): recorded → dispatched → accepted → arrived → done → signed → return visit → closed. */
export function repairSteps(r: Random, crew: Crew, f: RepairFacts): Step[] {
  const steps: Step[] = [];
  const desk = frontDesk(r, crew);
  steps.push({ type: 'recorded', at: f.recordedAt, staffId: desk, data: {} });
  let t = f.recordedAt;
  for (let round = 0; round < 3; round++) {
    // Urgent ones go out at once, day or night; others wait for the morning shift.
    const dispatchedAt = f.urgent
      ? t + minutes(r, 1, 4)
      : officeTime(r, t + minutes(r, 1, 10), 8, 18);
    const engineer = r.pick(crew.byRole.engineer).id;
    const immediate = f.urgent || !f.inUnit || round > 0 || r.chance(0.45);
    let appointmentAt: number;
    if (immediate) appointmentAt = dispatchedAt + 10 * MINUTE;
    else {
      // The owner picks a half-hour slot, later today or in the next days, 9:00–17:00.
      const day =
        dayOf(dispatchedAt) +
        r.weighted([
          [0, 4],
          [1, 4],
          [2, 2]
        ] as const);
      appointmentAt = Math.max(atHour(day, 9 + r.int(0, 16) / 2), dispatchedAt + 30 * MINUTE);
    }
    steps.push({
      type: 'dispatched',
      at: dispatchedAt,
      staffId: desk,
      data: { department: 'engineering', appointmentAt, assigneeId: engineer }
    });
    const acceptedAt = dispatchedAt + minutes(r, 1, 4);
    steps.push({ type: 'accepted', at: acceptedAt, staffId: engineer, data: {} });
    const late = r.chance(0.01);
    const target = immediate ? dispatchedAt + minutes(r, 4, 10) : appointmentAt - minutes(r, 0, 10);
    const arrivedAt = Math.max(
      acceptedAt + MINUTE,
      late ? appointmentAt + minutes(r, 11, 60) : target
    );
    steps.push({ type: 'arrived', at: arrivedAt, staffId: engineer, data: {} });
    const size = r.weighted([
      ['minor', 70],
      ['medium', 25],
      ['parts', 5]
    ] as const);
    let doneAt =
      size === 'minor'
        ? arrivedAt + minutes(r, 10, 50)
        : size === 'medium'
          ? arrivedAt + minutes(r, 60, 180)
          : arrivedAt + DAY + minutes(r, 0, 120);
    // 004: urgent repairs are never left overnight (急修不过夜).
    if (f.urgent && dayOf(doneAt) !== dayOf(arrivedAt)) {
      const midnight = startOfDay(dayOf(arrivedAt) + 1);
      doneAt = Math.min(
        arrivedAt + minutes(r, 30, 90),
        arrivedAt + Math.floor((midnight - arrivedAt) * 0.9)
      );
    }
    const materialsCheck = r.weighted([
      ['none', 85],
      ['pass', 14],
      ['fail', 1]
    ] as const);
    const record =
      materialsCheck === 'fail' ? `业主自购材料不合格，改用物业库存材料；${f.record}` : f.record;
    steps.push({ type: 'done', at: doneAt, staffId: engineer, data: { materialsCheck, record } });
    t = doneAt;
    if (f.inUnit) {
      t += minutes(r, 1, 5);
      steps.push({ type: 'ownerSigned', at: t, staffId: engineer, data: {} });
    }
    // 004 wants a return visit for every repair; a few slip and stay open.
    if (r.chance(0.005)) return steps;
    const visitAt = officeTime(r, t + minutes(r, 120, 3 * 24 * 60), 9, 20);
    const satisfied = round > 0 || !r.chance(0.02);
    steps.push({
      type: 'returnVisit',
      at: visitAt,
      staffId: frontDesk(r, crew),
      data: { method: returnVisitMethod(r), satisfied }
    });
    if (satisfied) {
      steps.push({ type: 'closed', at: visitAt + minutes(r, 1, 30), staffId: desk, data: {} });
      return steps;
    }
    t = visitAt + minutes(r, 5, 60);
    steps.push({ type: 'reopened', at: t, staffId: desk, data: { reason: r.pick(f.failures) } });
  }
  return steps;
}

export interface ComplaintFacts {
  recordedAt: number;
  department: Department;
  result: string;
}

/** Complaint 投诉 (003 §3.3, 001): recorded → verified → assigned → result → return visit → head signs → closed. */
export function complaintSteps(r: Random, crew: Crew, f: ComplaintFacts): Step[] {
  const steps: Step[] = [];
  const desk = frontDesk(r, crew);
  const supervisor = crew.byRole.supervisor[0].id;
  steps.push({ type: 'recorded', at: f.recordedAt, staffId: desk, data: {} });
  let t = officeTime(r, f.recordedAt + minutes(r, 10, 240));
  steps.push({ type: 'verified', at: t, staffId: r.chance(0.6) ? supervisor : desk, data: {} });
  // 001: malicious complaints are marked, never deleted.
  if (r.chance(0.02)) {
    t = officeTime(r, t + minutes(r, 60, 24 * 60));
    steps.push({
      type: 'markedMalicious',
      at: t,
      staffId: supervisor,
      data: { reason: '经核实投诉内容与事实不符' }
    });
    steps.push({ type: 'closed', at: t + minutes(r, 5, 60), staffId: supervisor, data: {} });
    return steps;
  }
  // Serious complaints go to the manager (003 §3.3).
  const serious = r.chance(0.05);
  for (let round = 0; round < 2; round++) {
    t += minutes(r, 5, 90);
    const deadline = addWorkingDays(t, 2);
    steps.push({
      type: 'assigned',
      at: t,
      staffId: serious ? crew.byRole.manager[0].id : supervisor,
      data: { department: f.department, deadline, serious }
    });
    const late = r.chance(0.03);
    t = late
      ? deadline + minutes(r, 60, 48 * 60)
      : Math.min(deadline - MINUTE, officeTime(r, t + minutes(r, 60, 40 * 60)));
    steps.push({
      type: 'result',
      at: t,
      staffId: member(r, crew, f.department),
      data: { text: f.result }
    });
    t = officeTime(r, t + minutes(r, 60, 48 * 60), 9, 20);
    const satisfied = round > 0 ? r.chance(0.8) : r.chance(0.9);
    steps.push({
      type: 'returnVisit',
      at: t,
      staffId: frontDesk(r, crew),
      data: { method: returnVisitMethod(r), satisfied }
    });
    if (satisfied || round > 0) break;
  }
  t = officeTime(r, t + minutes(r, 60, 24 * 60));
  steps.push({ type: 'headSigned', at: t, staffId: head(crew, f.department), data: {} });
  steps.push({ type: 'closed', at: t + minutes(r, 5, 120), staffId: supervisor, data: {} });
  return steps;
}

/** Paid service 有偿服务 (003 §3.12): fee notice signed → service → paid, or rework, or handed over. */
export function paidServiceSteps(
  r: Random,
  crew: Crew,
  recordedAt: number,
  item: PaidText
): Step[] {
  const steps: Step[] = [];
  const desk = frontDesk(r, crew);
  steps.push({ type: 'recorded', at: recordedAt, staffId: desk, data: {} });
  const price = r.int(item.price[0] / 10, item.price[1] / 10) * 10;
  let t = officeTime(r, recordedAt + minutes(r, 10, 24 * 60));
  steps.push({ type: 'feeNoticeSigned', at: t, staffId: desk, data: { price } });
  const worker = member(r, crew, item.department);
  t = officeTime(r, t + minutes(r, 60, 3 * 24 * 60), 9, 17);
  steps.push({ type: 'serviceDone', at: t, staffId: worker, data: { record: item.record } });
  const outcome = r.weighted([
    ['paid', 92],
    ['rework', 5],
    ['handedOver', 3]
  ] as const);
  if (outcome === 'rework') {
    t += minutes(r, 10, 60);
    steps.push({ type: 'rework', at: t, staffId: desk, data: { reason: '业主对服务效果不满意' } });
    t = officeTime(r, t + minutes(r, 60, 24 * 60), 9, 17);
    steps.push({ type: 'serviceDone', at: t, staffId: worker, data: { record: item.record } });
  }
  t += minutes(r, 5, 60);
  if (outcome === 'handedOver') {
    // The customer refuses to pay: the file goes to finance to recover the fee.
    steps.push({ type: 'handedOver', at: t, staffId: desk, data: { to: 'finance' } });
  } else {
    const method = r.weighted([
      ['wechat', 55],
      ['alipay', 30],
      ['cash', 10],
      ['card', 5]
    ] as const);
    steps.push({
      type: 'paid',
      at: t,
      staffId: r.pick(crew.byRole.finance).id,
      data: { amount: price, method }
    });
  }
  steps.push({ type: 'closed', at: t + minutes(r, 5, 60), staffId: desk, data: {} });
  return steps;
}

/** Inquiry 咨询, suggestion 建议, praise 表扬: recorded → answered → closed. */
export function answerSteps(
  r: Random,
  crew: Crew,
  recordedAt: number,
  kind: 'inquiry' | 'suggestion' | 'praise',
  answer: string
): Step[] {
  const desk = frontDesk(r, crew);
  let answeredAt: number;
  let by = desk;
  if (kind === 'inquiry') {
    // Most questions are answered on the spot; some need looking up.
    answeredAt = r.chance(0.8)
      ? recordedAt + minutes(r, 1, 10)
      : officeTime(r, recordedAt + minutes(r, 60, 24 * 60));
  } else {
    by = crew.byRole.supervisor[0].id;
    answeredAt = officeTime(
      r,
      recordedAt +
        (kind === 'suggestion' ? minutes(r, 24 * 60, 5 * 24 * 60) : minutes(r, 60, 2 * 24 * 60))
    );
  }
  return [
    { type: 'recorded', at: recordedAt, staffId: desk, data: {} },
    { type: 'answered', at: answeredAt, staffId: by, data: { text: answer } },
    { type: 'closed', at: answeredAt + minutes(r, 1, 30), staffId: by, data: {} }
  ];
}
