import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

// Issue 12: test support does not ship. The handover pages used to put an unsealed
// `applyRemoteChunks` on `window.guanjiaTest` behind a localStorage flag; the browser tests now
// carry changes between two tablets through a real relay instead. This reads the built app
// (what the suite runs against, `npm run build`) for any trace of such a hook.

// `__guanjiaSync` put the running sync engine and its database on `window` for the tests.
const FORBIDDEN = ['guanjiaTest', 'guanjia.testHooks', 'installTestHooks', '__guanjiaSync'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(dir, e.name))
      : /\.(js|html)$/.test(e.name)
        ? [join(dir, e.name)]
        : []
  );
}

test('the built app carries no test hook', () => {
  const built = files(join(process.cwd(), 'build'));
  expect(built.length).toBeGreaterThan(10);
  const found = built.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return FORBIDDEN.filter((word) => text.includes(word)).map((word) => `${file}: ${word}`);
  });
  expect(found).toEqual([]);
});
