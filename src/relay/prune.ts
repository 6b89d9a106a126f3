/**
 * Batch pruning after compaction (issue 12 §5), the part both stores share: how far each
 * author's batches may go. The relay sees no plaintext: a device that published a snapshot
 * names the vector it covers, and the relay keeps, per enrolled device, the vector of its
 * last pull (what it holds). An op may go once the snapshot covers it and every enrolled
 * device still in the office holds it: no device then needs it from the relay, and a new
 * device starts from the snapshot (lib/sync/snapshot-relay.ts). Removed (revoked) devices do
 * not hold pruning back.
 */

export interface DeviceAcks {
  device: string;
  /** The highest op of this author the relay holds. */
  high: number;
  /** What this device said it holds (its pulls), per author. */
  acked: Record<string, number>;
}

/** Per author: ops up to this may be dropped (absent: none). */
export function pruneLimits(
  covered: Record<string, number>,
  devices: readonly DeviceAcks[],
  revoked: ReadonlySet<string>
): Record<string, number> {
  const live = devices.filter((d) => !revoked.has(d.device));
  const limits: Record<string, number> = {};
  if (!live.length) return limits;
  for (const author of devices) {
    let limit = Math.min(covered[author.device] ?? 0, author.high);
    for (const d of live) limit = Math.min(limit, d.acked[author.device] ?? 0);
    if (limit > 0) limits[author.device] = limit;
  }
  return limits;
}

/**
 * `acked` raised by `vector` (entries only go up), or undefined when nothing changes. Only
 * `authors` (the office's enrolled devices) are kept: the vector comes from the device, and
 * names it made up (up to 10,000 per message, each message adding more) would otherwise grow
 * its row without bound, outside any quota, and be parsed again by every prune. An entry for
 * a device enrolled later starts at its next pull or `holds`, which only holds pruning back.
 */
export function raiseAcks(
  acked: Record<string, number>,
  vector: Record<string, number>,
  authors: ReadonlySet<string>
): Record<string, number> | undefined {
  let changed = false;
  const next: Record<string, number> = {};
  for (const [device, seq] of Object.entries(acked))
    if (authors.has(device)) next[device] = seq;
    else changed = true;
  for (const [device, seq] of Object.entries(vector))
    if (authors.has(device) && Number.isSafeInteger(seq) && seq > (next[device] ?? 0)) {
      next[device] = seq;
      changed = true;
    }
  return changed ? next : undefined;
}

export function parseVector(text: string | null | undefined): Record<string, number> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(value)) if (typeof v === 'number') out[k] = v;
    return out;
  } catch {
    return {};
  }
}
