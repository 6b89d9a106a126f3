import type { OpChunk } from './ops';
import { decodeHlc } from './hlc';
import { zonedDate } from './calendar/zoned';

/**
 * The op log read as an audit trail (DESIGN "Security": every change is attributable):
 * each row op of a chunk becomes one change in words — who, when, which record, what
 * they did to it. Pure: the audit screen adds the names.
 */
export type ChangeAction = 'created' | 'changed' | 'deleted' | 'step' | 'text';

export interface AuditChange {
  /** Wall-clock ms of the change (the chunk's HLC). */
  at: number;
  /** Staff id of who made it. */
  actor: string;
  device: string;
  table: string;
  rowId: string;
  action: ChangeAction;
  /** The fields set, without the bookkeeping ones (ids, times, the delete flag). */
  fields: string[];
  /** A request step's type (a new `ticketEvent`). */
  step?: string;
  /** Ids this change is about besides its own row: its request, person, unit. */
  related: string[];
  /** A label the op itself carries (a request's number, a person's name), if any. */
  label?: string;
}

const bookkeeping = new Set(['id', 'createdAt', 'updatedAt', 'deleted']);
const relatedFields = ['ticketId', 'personId', 'unitId', 'buildingId', 'shiftId', 'noticeId'];
const labelFields = ['number', 'name', 'title', 'code', 'room'];

export function describeChunk(chunk: OpChunk): AuditChange[] {
  let at = 0;
  try {
    at = decodeHlc(chunk.hlc).wall;
  } catch {
    // A malformed clock from a broken peer: the change is still listed, at time 0.
  }
  return chunk.ops.map((op): AuditChange => {
    if (op.k === 'yjs') {
      const [table = '', rowId = ''] = op.d.split('/');
      return {
        at,
        actor: chunk.actor,
        device: chunk.device,
        table,
        rowId,
        action: 'text',
        fields: [],
        related: []
      };
    }
    const f = op.f;
    const action: ChangeAction =
      f.deleted === true
        ? 'deleted'
        : 'createdAt' in f
          ? op.t === 'ticketEvent' && typeof f.type === 'string'
            ? 'step'
            : 'created'
          : 'changed';
    const related = relatedFields.flatMap((k) =>
      typeof f[k] === 'string' ? [f[k] as string] : []
    );
    const labelKey = labelFields.find((k) => typeof f[k] === 'string' && f[k] !== '');
    return {
      at,
      actor: chunk.actor,
      device: chunk.device,
      table: op.t,
      rowId: op.r,
      action,
      fields: Object.keys(f).filter((k) => !bookkeeping.has(k)),
      ...(action === 'step' ? { step: f.type as string } : {}),
      related,
      ...(labelKey ? { label: f[labelKey] as string } : {})
    };
  });
}

export interface AuditFilter {
  /** A record id: its own changes and those that name it (a request's steps). */
  record?: string;
  /** A staff id. */
  person?: string;
  /** YYYY-MM-DD in the office's zone. */
  day?: string;
  timeZone: string;
}

export function matches(change: AuditChange, filter: AuditFilter): boolean {
  if (filter.person && change.actor !== filter.person) return false;
  if (filter.record && change.rowId !== filter.record && !change.related.includes(filter.record))
    return false;
  if (filter.day && zonedDate(change.at, filter.timeZone) !== filter.day) return false;
  return true;
}

/** The changes of the chunks that pass the filter, newest first, at most `limit`. */
export function auditTrail(chunks: OpChunk[], filter: AuditFilter, limit = 200): AuditChange[] {
  const out: AuditChange[] = [];
  const sorted = [...chunks].sort((a, b) => (a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : 0));
  for (const chunk of sorted) {
    for (const change of describeChunk(chunk)) {
      if (matches(change, filter)) out.push(change);
      if (out.length >= limit) return out;
    }
  }
  return out;
}
