/** The demo office (foundation issue item 7): a seeded generator and its loader. */
export {
  generateDemoOffice,
  demoRegistry,
  demoDays,
  type DemoOffice,
  type DemoRegistry
} from './generate';
export { loadDemoOffice, type LoadDemoOptions, type DemoLoadResult } from './load';
export { HISTORY_DAYS, type DemoDay } from './history';
export { DEMO_PINS } from './staff';
export {
  DEFAULT_DEMO_SEED,
  type DemoOptions,
  type DemoRow,
  type DemoSize,
  type DemoStaff
} from './types';
