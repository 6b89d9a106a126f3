import { describe, expect, it } from 'vitest';
import { findProblems, type FoundCatalog } from './find-problems';

function catalog(): FoundCatalog {
  return {
    'zh-Hans': { ticket: { 'ticket.title': '服务请求', 'ticket.count': '{count} 条' } },
    'zh-Hant': { ticket: { 'ticket.title': '服務請求', 'ticket.count': '{count} 條' } },
    en: { ticket: { 'ticket.title': 'Service requests', 'ticket.count': '{count} requests' } }
  };
}

describe('findProblems', () => {
  it('passes a complete catalog', () => {
    expect(findProblems(catalog(), [{ key: 'ticket.title', file: 'a.svelte', line: 3 }])).toEqual(
      []
    );
  });

  it('reports a key missing in one locale', () => {
    const c = catalog();
    delete c.en.ticket['ticket.title'];
    expect(findProblems(c, [])).toEqual([
      {
        kind: 'missing-key',
        message: '"ticket.title" is in zh-Hans, zh-Hant but missing in en (ticket.ts)'
      }
    ]);
  });

  it('reports a key present only in a non-default locale', () => {
    const c = catalog();
    c.en.ticket['ticket.extra'] = 'Extra';
    expect(findProblems(c, []).map((p) => p.message)).toEqual([
      '"ticket.extra" is in en but missing in zh-Hans, zh-Hant (ticket.ts)'
    ]);
  });

  it('reports a whole area file missing', () => {
    const c = catalog();
    delete c['zh-Hant'].ticket;
    expect(findProblems(c, []).map((p) => p.kind)).toEqual(['missing-area']);
  });

  it('reports empty and non-text messages', () => {
    const c = catalog();
    c['zh-Hant'].ticket['ticket.title'] = '  ';
    c.en.ticket['ticket.title'] = 42;
    expect(findProblems(c, []).map((p) => p.kind)).toEqual(['empty-message', 'not-text']);
  });

  it('reports a translation that drops a placeholder', () => {
    const c = catalog();
    c.en.ticket['ticket.count'] = 'Requests';
    expect(findProblems(c, []).map((p) => p.kind)).toEqual(['placeholders-differ']);
  });

  it('reports a key defined in two area files, where one text would silently win', () => {
    const c = catalog();
    for (const l of ['zh-Hans', 'zh-Hant', 'en']) c[l].common = { 'ticket.title': '标题' };
    expect(findProblems(c, []).map((p) => p.message)).toEqual([
      '"ticket.title" is in both zh-Hans/common.ts and zh-Hans/ticket.ts',
      '"ticket.title" is in both zh-Hant/common.ts and zh-Hant/ticket.ts',
      '"ticket.title" is in both en/common.ts and en/ticket.ts'
    ]);
  });

  it('reports a used key that has no message, with where it is used', () => {
    expect(
      findProblems(catalog(), [{ key: 'ticket.titel', file: 'src/routes/x.svelte', line: 7 }])
    ).toEqual([
      {
        kind: 'unknown-key',
        message: 'src/routes/x.svelte:7: "ticket.titel" has no message in zh-Hans'
      }
    ]);
  });

  it('reports a locale folder that is not a known locale', () => {
    const c = catalog();
    c['zh-HK'] = c['zh-Hant'];
    expect(findProblems(c, []).map((p) => p.kind)).toEqual(['unknown-locale']);
  });
});

describe('source references (issue 20)', () => {
  it('reports a manual section, a seed number and a digest name in a message', () => {
    const c = catalog();
    c['zh-Hans'].ticket['ticket.title'] = '前台交接班记录（003 §3.9）';
    c['zh-Hant'].ticket['ticket.title'] = '品質指標（004）';
    c.en.ticket['ticket.title'] = 'Signed (SHA-256 {hash})';
    c.en.ticket['ticket.count'] = '{count} due (004: before the 5th)';
    const kinds = findProblems(c, []).filter((p) => p.kind === 'source-reference');
    expect(kinds).toHaveLength(4);
  });

  it('leaves numbers that are data alone', () => {
    const c = catalog();
    c['zh-Hans'].ticket['ticket.title'] = '大型：3 个小区，5,000 户，约 15,000 位住户';
    c.en.ticket['ticket.title'] = 'Late fee: 5/10,000 a day, room 1005, 2 h';
    expect(findProblems(c, [])).toEqual([]);
  });
});
