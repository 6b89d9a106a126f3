import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import type { OpChunk } from '$lib/oplog/format';
import { keepPacked, packedOf, unpackRowOps } from '$lib/oplog/packed';

/**
 * The op log stores a received chunk in the bytes it arrived in (lib/oplog/packed.ts): one
 * byte array instead of hundreds of op objects, so IndexedDB's structured clone (paid on
 * this thread, twice: the value and the clone its key paths are read from) and its bytes on
 * disk shrink by ~5× in a catch-up. This middleware makes that invisible: a chunk paired
 * with packed bytes is written as `p` without `ops`, and every read (get, getMany, query,
 * cursor) gives the chunk back with its ops, still paired with the bytes so that passing it
 * on (lib/sync/seal.ts) does not pack it again.
 */
interface PackedRecord extends Omit<OpChunk, 'ops'> {
  p: Uint8Array;
}

const isPacked = (value: unknown): value is PackedRecord =>
  typeof value === 'object' && value !== null && (value as PackedRecord).p instanceof Uint8Array;

function stored(chunk: OpChunk): OpChunk | PackedRecord {
  const p = packedOf(chunk);
  if (!p) return chunk;
  const { ops: _ops, ...head } = chunk;
  void _ops;
  return { ...head, p };
}

function read<T>(value: T): T {
  if (!isPacked(value)) return value;
  const { p, ...head } = value;
  const chunk: OpChunk = { ...head, ops: unpackRowOps(p) };
  keepPacked(chunk, p);
  return chunk as T;
}

function packingTable(table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    mutate: (req) =>
      table.mutate(
        req.type === 'add' || req.type === 'put'
          ? { ...req, values: req.values.map((v) => stored(v as OpChunk)) }
          : req
      ),
    get: async (req) => read(await table.get(req)),
    getMany: async (req) => (await table.getMany(req)).map(read),
    query: async (req) => {
      const res = await table.query(req);
      return req.values ? { ...res, result: res.result.map(read) } : res;
    },
    openCursor: async (req) => {
      const cursor = await table.openCursor(req);
      if (!cursor || !req.values) return cursor;
      // Read once per position: a filter (`until`, `filter`) and the callback both ask.
      let raw: unknown;
      let value: unknown;
      return Object.create(cursor, {
        key: { get: () => cursor.key },
        primaryKey: { get: () => cursor.primaryKey },
        value: {
          get: () => {
            if (cursor.value !== raw) value = read((raw = cursor.value));
            return value;
          }
        }
      }) as DBCoreCursor;
    }
  };
}

export const oplogPacking: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'oplogPacking',
  create: (core) => ({
    ...core,
    table: (name) => (name === 'oplog' ? packingTable(core.table(name)) : core.table(name))
  })
};
