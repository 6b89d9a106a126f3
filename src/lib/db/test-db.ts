import { openDatabase, type GuanjiaDexie } from './database';

let n = 0;
/** A fresh, empty database for one unit test (fake-indexeddb in Node). */
export function testDatabase(): GuanjiaDexie {
  return openDatabase(`guanjia-test-${Date.now()}-${n++}`);
}
