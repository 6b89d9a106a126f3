// Issue 20: the audit screen pages the op log by HLC (newest first) instead of reading it whole.
import { describe, expect, it } from 'vitest';
import { auditTrail } from '$lib/domain/audit';
import { testDatabase } from '../test-db';
import { write, type Actor } from '../write';
import { auditPage, type AuditCursor } from './audit';
import type { AuditFilter } from '$lib/domain/audit';
import type { GuanjiaDexie } from '../database';

const desk: Actor = { staffId: 'F1', role: 'frontDesk' };
const manager: Actor = { staffId: 'M1', role: 'manager' };
const T0 = Date.parse('2026-11-23T09:00:00+08:00');
const HOUR = 3_600_000;
const zone = 'Asia/Shanghai';

async function allPages(db: GuanjiaDexie, filter: AuditFilter, limit: number) {
  const pages = [];
  let cursor: AuditCursor | undefined;
  do {
    const page = await auditPage(filter, cursor, limit, db);
    pages.push(page.changes);
    cursor = page.next;
  } while (cursor && pages.length < 100);
  return pages;
}

describe('audit pages', () => {
  it('gives the same trail as the whole op log, page by page, for every filter', async () => {
    const db = testDatabase();
    // 30 writes over two days by two people, one of them with three ops in one chunk.
    for (let i = 0; i < 30; i++) {
      const actor = i % 3 === 0 ? manager : desk;
      const count = i === 7 ? 3 : 1;
      await write(
        actor,
        Array.from({ length: count }, (_, k) => ({
          op: 'create' as const,
          table: 'person' as const,
          value: { kind: 'person', name: `住户${i}-${k}`, phones: [] }
        })),
        { db, now: T0 + i * 2 * HOUR }
      );
    }
    const chunks = await db.oplog.toArray();
    const filters: AuditFilter[] = [
      { timeZone: zone },
      { person: 'M1', timeZone: zone },
      { day: '2026-11-24', timeZone: zone },
      { person: 'F1', day: '2026-11-24', timeZone: zone }
    ];
    for (const filter of filters) {
      const whole = auditTrail(chunks, filter, 10_000);
      const pages = await allPages(db, filter, 4);
      expect(pages.flat()).toEqual(whole);
      expect(pages.slice(0, -1).every((p) => p.length === 4)).toBe(true);
    }
    const first = await auditPage({ timeZone: zone }, undefined, 200, db);
    expect(first.changes).toHaveLength(32);
    expect(first.next).toBeUndefined();
    expect(first.changes[0].at).toBeGreaterThan(first.changes[31].at);
  });
});
