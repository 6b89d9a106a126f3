import type { NewRow, TableName } from '$lib/domain/tables';

export type DemoSize = 'small' | 'large';

/** A row as the demo emits it: what a create carries, always with its own (seeded) id. */
export type DemoRow<T extends TableName> = NewRow<T> & { id: string };

/** A staff row before the loader hashes its demo PIN. */
export type DemoStaff = Omit<DemoRow<'staff'>, 'pinHash' | 'pinSalt' | 'pinIterations'>;

export interface DemoOptions {
  size: DemoSize;
  /** Any integer; the same seed, size and asOf give byte-identical output. */
  seed?: number;
  /** The history (two years) ends here; nothing is dated after it. */
  asOf: Date | number;
}

/** The seed the settings page uses. */
export const DEFAULT_DEMO_SEED = 1688;
