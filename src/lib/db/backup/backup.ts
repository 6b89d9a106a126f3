import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { OpChunk, Op } from '$lib/oplog/format';
import { withoutClocks } from '$lib/oplog/format';
import { tableNames, type TableName } from '$lib/domain/tables';
import { applyRemoteChunks } from '../apply-remote';
import { receiveBlob } from '../blobs';
import { database, type GuanjiaDexie } from '../database';

/**
 * The office's own backup (issue 20 §8): one zip in open formats that anyone can read
 * without Guanjia —
 *   records/<table>.json   every record as it stands (readable),
 *   records.xlsx           the same, one sheet per table (for a spreadsheet),
 *   photos/<hash>.<ext>    every photo, signature and stamp as a file,
 *   oplog.json             the change history (who changed what, when; the handover logs),
 *   manifest.json          what the file holds and how many of each.
 * Restoring replays oplog.json through the commit road of received changes into an empty
 * device (it gets its own device id, as a new tablet of the office would), then the files
 * of photos/: the same records, the same history, the same pictures.
 */
export const BACKUP_FORMAT = 'guanjia-backup';
export const BACKUP_VERSION = 1;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: number;
  counts: Partial<Record<TableName, number>>;
  chunks: number;
  photos: { hash: string; type: string; file: string }[];
}

/** A Yjs update is bytes: base64 in JSON. */
type JsonOp = Exclude<Op, { k: 'yjs' }> | { k: 'yjs'; d: string; u: string };

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const extensions: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/avif': 'avif',
  'application/pdf': 'pdf'
};

/** A cell for the spreadsheet: text, number or boolean; anything else as JSON text. */
function cell(value: unknown): { value: string | number | boolean; type: unknown } | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return { value, type: Number };
  if (typeof value === 'boolean') return { value, type: Boolean };
  if (typeof value === 'string') return { value, type: String };
  return { value: JSON.stringify(value), type: String };
}

async function workbook(records: Map<TableName, Record<string, unknown>[]>): Promise<Uint8Array> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const sheets = [...records]
    .filter(([, rows]) => rows.length)
    .map(([table, rows]) => {
      const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      return {
        sheet: table.slice(0, 31),
        data: [
          columns.map((c) => ({ value: c, type: String, fontWeight: 'bold' as const })),
          ...rows.map((r) => columns.map((c) => cell(r[c])))
        ]
      };
    });
  if (!sheets.length) sheets.push({ sheet: 'empty', data: [[]] });
  const blob = await writeXlsxFile(sheets as never).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** The whole office on this device as one zip (see the module comment). */
export async function exportBackup(
  db: GuanjiaDexie = database(),
  now = Date.now()
): Promise<Uint8Array> {
  const files: Zippable = {};
  const records = new Map<TableName, Record<string, unknown>[]>();
  const counts: Partial<Record<TableName, number>> = {};
  for (const table of tableNames) {
    const rows = (await db[table].toArray())
      .filter((r) => !r.deleted)
      .map((r) => withoutClocks(r) as Record<string, unknown>);
    records.set(table, rows);
    counts[table] = await db[table].count();
    files[`records/${table}.json`] = strToU8(JSON.stringify(rows, null, 1));
  }
  files['records.xlsx'] = await workbook(records);

  const chunks = await db.oplog.toArray();
  const jsonChunks = chunks.map((c) => ({
    ...c,
    ops: c.ops.map((op): JsonOp => (op.k === 'yjs' ? { ...op, u: toBase64(op.u) } : op))
  }));
  files['oplog.json'] = strToU8(JSON.stringify(jsonChunks));

  const photos: BackupManifest['photos'] = [];
  await db.blobs.each((b) => {
    const file = `photos/${b.hash}.${extensions[b.type] ?? 'bin'}`;
    // Photos are compressed already: stored, not deflated again.
    files[file] = [b.bytes, { level: 0 }];
    photos.push({ hash: b.hash, type: b.type, file });
  });
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now,
    counts,
    chunks: chunks.length,
    photos
  };
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 1));
  return zipSync(files, { level: 6 });
}

export class BackupError extends Error {
  constructor(readonly problem: 'notBackup' | 'newerVersion' | 'notEmpty') {
    super(`backup: ${problem}`);
  }
}

/** Whether this device holds no office yet (a restore never merges into a working one). */
export async function isEmptyDevice(db: GuanjiaDexie = database()): Promise<boolean> {
  return (await db.oplog.count()) === 0;
}

/**
 * Restore a backup into an empty device: the history through the commit road (in each
 * device's order, a slice at a time), then the photos, each checked against its hash.
 */
export async function restoreBackup(
  zip: Uint8Array,
  db: GuanjiaDexie = database(),
  onProgress?: (done: number, total: number) => void
): Promise<BackupManifest> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch {
    throw new BackupError('notBackup');
  }
  const manifestFile = files['manifest.json'];
  const log = files['oplog.json'];
  if (!manifestFile || !log) throw new BackupError('notBackup');
  const manifest = JSON.parse(strFromU8(manifestFile)) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new BackupError('notBackup');
  if (manifest.version > BACKUP_VERSION) throw new BackupError('newerVersion');
  if (!(await isEmptyDevice(db))) throw new BackupError('notEmpty');

  const chunks = (JSON.parse(strFromU8(log)) as (Omit<OpChunk, 'ops'> & { ops: JsonOp[] })[])
    .map((c): OpChunk => ({
      ...c,
      ops: c.ops.map((op): Op => (op.k === 'yjs' ? { ...op, u: fromBase64(op.u) } : op))
    }))
    .sort((a, b) => (a.device < b.device ? -1 : a.device > b.device ? 1 : a.first - b.first));
  const SLICE = 2000;
  for (let i = 0; i < chunks.length; i += SLICE) {
    await applyRemoteChunks(chunks.slice(i, i + SLICE), { db });
    onProgress?.(Math.min(i + SLICE, chunks.length), chunks.length);
  }
  for (const photo of manifest.photos) {
    const bytes = files[photo.file];
    if (bytes) await receiveBlob(photo.hash, bytes, photo.type, db);
  }
  return manifest;
}
