import type { GuanjiaDexie } from '../database';
import { write, type Actor } from '../write';
import { addFeeRate, saveFeeItem } from './fees';

/** The actors of the fee tests (shared by fees.test.ts and fee-balance.test.ts). */
export const finance: Actor = { staffId: 'F1', role: 'finance' };
export const desk: Actor = { staffId: 'D1', role: 'frontDesk' };
export const engineer: Actor = { staffId: 'E1', role: 'engineer' };
export const manager: Actor = { staffId: 'M1', role: 'manager' };

/**
 * A small office for fee tests: community c1, building b1 (code 3), residential units u1–u3 of
 * 90, 100 and 110 m², and a monthly management fee of 2.00 ¥/m² from 2026-01-01, due on the
 * 10th. With `now`, the writes are stamped now, now + 1, now + 2 (tests that compare devices).
 */
export async function feeOffice(
  db: GuanjiaDexie,
  {
    now,
    lateFee
  }: {
    now?: number;
    lateFee?: { perDayPerTenThousand: number; graceDays?: number; capPercent?: number };
  } = {}
): Promise<string> {
  const at = (i: number) => (now === undefined ? undefined : now + i);
  await write(
    manager,
    [
      { op: 'create', table: 'community', value: { id: 'c1', name: '锦绣花园' } },
      {
        op: 'create',
        table: 'building',
        value: { id: 'b1', communityId: 'c1', code: '3', floors: 18 }
      },
      ...[1, 2, 3].map((n) => ({
        op: 'create' as const,
        table: 'unit' as const,
        value: {
          id: `u${n}`,
          communityId: 'c1',
          buildingId: 'b1',
          room: `${n}01`,
          floor: n,
          areaM2: 80 + n * 10,
          type: 'residential' as const
        }
      }))
    ],
    { db, now: at(0) }
  );
  const item = await saveFeeItem(
    finance,
    {
      name: '物业管理费',
      kind: 'management',
      basis: 'area',
      period: 'monthly',
      dueDay: 10,
      startDate: '2026-01-01',
      unitTypes: ['residential'],
      ...(lateFee ? { lateFee } : {})
    },
    undefined,
    { db, now: at(1) }
  );
  await addFeeRate(finance, item, { from: '2026-01-01', fen: 200 }, { db, now: at(2) });
  return item;
}
