import { describe, expect, it } from 'vitest';
import { foldCommit, type RowsByTable } from '$lib/oplog/fold';
import { encodeHlc } from '$lib/oplog/hlc';
import { SCHEMA_VERSION, type OpChunk, type StoredRow } from '$lib/oplog/format';
import { applyRemoteChunks } from './apply-remote';
import { AuthorRoles, emptyRoleLog, foldRules } from './commit-rules';
import { readSyncState } from './sync-state';
import { testDatabase } from './test-db';
import { write } from './write';

// Issue 21: a device enrolled with a role ceiling (a company device, paired by the manager
// read-only) authors nothing beyond it, whatever staff id its ops name.

const hlc = (wall: number, device = 'dev-x') => encodeHlc({ wall, counter: 0, device });
const row = (id: string, fields: Record<string, unknown>): StoredRow => ({
  id,
  ...fields,
  _c: hlc(1)
});
const staff = [row('M1', { role: 'manager' }), row('C1', { role: 'company' })];
const devices = [row('tablet', { name: '前台' }), row('company', { ceiling: 'company' })];
const rename = { name: '改名', updatedAt: 5 };

describe('device-bound roles', () => {
  it("refuses a ceiling-bound device's ops under any author, not other devices'", () => {
    const roles = new AuthorRoles(emptyRoleLog(), staff, false, devices);
    // The manager's staff id from the manager's tablet: allowed.
    expect(roles.mayAuthor('M1', 'community', rename, true, hlc(10), 'tablet')).toBe(true);
    // The same op, the same author, from the company device: refused.
    expect(roles.mayAuthor('M1', 'community', rename, true, hlc(10), 'company')).toBe(false);
    expect(roles.mayAuthor('M1', 'staff', { role: 'manager' }, true, hlc(10), 'company')).toBe(
      false
    );
    // A document update (no fields) too.
    expect(roles.mayAuthor('M1', 'ticket', undefined, true, hlc(10), 'company')).toBe(false);
    // Its own (company) author is refused by the role table, as before.
    expect(roles.mayAuthor('C1', 'community', rename, true, hlc(10), 'company')).toBe(false);
    // No device given (older callers): the author's role alone.
    expect(roles.mayAuthor('M1', 'community', rename, true, hlc(10))).toBe(true);
  });

  it('bounds an op by both: the author role must be within the device ceiling', () => {
    const roles = new AuthorRoles(emptyRoleLog(), staff, false, [
      row('desk', { ceiling: 'frontDesk' })
    ]);
    // frontDesk may not write device rows; a manager's op from this device may not either.
    expect(roles.mayAuthor('M1', 'device', { name: 'x' }, true, hlc(10), 'desk')).toBe(false);
    // What frontDesk may do, a manager may do from it.
    expect(
      roles.mayAuthor('M1', 'person', { name: '张三', updatedAt: 5 }, false, hlc(10), 'desk')
    ).toBe(true);
  });

  it('judges again the ops of a device whose enrolment arrives after them', () => {
    const roles = new AuthorRoles(emptyRoleLog(), staff, false, []);
    // A catch-up took the company device's batch before the manager's (device row): allowed
    // for now, remembered.
    expect(roles.mayAuthor('M1', 'community', rename, true, hlc(20), 'company')).toBe(true);
    expect(roles.stored().unenrolled).toEqual({ company: { M1: hlc(20) } });
    roles.took('M1', hlc(5, 'tablet'), 'device', 'company', { ceiling: 'company' });
    expect(roles.rejudge.get('M1')).toBe(hlc(20));
    expect(roles.stored().unenrolled).toBeUndefined();
    // An office tablet's row (no ceiling) arriving late changes nothing.
    expect(roles.mayAuthor('M1', 'community', rename, true, hlc(30), 'tablet2')).toBe(true);
    roles.took('M1', hlc(6, 'tablet'), 'device', 'tablet2', { name: '二号' });
    expect(roles.rejudge.get('M1')).toBe(hlc(20));
    expect(roles.stored().unenrolled).toBeUndefined();
    // Later ops from the company device are refused at once; replay learns nothing new.
    expect(roles.mayAuthor('M1', 'community', rename, true, hlc(40), 'company')).toBe(false);
    const replay = new AuthorRoles(emptyRoleLog(), staff, true, devices);
    expect(replay.mayAuthor('M1', 'community', rename, true, hlc(20), 'company')).toBe(false);
  });

  it('the fold keeps a forged chunk out of the rows and lists it as refused', () => {
    const rows: RowsByTable = new Map([
      ['community', new Map([['K1', row('K1', { name: '南湖苑' })]])]
    ]);
    const chunk: OpChunk = {
      device: 'company',
      first: 1,
      last: 1,
      hlc: hlc(50, 'company'),
      actor: 'M1',
      sv: SCHEMA_VERSION,
      ops: [{ k: 'row', t: 'community', r: 'K1', f: rename }]
    };
    const roles = new AuthorRoles(emptyRoleLog(), staff, false, devices);
    const result = foldCommit(rows, [chunk], foldRules(SCHEMA_VERSION, roles), 'remote');
    expect(result.changed.size).toBe(0);
    expect(rows.get('community')?.get('K1')?.name).toBe('南湖苑');
    expect(result.refused).toMatchObject([
      { device: 'company', seq: 1, actor: 'M1', table: 'community', action: 'update' }
    ]);
  });

  it("undoes a company device's forged op that came before its enrolment (a catch-up's order)", async () => {
    const db = testDatabase();
    const now = Date.now();
    const manager = { staffId: 'M1', role: 'manager' as const };
    const [, community] = await write(
      manager,
      [
        {
          op: 'create',
          table: 'staff',
          value: {
            id: 'M1',
            name: '经理',
            role: 'manager',
            pinHash: 'x'.repeat(16),
            pinSalt: 'y'.repeat(16),
            pinIterations: 10_000
          }
        },
        { op: 'create', table: 'community', value: { name: '南湖苑' } }
      ],
      { db, now }
    );
    // The company device's batch first: its enrolment is not here yet, so it is taken.
    const forged: OpChunk = {
      device: 'company-device',
      first: 1,
      last: 1,
      hlc: encodeHlc({ wall: now + 2_000, counter: 0, device: 'company-device' }),
      actor: 'M1',
      sv: SCHEMA_VERSION,
      ops: [{ k: 'row', t: 'community', r: community, f: { name: '改名', updatedAt: now + 2_000 } }]
    };
    await applyRemoteChunks([forged], { db, now: now + 3_000 });
    expect((await db.community.get(community))?.name).toBe('改名');
    // Then the manager's tablet's batch: the pairing, made before, with the company ceiling.
    const pairing: OpChunk = {
      device: 'manager-tablet',
      first: 1,
      last: 1,
      hlc: encodeHlc({ wall: now + 1_000, counter: 0, device: 'manager-tablet' }),
      actor: 'M1',
      sv: SCHEMA_VERSION,
      ops: [
        {
          k: 'row',
          t: 'device',
          r: 'company-device',
          f: { name: '公司质量部', key: 'k', sig: 's', ceiling: 'company', updatedAt: now + 1_000 }
        }
      ]
    };
    await applyRemoteChunks([pairing], { db, now: now + 4_000 });
    expect((await db.community.get(community))?.name).toBe('南湖苑');
    const state = await readSyncState(db);
    expect(state.refused).toMatchObject([
      { device: 'company-device', seq: 1, actor: 'M1', table: 'community' }
    ]);
    expect(state.rejudge).toBeUndefined();
  });
});
