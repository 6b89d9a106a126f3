import type { VersionVector } from '$lib/domain/ops';
import { hlcTime } from '$lib/domain/hlc';
import type { GuanjiaDexie } from '$lib/db/database';

export interface DeviceRow {
  id: string;
  name: string;
  thisDevice: boolean;
  /** When it last reported (its own last change or its reported vector), ms. */
  lastSeen: number | undefined;
  /** Changes this device holds that it has not reported holding; undefined if never reported. */
  behind: number | undefined;
}

/** The office's devices for the devices page (read-only query over the synced device table). */
export async function deviceRows(db: GuanjiaDexie, me: string): Promise<DeviceRow[]> {
  const [rows, state] = await Promise.all([db.device.toArray(), db.meta.get('sync')]);
  const mine: VersionVector = state?.vv ?? {};
  const out: DeviceRow[] = [];
  for (const row of rows) {
    if (row.deleted) continue;
    const last = await db.oplog
      .where('[device+last]')
      .between([row.id, 0], [row.id, Infinity])
      .last();
    const seen = row.seen as VersionVector | undefined;
    const seenAt = typeof row.seenAt === 'number' ? row.seenAt : undefined;
    const lastOp = last ? hlcTime(last.hlc) : undefined;
    const behind =
      row.id === me
        ? 0
        : seen &&
          Object.entries(mine).reduce(
            (sum, [device, n]) =>
              sum + Math.max(0, n - Math.max(seen[device] ?? 0, device === row.id ? n : 0)),
            0
          );
    out.push({
      id: row.id,
      name: String(row.name),
      thisDevice: row.id === me,
      lastSeen: Math.max(seenAt ?? 0, lastOp ?? 0) || undefined,
      behind
    });
  }
  return out.sort(
    (a, b) => Number(b.thisDevice) - Number(a.thisDevice) || a.name.localeCompare(b.name)
  );
}
