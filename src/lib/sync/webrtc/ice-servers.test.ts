import { describe, expect, it } from 'vitest';
import { testDatabase } from '$lib/db/test-db';
import { loadIceServers, saveIceServers } from './ice-servers';

describe('ICE servers setting', () => {
  it('is empty by default: host candidates only, nothing leaves the office LAN', async () => {
    expect(await loadIceServers(testDatabase())).toEqual([]);
  });

  it('keeps STUN/TURN servers an office configures, and refuses anything else', async () => {
    const db = testDatabase();
    const servers = [
      { urls: 'stun:stun.office.example:3478' },
      { urls: ['turn:turn.office.example:3478'], username: 'desk', credential: 'secret' }
    ];
    await saveIceServers(db, servers);
    expect(await loadIceServers(db)).toEqual(servers);
    await expect(saveIceServers(db, [{ urls: 'https://example.com' }])).rejects.toThrow();
    await db.local.put({ key: 'sync.iceServers', value: 'garbage' });
    expect(await loadIceServers(db)).toEqual([]);
  });
});
