import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from './hlc';
import { foldChunks, rowState, type OpChunk } from './format';
import { migrateFields, migrateRow, recordVersion, renameField, type Migrations } from './migrate';

/**
 * Test-only record type `probe`: v2 (schema 2) renames `a` to `b`, v3 (schema 3) stores `n`
 * as text and drops `old`. The property: a device that folded ops at version 1 and then
 * migrated its rows holds exactly what a version-3 device folds from the migrated ops.
 */
const migrations: Migrations = {
  probe: [
    renameField(2, 'a', 'b'),
    {
      since: 3,
      up: (field, value) =>
        field === 'old' ? [] : field === 'n' ? [['n', `#${String(value)}`]] : [[field, value]]
    }
  ]
};

describe('record versions', () => {
  it('a record type’s version follows the app version that wrote it', () => {
    expect(recordVersion(migrations, 'probe', 1)).toBe(1);
    expect(recordVersion(migrations, 'probe', 2)).toBe(2);
    expect(recordVersion(migrations, 'probe', 9)).toBe(3);
    expect(recordVersion(migrations, 'other', 9)).toBe(1);
  });

  it('migrates an op field by field', () => {
    expect(migrateFields(migrations, 'probe', 1, 3, { a: 1, n: 2, old: 3, z: 4 })).toEqual({
      b: 1,
      n: '#2',
      z: 4
    });
    expect(migrateFields(migrations, 'probe', 2, 3, { a: 1 })).toEqual({ a: 1 });
  });

  it('migrating stored rows equals folding migrated ops, in any order', () => {
    const field = fc.constantFrom('a', 'b', 'n', 'old', 'z');
    const op = fc.record({
      wall: fc.integer({ min: 0, max: 50 }),
      device: fc.constantFrom('d1', 'd2'),
      fields: fc.dictionary(field, fc.integer({ min: 0, max: 9 }), { minKeys: 1 })
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), (ops) => {
        const chunks: OpChunk[] = ops.map((o, i) => ({
          device: o.device,
          first: i + 1,
          last: i + 1,
          hlc: encodeHlc({ wall: 1e12 + o.wall, counter: i, device: o.device }),
          actor: 'x',
          sv: 1,
          ops: [{ k: 'row', t: 'probe', r: 'r1', f: o.fields }]
        }));
        const old = foldChunks(chunks).get('probe')!.get('r1')!;
        const upgraded = migrateRow(migrations, 'probe', 1, 3, old)!;
        const fresh = foldChunks(
          [...chunks].reverse().map((c) => ({
            ...c,
            ops: c.ops.map((o) =>
              o.k === 'row' ? { ...o, f: migrateFields(migrations, 'probe', 1, 3, o.f) } : o
            )
          }))
        )
          .get('probe')
          ?.get('r1');
        expect(rowState(upgraded)).toEqual(rowState(fresh!));
      }),
      { numRuns: 300 }
    );
  });
});
