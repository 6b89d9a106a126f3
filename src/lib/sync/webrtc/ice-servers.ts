import { z } from 'zod';
import type { GuanjiaDexie } from '$lib/db/database';

const KEY = 'sync.iceServers';

const iceServerSchema = z.object({
  urls: z.union([
    z.string().regex(/^(stun|stuns|turn|turns):/),
    z.array(z.string().regex(/^(stun|stuns|turn|turns):/)).min(1)
  ]),
  username: z.string().optional(),
  credential: z.string().optional()
});
const iceServersSchema = z.array(iceServerSchema).max(8);

/**
 * STUN/TURN servers for direct channels, device-local. None by default: the office's
 * tablets share a LAN and reach each other through host candidates, and nothing leaves
 * the building. An office whose devices sit behind different NATs sets its own servers;
 * an unreadable entry falls back to none (the relay still carries everything).
 */
export async function loadIceServers(db: GuanjiaDexie): Promise<RTCIceServer[]> {
  const parsed = iceServersSchema.safeParse((await db.local.get(KEY))?.value);
  return parsed.success ? parsed.data : [];
}

/** Throws (zod) on anything but a list of stun:/turn: servers. */
export async function saveIceServers(db: GuanjiaDexie, servers: RTCIceServer[]): Promise<void> {
  await db.local.put({ key: KEY, value: iceServersSchema.parse(servers) });
}
