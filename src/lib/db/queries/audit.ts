import { describeChunk, matches, type AuditChange, type AuditFilter } from '$lib/domain/audit';
import { addDays, startOfZonedDay } from '$lib/domain/calendar/zoned';
import { encodeHlc, type Hlc } from '$lib/oplog/hlc';
import { database, type GuanjiaDexie } from '../database';

/** Where the next page starts: the chunk (by its HLC) and the op within it. */
export interface AuditCursor {
  hlc: Hlc;
  op: number;
}

export interface AuditPage {
  /** Newest first. */
  changes: AuditChange[];
  /** Absent on the last page. */
  next?: AuditCursor;
}

/** The smallest HLC of a wall-clock moment: every real clock of that millisecond sorts after it. */
const floorHlc = (wall: number): Hlc => encodeHlc({ wall, counter: 0, device: '' });
/** Above every HLC (they start with base-36 digits). */
const TOP: Hlc = '\uffff';

/**
 * One page of the audit trail, newest first (issue 20): the op log is read by its `hlc`
 * index from the cursor down, never whole. Person and day are index ranges (`[actor+hlc]`,
 * an HLC range for the office's day); the record filter is checked per change while walking.
 */
export async function auditPage(
  filter: AuditFilter,
  cursor?: AuditCursor,
  limit = 200,
  db: GuanjiaDexie = database()
): Promise<AuditPage> {
  let lower: Hlc = '';
  let upper: Hlc = TOP;
  let upperIncluded = false;
  if (filter.day) {
    lower = floorHlc(startOfZonedDay(filter.day, filter.timeZone));
    upper = floorHlc(startOfZonedDay(addDays(filter.day, 1), filter.timeZone));
  }
  if (cursor && cursor.hlc < upper) {
    upper = cursor.hlc;
    upperIncluded = true;
  }
  if (lower > upper) return { changes: [] };
  const range = filter.person
    ? db.oplog
        .where('[actor+hlc]')
        .between([filter.person, lower], [filter.person, upper], true, upperIncluded)
    : db.oplog.where('hlc').between(lower, upper, true, upperIncluded);

  const changes: AuditChange[] = [];
  let next: AuditCursor | undefined;
  await range
    .reverse()
    .until(() => next !== undefined)
    .each((chunk) => {
      const all = describeChunk(chunk);
      const start = cursor && chunk.hlc === cursor.hlc ? cursor.op : 0;
      for (let i = start; i < all.length; i++) {
        if (changes.length >= limit) {
          next = { hlc: chunk.hlc, op: i };
          return;
        }
        if (matches(all[i], filter)) changes.push(all[i]);
      }
    });
  return next ? { changes, next } : { changes };
}
