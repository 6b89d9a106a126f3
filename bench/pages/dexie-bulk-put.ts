// Bench page: the raw Dexie baseline alone (used while the write path cannot be built).
import { timeBulkPut } from './lib/bulk-put';

window.guanjiaBench = { bulkPut: timeBulkPut };
