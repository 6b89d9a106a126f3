/**
 * Tell zod not to build its faster parsers with `new Function`: the app's Content-Security-Policy
 * has no 'unsafe-eval' (scripts/csp.js), and zod's probe for it alone is a reported violation.
 *
 * Without importing zod: `z.config()` would make the chunk every page loads first carry all of
 * zod (~50 KB gz; a bundler cannot split the package's index), while only the schemas need it,
 * and they load later. zod keeps its config in `globalThis.__zod_globalConfig`, created by its
 * first load if absent (so that copies of zod share it); this fills in the same object whichever
 * loads first. zod reads `jitless` when a schema is built. zod-jitless.test.ts holds zod to it.
 */
export function zodJitless(): void {
  const scope = globalThis as { __zod_globalConfig?: Record<string, unknown> };
  scope.__zod_globalConfig ??= {};
  scope.__zod_globalConfig.jitless = true;
}
