import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { noDatabaseYet } from './first-run';

describe('noDatabaseYet', () => {
  it('is true until the database has been made, without making it', async () => {
    const name = `guanjia-first-run-${Date.now()}`;
    expect(await noDatabaseYet(name)).toBe(true);
    expect(await noDatabaseYet(name)).toBe(true);
    const db = openDatabase(name);
    await db.open();
    expect(await noDatabaseYet(name)).toBe(false);
    db.close();
  });
});
