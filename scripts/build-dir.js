// Where the built app is read from by the browser tests and the benchmarks: `build/` unless
// GUANJIA_BUILD_DIR names a copy (so one engineer's test run is not hit by another's rebuild).
export const builtAppDir = process.env.GUANJIA_BUILD_DIR ?? 'build';
