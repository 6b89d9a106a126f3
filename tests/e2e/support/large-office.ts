import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

export interface LargeOffice {
  /** The Node device that wrote and pushed it. */
  device: string;
  /** Its row ops (one per row). */
  ops: number;
  /** Rows per table. */
  rows: Record<string, number>;
}

/**
 * The large demo office into tablet A's office, from a second device of that office running
 * in Node (large-office-device.ts): it gets a certificate signed with A's office key (as
 * pairing gives one), writes the office as its op log and pushes it to the relay; A (and any
 * tablet) then receives it through the relay and the commit road. Resolves once the relay
 * holds all of it.
 */
export async function pushLargeOffice(a: Page, relay: string): Promise<LargeOffice> {
  const { keys, actor } = await a.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('guanjia');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const get = <T>(store: string, query: IDBValidKey | null, all = false) =>
      new Promise<T>((resolve, reject) => {
        const s = db.transaction(store).objectStore(store);
        const req = all ? s.getAll(query) : s.get(query as IDBValidKey);
        req.onsuccess = () => resolve(req.result as T);
        req.onerror = () => reject(req.error);
      });
    const entry = await get<{ value: unknown }>('local', 'sync.keys');
    const staff = await get<{ id: string; role: string; deleted?: boolean }[]>('staff', null, true);
    db.close();
    const b64 = (bytes: Uint8Array) =>
      btoa(String.fromCharCode(...bytes))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
    const plain = (value: unknown): unknown => {
      if (value instanceof Uint8Array) return { b64: b64(value) };
      if (Array.isArray(value)) return value.map(plain);
      if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
      return value;
    };
    const manager = staff.find((s) => s.role === 'manager' && !s.deleted);
    return { keys: plain(entry.value), actor: manager?.id ?? '' };
  });
  const dir = mkdtempSync(join(tmpdir(), 'guanjia-large-office-'));
  const file = join(dir, 'input.json');
  writeFileSync(file, JSON.stringify({ relay, actor, keys }));
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          // Gone with this process (an interrupted run): no orphan left pushing.
          '--import',
          fileURLToPath(new URL('../../relay/exit-with-parent.ts', import.meta.url)),
          'tests/e2e/support/large-office-device.ts',
          file
        ],
        { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }
      );
      child.channel?.unref();
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve(stdout) : reject(new Error(`large office device: ${code}\n${stderr}`))
      );
    });
    return JSON.parse(out.trim().split('\n').at(-1) ?? '') as LargeOffice;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
