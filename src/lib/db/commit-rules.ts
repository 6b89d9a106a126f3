import type { RowConflict, StoredRow } from '$lib/oplog/format';
import { SCHEMA_VERSION } from '$lib/oplog/format';
import type { FoldRules } from '$lib/oplog/fold';
import { HLC_ZERO, type Hlc } from '$lib/oplog/hlc';
import { migrateFields, type Migrations } from '$lib/oplog/migrate';
import { recordMigrations } from '$lib/domain/record-versions';
import { attemptOfRowOp, permits } from '$lib/domain/permissions';
import { roles, type Role } from '$lib/domain/roles';
import { tableNames, tableSchemas, type TableName } from '$lib/domain/tables';

/**
 * What the fold (lib/oplog/fold.ts) needs to know of the office's records, from lib/domain:
 * which tables exist, their cross-field rules, and who may write what. Pure (no storage), so
 * the convergence property test folds with exactly these rules.
 */

const known = new Set<string>(tableNames);
const isTable = (t: string): t is TableName => known.has(t);
const roleSet = new Set<string>(roles);

/** Whether a table's schema has rules across fields (zod refinements) at all. */
const withRules = new Map<string, boolean>();
function hasRules(table: TableName): boolean {
  let has = withRules.get(table);
  if (has === undefined) {
    const def = (tableSchemas[table] as unknown as { _zod: { def: { checks?: unknown[] } } })._zod
      .def;
    has = (def.checks?.length ?? 0) > 0;
    withRules.set(table, has);
  }
  return has;
}

/** The cross-field rules a row breaks: only rules (refine), not the fields' own shape. */
export function rowConflicts(table: string, row: Record<string, unknown>): RowConflict[] {
  if (!isTable(table) || !hasRules(table)) return [];
  const parsed = tableSchemas[table].safeParse(row);
  if (parsed.success) return [];
  return parsed.error.issues
    .filter((i) => i.code === 'custom')
    .map((i) => ({
      path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
      message: i.message,
      code: i.code
    }));
}

/**
 * Every role each staff member has had, by the HLC of the op that gave it (issue 12 §6): a
 * received op is judged by the role its author had at the op's HLC, not by today's. A set of
 * (staff, hlc, role) kept from every staff op the fold takes, so it does not depend on the
 * order ops arrive in; stored with the sync state (device-local, rebuilt from the log).
 */
export interface RoleLog {
  /** Staff id → [hlc, role], oldest first. */
  at: Record<string, [Hlc, Role][]>;
  /** Actor → the newest HLC of their ops this device has folded (to see a late role change). */
  last: Record<string, Hlc>;
  /** Actors whose ops were folded while this device knew no role for them. */
  unjudged?: string[];
  /**
   * Issue 21: device → actor → the oldest HLC of that actor's ops from that device folded
   * while its enrolment (its device row, written by the manager who paired it) was not here
   * yet (a catch-up takes devices in any order): judged again if it comes with a ceiling.
   */
  unenrolled?: Record<string, Record<string, Hlc>>;
}

export const emptyRoleLog = (): RoleLog => ({ at: {}, last: {} });

/**
 * The author check of received ops, by role at the op's HLC. A role change that arrives after
 * ops its author made later (by HLC) than it — a manager's change of someone's role met their
 * edits made meanwhile on another tablet — changes how those ops are judged: `rejudge` lists,
 * per staff member, the HLC from which their ops must be judged again (commit.ts
 * `settleAuthors` folds those rows again from the log), so every device ends the same
 * whatever order the ops came in.
 */
export class AuthorRoles {
  /** Staff id → judge their ops again from this HLC. */
  readonly rejudge = new Map<string, Hlc>();
  private readonly current = new Map<string, Role>();
  private readonly unjudged: Set<string>;
  /** Device id → the role ceiling it was enrolled with (undefined: none, an office tablet). */
  private readonly enrolled = new Map<string, Role | undefined>();

  constructor(
    readonly log: RoleLog,
    staff: readonly StoredRow[] = [],
    /** Judging again from the log: the history is complete, nothing new is learnt. */
    private readonly replay = false,
    /** The office's device rows (their `ceiling`: what each was enrolled for). */
    devices: readonly StoredRow[] = []
  ) {
    this.unjudged = new Set(log.unjudged);
    for (const d of devices) this.enrolled.set(d.id, ceilingOf(d.ceiling));
    // A staff member with no role op in the log (rows stored without ops, as some tests and
    // older databases have them) is judged by the role their row holds, from its clock.
    for (const s of staff)
      if (typeof s.role === 'string' && roleSet.has(s.role) && !log.at[s.id]?.length)
        this.current.set(s.id, s.role as Role);
  }

  roleAt(actor: string, hlc: Hlc): Role | undefined {
    const list = this.log.at[actor];
    if (!list?.length) return this.current.get(actor);
    // Before their first known role (a clock off within the bound): the role they started with.
    let role = list[0][1];
    for (const [h, r] of list) {
      if (h > hlc) break;
      role = r;
    }
    return role;
  }

  readonly mayAuthor: FoldRules['mayAuthor'] = (actor, table, fields, exists, hlc, device) => {
    if (!isTable(table)) return true;
    const attempt = fields
      ? attemptOfRowOp(table, fields, exists)
      : { table, op: 'update' as const };
    // Issue 21: the sending device's enrolment bounds what any op of it may do, whoever it
    // names as author — a company device forging the manager's staff id is still a company
    // device. Its ceiling is the manager's signed device row, never the device's own claim.
    if (device !== undefined) {
      if (this.enrolled.has(device)) {
        const ceiling = this.enrolled.get(device);
        if (ceiling && !permits(ceiling, attempt)) return false;
      } else if (!this.replay) this.noteUnenrolled(device, actor, hlc);
    }
    const role = this.roleAt(actor, hlc);
    if (!role) {
      if (!this.replay) this.unjudged.add(actor);
      return true;
    }
    return permits(role, attempt);
  };

  readonly took: NonNullable<FoldRules['took']> = (actor, hlc, table, row, fields) => {
    if (this.replay) return;
    if ((this.log.last[actor] ?? HLC_ZERO) < hlc) this.log.last[actor] = hlc;
    if (table === 'device') this.enrol(row, fields.ceiling);
    if (table !== 'staff' || typeof fields.role !== 'string' || !roleSet.has(fields.role)) return;
    const list = (this.log.at[row] ??= []);
    if (list.some(([h]) => h === hlc)) return;
    const first = list.length === 0;
    // Ops of theirs judged before this change was known are judged again: all of them when
    // they were folded with no role known, else those from this change's HLC on.
    if (first && this.unjudged.has(row)) this.mark(row, HLC_ZERO);
    else if (!first && hlc <= (this.log.last[row] ?? HLC_ZERO)) this.mark(row, hlc);
    else if (first && this.current.has(row) && hlc <= (this.log.last[row] ?? HLC_ZERO))
      this.mark(row, HLC_ZERO);
    this.unjudged.delete(row);
    this.current.delete(row);
    list.push([hlc, fields.role as Role]);
    list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  };

  private noteUnenrolled(device: string, actor: string, hlc: Hlc): void {
    const byActor = ((this.log.unenrolled ??= {})[device] ??= {});
    if (byActor[actor] === undefined || hlc < byActor[actor]) byActor[actor] = hlc;
  }

  /** A device row taken: its ceiling (kept once set); ops folded before it judged again. */
  private enrol(device: string, value: unknown): void {
    const ceiling = ceilingOf(value) ?? this.enrolled.get(device);
    this.enrolled.set(device, ceiling);
    const before = this.log.unenrolled?.[device];
    if (!before) return;
    if (ceiling) for (const [actor, from] of Object.entries(before)) this.mark(actor, from);
    delete this.log.unenrolled?.[device];
    if (this.log.unenrolled && !Object.keys(this.log.unenrolled).length) delete this.log.unenrolled;
  }

  private mark(staff: string, from: Hlc): void {
    const was = this.rejudge.get(staff);
    if (was === undefined || from < was) this.rejudge.set(staff, from);
  }

  /** The log to store (with who was folded unjudged). */
  stored(): RoleLog {
    const out: RoleLog = { at: this.log.at, last: this.log.last };
    if (this.unjudged.size) out.unjudged = [...this.unjudged].sort();
    if (this.log.unenrolled) out.unenrolled = this.log.unenrolled;
    return out;
  }
}

/** A device row's `ceiling` when it names a role this version knows. */
function ceilingOf(value: unknown): Role | undefined {
  return typeof value === 'string' && roleSet.has(value) ? (value as Role) : undefined;
}

/** Ops of an older app version as this version writes them (domain/record-versions.ts). */
export function migrateOp(
  migrations: Migrations,
  version: number
): NonNullable<FoldRules['migrate']> {
  return (table, sv, fields) => migrateFields(migrations, table, sv, version, fields);
}

export function foldRules(
  version = SCHEMA_VERSION,
  roles?: AuthorRoles,
  migrations: Migrations = recordMigrations
): FoldRules {
  return {
    version,
    known: (t) => known.has(t),
    check: rowConflicts,
    mayAuthor: roles?.mayAuthor ?? (() => true),
    took: roles?.took,
    migrate: migrateOp(migrations, version)
  };
}
