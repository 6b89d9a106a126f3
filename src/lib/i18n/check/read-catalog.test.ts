import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProblems } from './find-problems';
import { findKeyUses, readCatalog, readKeyUses } from './read-catalog';

describe('findKeyUses', () => {
  it('finds literal keys in t() calls and *Key properties, with lines', () => {
    const source = [
      "<h1>{t('ticket.title')}</h1>",
      '<p>{i18n.t("ticket.count", { count })}</p>',
      "const nav = [{ href: '/fees', labelKey: 'shell.nav.fees' }];",
      'const dynamic = t(`ticket.status.${status}`);',
      "// t('in.a.comment') is not a use",
      "const url = 'https://example.com'; t('after.url');",
      "format(x); const point = { t: 'ignored' };"
    ].join('\n');
    expect(findKeyUses(source, 'x.svelte').map((u) => `${u.line}:${u.key}`)).toEqual([
      '1:ticket.title',
      '2:ticket.count',
      '6:after.url',
      '3:shell.nav.fees'
    ]);
  });
});

describe('reading a catalog from files', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'i18n-check-'));
    const file = (messages: Record<string, string>) =>
      `export default ${JSON.stringify(messages)};\n`;
    const catalog: Record<string, Record<string, string>> = {
      'zh-Hans': { 'ticket.title': '服务请求', 'ticket.new': '新建' },
      'zh-Hant': { 'ticket.title': '服務請求', 'ticket.new': '新增' },
      en: { 'ticket.title': 'Service requests' }
    };
    for (const [locale, messages] of Object.entries(catalog)) {
      await mkdir(join(root, 'src/locales', locale), { recursive: true });
      await writeFile(join(root, 'src/locales', locale, 'ticket.ts'), file(messages));
    }
    await mkdir(join(root, 'src/routes'), { recursive: true });
    await writeFile(
      join(root, 'src/routes/page.svelte'),
      "<p>{t('ticket.title')}</p>\n<p>{t('ticket.gone')}</p>\n"
    );
    await writeFile(join(root, 'src/routes/page.test.ts'), "t('test.only.key');\n");
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  it('reports the key missing in en and the used key without a message', async () => {
    const localesDir = join(root, 'src/locales');
    const catalog = await readCatalog(localesDir);
    const uses = await readKeyUses(join(root, 'src'), localesDir, root);
    expect(findProblems(catalog, uses).map((p) => p.message)).toEqual([
      '"ticket.new" is in zh-Hans, zh-Hant but missing in en (ticket.ts)',
      'src/routes/page.svelte:2: "ticket.gone" has no message in zh-Hans'
    ]);
  });
});
