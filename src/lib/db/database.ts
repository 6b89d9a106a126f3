import { Dexie, type Table } from 'dexie';
import type { TableName } from '$lib/domain/tables';
import type { OpChunk, StoredRow, VersionVector } from '$lib/oplog/format';
import type { Hlc } from '$lib/oplog/hlc';
import type { Refusal } from '$lib/oplog/fold';
import type { TicketIndexRow } from '$lib/domain/tickets/index-row';
import type { RoleLog } from './commit-rules';
import type { TicketBucket } from './ticket-index-store';
import { SCHEMA_VERSION } from '$lib/oplog/format';
import { DB_NAME, announceDatabaseMade } from './first-run';
import type { FeeBalance, FeeLedgerRow } from '$lib/domain/fees/balance';
import type { StoredVisitHistory, StoredVisitHouseholds } from '$lib/domain/visits/history';
import { oplogPacking } from './oplog-packing';

/** This device's place in the op log: its id, its clock and what it holds of everyone. */
export interface SyncState {
  key: 'sync';
  device: string;
  hlc: Hlc;
  /** Device → highest seq held in the op log (this device's own seq included). */
  vv: VersionVector;
  /** Set while ops of a newer schema wait in the log: the UI says "请更新应用". */
  newerSchemaSeen?: number;
  /** Chunks kept in the log for a newer version of the app: [device, first, version]. */
  deferred?: [string, number, number][];
  /** Received ops not applied because their author's role may not make them (newest last). */
  refused?: Refusal[];
  /**
   * The schema version the stored rows were folded by (absent: 1, every database before record
   * migrations). record-upgrade.ts migrates them when a newer app opens the database.
   */
  rowsAt?: number;
  /** The role each staff member had from each HLC on (commit-rules.ts RoleLog). */
  roles?: RoleLog;
  /** Staff id → HLC from which their ops must be judged again (commit.ts settleAuthors). */
  rejudge?: Record<string, Hlc>;
  /**
   * Devices whose ops arrived stamped further ahead of this device's clock than the bound:
   * device → how far ahead (ms) and when it was seen (this device's clock).
   */
  clockAhead?: Record<string, { ms: number; at: number }>;
}

/** Device-local state that is never synced (PIN attempts on this tablet, for example). */
export interface LocalEntry {
  key: string;
  value: unknown;
}

/**
 * An attachment (photo, signature, stamp image) stored by the SHA-256 of its bytes. Records
 * carry only the hash; the bytes travel between devices on demand (DESIGN.md "Records and
 * sync"), so the same photo is stored once however many records show it.
 */
export interface StoredBlob {
  hash: string;
  type: string;
  bytes: Uint8Array;
  size: number;
  createdAt: number;
}

/**
 * A collaborative-document update received from another device, waiting for its document
 * (lib/collab) to take it in: a doc that is not open on this tablet still gets every
 * update, and takes them when it is next opened. Device-local, never synced itself.
 */
export interface DocInboxEntry {
  seq?: number;
  /** `table/id` of the record the document belongs to. */
  doc: string;
  update: Uint8Array;
}

/**
 * Indexes per table, chosen for the screens that read them. Every index entry costs on
 * every write (IndexedDB charges per index entry), so only what a screen queries.
 */
export const tableIndexes: Record<TableName, string> = {
  office: 'id',
  settings: 'id',
  staff: 'id, name',
  community: 'id',
  building: 'id, communityId',
  unit: 'id, buildingId, communityId',
  // Special-care households (002) are read by the visit plan's draw: a multi-entry index.
  person: 'id, name, *specialCare',
  occupancy: 'id, unitId, personId',
  ticket: 'id, unitId, createdAt',
  ticketEvent: 'id, ticketId',
  ticketCategory: 'id',
  incident: 'id',
  incidentCall: 'id, incidentId',
  houseHealthEntry: 'id, unitId',
  segmentTag: 'id',
  sensitiveReveal: 'id, personId',
  shift: 'id, date',
  handoverEvent: 'id, shiftId',
  notice: 'id',
  noticeTold: 'id, noticeId',
  noticeTemplate: 'id',
  device: 'id',
  visitPlan: 'id, month',
  visitAssignment: 'id, planId',
  visitAppointment: 'id, unitId, at',
  visitRecord: 'id, unitId, visitedAt',
  visitRoute: 'id, visitRecordId, ticketId',
  visitSummary: 'id, month',
  liaisonLetter: 'id, summaryId',
  lifecycle: 'id, unitId',
  lifecycleEvent: 'id, procedureId',
  registerEntry: 'id, date',
  crmPlan: 'id, year',
  planTask: 'id, planId, date',
  feeItem: 'id',
  feeRate: 'id, itemId',
  bill: 'id, unitId, dueDate',
  billAdjustment: 'id, unitId',
  payment: 'id, unitId, at',
  feeContact: 'id, unitId',
  // Satisfaction surveys (issue 16 §5): answers read per survey, one per household.
  survey: 'id, year',
  surveyAnswer: 'id, surveyId',
  surveyAction: 'id, surveyId',
  ownerLink: 'id, communityId',
  // Issue 16 §2: the intake queue reads the new ones; a rating finds its request's submission.
  ownerSubmission: 'id, state, statusId, ticketId'
};

export type GuanjiaDexie = Dexie & {
  [T in TableName]: Table<StoredRow, string>;
} & {
  oplog: Table<OpChunk, [string, number]>;
  meta: Table<SyncState, string>;
  local: Table<LocalEntry, string>;
  blobs: Table<StoredBlob, string>;
  docInbox: Table<DocInboxEntry, number>;
  /**
   * Derived per-request summaries (db/actions/tickets-index.ts), local and never synced:
   * one record per week recorded, and the open ones each on its own (db/ticket-index-store.ts).
   */
  ticketBucket: Table<TicketBucket, number>;
  ticketOpen: Table<TicketIndexRow, string>;
  /** Derived fee ledgers per unit and balances per building (lib/db/actions/fee-balance.ts). */
  feeLedger: Table<FeeLedgerRow, string>;
  feeBalance: Table<FeeBalance, string>;
  /** Derived visit history and households per community (lib/db/actions/visit-history.ts). */
  visitHistory: Table<StoredVisitHistory, string>;
  visitHouseholds: Table<StoredVisitHouseholds, string>;
};

export { DB_NAME };

export function openDatabase(name = DB_NAME): GuanjiaDexie {
  const db = new Dexie(name) as GuanjiaDexie;
  // Version 4: lifecycle (version 2), registers and yearly plan (3) and fees (4) tables in
  // databases made by earlier versions.
  // Version 5: the person table's special-care index (the visit plan's draw).
  // Version 6: satisfaction survey tables (issue 16 §5).
  // Version 7: the op log by HLC and by author (the audit screen pages newest first).
  // Version 8: derived fee ledgers and balances (built once by ensureFeeBalances).
  // Version 9: owner links and submissions (issue 16 §1–4).
  // Version 10: derived visit history and households per community (built by ensureVisitHistory).
  db.version(10).stores({
    ...tableIndexes,
    // One record per write: its ops share the HLC and carry seqs first..last.
    oplog: '[device+first], [device+last], hlc, [actor+hlc]',
    meta: 'key',
    local: 'key',
    blobs: 'hash',
    docInbox: '++seq, doc',
    ticketIndex: 'ticketId, open, recordedAt, [kind+recordedAt]',
    feeLedger: 'unitId',
    feeBalance: 'buildingId',
    visitHistory: 'communityId',
    visitHouseholds: 'communityId'
  });
  // Version 11: the request index by week recorded, and its open rows (ticket-index-store.ts);
  // the per-request table goes (actions/tickets-index.ts builds the new one at the next start).
  db.version(11).stores({
    ticketIndex: null,
    ticketBucket: 'key, *ids',
    ticketOpen: 'ticketId'
  });
  // Received chunks are stored in the bytes they arrived in (oplog-packing.ts).
  db.use(oplogPacking);
  // Made here for the first time (setup, joining, a restore): a tab still on the setup form
  // loads the frame and follows the office as it is written.
  db.on('populate', () => announceDatabaseMade());
  // Rows stored by an older version of the app are migrated before anything reads them. The
  // migrations bring the record rules and every zod schema: loaded only when rows are older,
  // not on each start (they doubled the first screen's script work: Lighthouse, issue 20).
  db.on('ready', async () => {
    const state = await db.meta.get('sync');
    if (!state || (state.rowsAt ?? 1) >= SCHEMA_VERSION) return;
    const { upgradeStoredRows } = await import('./record-upgrade');
    await upgradeStoredRows(db);
  });
  return db;
}

let current: GuanjiaDexie | undefined;

/** The app's database (lazily opened so that tests and benchmarks can choose a name first). */
export function database(): GuanjiaDexie {
  current ??= openDatabase();
  return current;
}

/** Use another database (tests, benchmarks, the demo office in a fresh profile). */
export function useDatabase(db: GuanjiaDexie): void {
  current = db;
}
