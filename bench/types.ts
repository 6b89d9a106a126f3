// The contract between the runner and a benchmark group (bench/groups/<group>.ts).
import type { Browser } from 'playwright-core';

/** A figure's target: the value passes when `value <op> target`. */
export interface Target {
  op: '>=' | '>' | '<=' | '<';
  value: number;
}

/** One named measurement. `value` is null when it cannot be measured yet; `note` then says why. */
export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  target?: Target;
  note?: string;
}

/** A page bundle built from bench/pages/<name>.ts and served over HTTP. */
export interface BenchPage {
  url: string;
}

export interface BenchContext {
  /** Repository root (absolute). */
  root: string;
  /** The shared headless Chromium, launched with the standard flags. */
  browser: Browser;
  chromium: { path: string; args: readonly string[]; version: string };
  /** The built app (`build/`), served by scripts/serve.js. */
  app: { url: string; dir: string };
  /** Builds (once) and serves bench/pages/<name>.ts; the page exposes functions on `window`. */
  benchPage(name: string): Promise<BenchPage>;
  log(message: string): void;
}

/** What bench/groups/<group>.ts exports as default. */
export interface BenchGroup {
  name: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}
