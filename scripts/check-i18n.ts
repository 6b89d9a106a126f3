/**
 * `npm run i18n:check`: fails when a message key is missing in a locale, a message is
 * empty, or a `t('…')` in src/ has no message (team rule: every key in all three locales).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findProblems } from '../src/lib/i18n/check/find-problems';
import { readCatalog, readKeyUses } from '../src/lib/i18n/check/read-catalog';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src');
const localesDir = join(srcDir, 'lib', 'i18n', 'locales');

const [catalog, uses] = await Promise.all([
  readCatalog(localesDir),
  readKeyUses(srcDir, localesDir, root)
]);
const problems = findProblems(catalog, uses);

if (problems.length) {
  console.error(`i18n: ${problems.length} problem(s)`);
  for (const problem of problems) console.error(`  ${problem.kind}: ${problem.message}`);
  process.exit(1);
}
const keys = Object.values(catalog['zh-Hans'] ?? {}).reduce(
  (n, area) => n + Object.keys(area).length,
  0
);
console.log(
  `i18n: ${keys} keys in ${Object.keys(catalog).length} locales, ${uses.length} uses checked, all present`
);
