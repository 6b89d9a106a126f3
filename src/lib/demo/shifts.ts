import * as Y from 'yjs';
import { equipmentOf, logOf, pendingOf } from '$lib/collab/shift-doc';
import { shiftId, type ShiftSlot } from '$lib/domain/records/shift';
import { atHour, isoDate } from './calendar';
import { demoTimeId } from './ids';
import { random, type Random } from './random';
import type { DemoRow, DemoSize, DemoStaff } from './types';

/** A month of front-desk handovers (003 §3.9), ending the day before `asOf`. */
export const SHIFT_DAYS = 30;

/** A request recorded in the last days, that a shift's pending item may follow up. */
export interface DemoTicketRef {
  id: string;
  number: string;
  content: string;
  day: number;
}

/** A step of the handover; `signs` marks the snapshot it signs (the loader stores it as a blob). */
export type DemoHandoverStep = Omit<DemoRow<'handoverEvent'>, 'signature'> & {
  signs?: Uint8Array;
};

export interface DemoShift {
  shift: DemoRow<'shift'>;
  /** In time order; the shift's record is written with the last one. */
  steps: DemoHandoverStep[];
}

export interface DemoShiftInput {
  seed: number;
  size: DemoSize;
  /** Days (demo calendar) the month covers: the last one is left for the day's review. */
  days: readonly number[];
  frontDesk: readonly DemoStaff[];
  supervisor: readonly DemoStaff[];
  manager: readonly DemoStaff[];
  tickets: readonly DemoTicketRef[];
  equipment: readonly string[];
}

/** Slots in the order of the day with the default times (夜班 00–08, 早班 08–16, 中班 16–24). */
const slots: readonly { slot: ShiftSlot; end: number }[] = [
  { slot: 'night', end: 8 },
  { slot: 'early', end: 16 },
  { slot: 'middle', end: 24 }
];

const lines: Record<ShiftSlot, readonly string[]> = {
  night: [
    '凌晨 1 点巡查大堂及地下车库，一切正常。',
    '2 号楼 1 单元业主来电反映楼上噪音，已联系秩序部上门劝导。',
    '夜间外卖及快递人员共 9 人次，均已登记。',
    '4:30 水泵房报警一次，工程部值班人员到场复位，原因为浮球卡滞。',
    '夜间无访客，监控室交接正常。'
  ],
  early: [
    '上午接待来访业主 14 人次，其中咨询物业费 6 人次。',
    '3 号楼电梯困人，已通知工程部，10 分钟到场处理完毕。',
    '装修申请 2 份已受理，资料齐全，已交工程部审核。',
    '快递柜旁发现遗失钥匙一串，已登记存放前台。',
    '园林组上午修剪中心花园，已在业主群发布通知。'
  ],
  middle: [
    '下午接待来访 11 人次，外来施工人员 3 名已办临时出入证。',
    '5 号楼业主反映厨房漏水，已派维修单，预约明早 9 点。',
    '消防通道堆放杂物，已通知秩序部清理，拍照留存。',
    '傍晚停车场道闸故障一次，已手动放行并报工程部。',
    '收到业主表扬信一封，已转交经理。'
  ]
};

const pendingTexts = [
  '回访业主维修结果',
  '跟进工程部到场时间',
  '通知业主领取快递',
  '核对装修押金收据',
  '提醒秩序部复查消防通道'
];

function paragraph(doc: Y.Doc, text: string): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  logOf(doc).push([p]);
}

/** The shift's document as it was signed: a short log, pending items, the equipment check. */
function shiftDocument(
  r: Random,
  slot: ShiftSlot,
  by: string,
  at: number,
  tickets: readonly DemoTicketRef[],
  equipment: readonly string[]
): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = r.uint32(); // from the seed, so the snapshot's bytes (and hash) are too
  const pool = r.shuffle([...lines[slot]]);
  for (const text of pool.slice(0, r.int(2, 4))) paragraph(doc, text);
  const items = r.int(0, 2);
  for (let i = 0; i < items; i++) {
    const ticket = tickets.length && r.chance(0.7) ? r.pick(tickets) : undefined;
    pendingOf(doc).set(demoTimeId(r, at), {
      text: r.pick(pendingTexts),
      done: false,
      by,
      at: at - (items - i) * 60_000,
      ...(ticket ? { ticketId: ticket.id } : {})
    });
  }
  for (const item of equipment) equipmentOf(doc).set(item, { ok: true, note: '', by, at });
  const snapshot = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return snapshot;
}

/**
 * A month of closed handovers, three shifts a day, each signed by its outgoing and its
 * incoming person and reviewed the next morning by the manager — except the last day's,
 * which wait for the review (so the unsigned list shows something). About once a month the
 * incoming shift refuses (the cash does not match), the supervisor resolves it, and the
 * outgoing shift signs again. Pure and deterministic; the loader stores the snapshots.
 */
export function demoShifts(input: DemoShiftInput): DemoShift[] {
  const crew = [...input.frontDesk, ...input.supervisor];
  const reviewer = input.manager[0] ?? input.supervisor[0];
  if (crew.length < 2 || !reviewer) return [];
  const out: DemoShift[] = [];
  input.days.forEach((day, d) => {
    const r = random(input.seed, input.size, 'shifts', day);
    const last = d === input.days.length - 1;
    const refusedSlot = day % SHIFT_DAYS === 11 ? 'middle' : undefined;
    slots.forEach(({ slot, end }, s) => {
      const k = d * slots.length + s;
      const outgoing = crew[k % crew.length];
      const incoming = crew[(k + 1) % crew.length];
      const nearby = input.tickets.filter((t) => t.day === day || t.day === day - 1);
      const readyAt = atHour(day, end - r.float(0.1, 0.3));
      const acceptAt = atHour(day, end + r.float(0.05, 0.2));
      const id = shiftId(isoDate(day), slot);
      const step = (
        type: DemoHandoverStep['type'],
        staffId: string,
        at: number,
        extra: Partial<DemoHandoverStep> = {}
      ): DemoHandoverStep => ({ id: demoTimeId(r, at), shiftId: id, type, at, staffId, ...extra });
      const signed = shiftDocument(r, slot, outgoing.id, readyAt, nearby, input.equipment);
      const steps: DemoHandoverStep[] = [];
      if (slot === refusedSlot && input.supervisor[0]) {
        const firstAt = readyAt - 20 * 60_000;
        steps.push(
          step('ready', outgoing.id, firstAt, { signs: signed }),
          step('refuse', incoming.id, firstAt + 5 * 60_000, {
            reason: '备用金清点少 50 元，与登记本不符'
          }),
          step('resolve', input.supervisor[0].id, firstAt + 12 * 60_000, {
            reason: '已核对：差额为代收快递费，已补登记，备用金无误'
          })
        );
      }
      steps.push(
        step('ready', outgoing.id, readyAt, { signs: signed }),
        step('accept', incoming.id, acceptAt, { signs: signed })
      );
      const reviewAt = last ? undefined : atHour(day + 1, 9.5 + s * 0.05);
      if (reviewAt !== undefined) steps.push(step('review', reviewer.id, reviewAt));
      out.push({
        shift: {
          id,
          date: isoDate(day),
          slot,
          staffIds: [outgoing.id],
          status: 'closed',
          ...(reviewAt !== undefined ? { reviewedAt: reviewAt } : {})
        },
        steps
      });
    });
  });
  return out;
}
