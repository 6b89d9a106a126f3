import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import {
  assetHeader,
  hcAssetExpected,
  hcAssetSheet,
  hcClerkExpected,
  hcClerkWorkbook,
  hcExportExpected,
  hcExportSheets
} from '../fixtures/hc-workbooks';
import { officeWithManager, storeCounts } from './support/office';

// Issue 14 "Must show": both HC workbook shapes, built from the format description,
// imported by clicking only "import": the counts, each bad row with its reason, nothing
// half-written, the report kept and downloadable, the fixed report imported again, the
// same file again changing nothing, and export → import into an empty office giving an
// identical registry and archive.

test.setTimeout(180_000);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const stores = ['building', 'unit', 'person', 'occupancy'];

type Cell = { value: string | number; type: StringConstructor | NumberConstructor };

/** 资产信息 as Excel would save it: text cells, the mangled ID as a number cell. */
async function assetWorkbook(rows: string[][], numberCells: [number, number][] = []) {
  const data: Cell[][] = rows.map((row, r) =>
    row.map((value, c) =>
      numberCells.some(([nr, nc]) => nr === r && nc === c)
        ? { value: Number(value), type: Number }
        : { value, type: String }
    )
  );
  return Buffer.from(await writeXlsxFile(data, { sheet: '资产信息' }).toBuffer());
}

async function chooseFile(page: Page, name: string, buffer: Buffer) {
  await page.goto('/households/import');
  await page
    .getByLabel('Excel（.xlsx）或 CSV 文件')
    .setInputFiles({ name, mimeType: XLSX, buffer });
  await expect(page.getByText(/^共 [\d,]+ 行/)).toBeVisible({ timeout: 30_000 });
}

async function importClick(page: Page) {
  await page.getByRole('button', { name: /^(只)?导入.*行$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: '已导入' }).first()).toBeVisible({
    timeout: 60_000
  });
}

/** The refused rows of the report the screen downloads, as text (A–U, result, reasons, line). */
async function downloadedRefusals(page: Page): Promise<string[][]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载报告（Excel）' }).click()
  ]);
  const sheets = await readXlsxFile(await readFile((await download.path()) ?? ''));
  expect(sheets[0].sheet).toBe('资产信息');
  const text = sheets[0].data.map((r) => r.map((c) => (c === null ? '' : String(c))));
  expect(text[0].slice(21)).toEqual(['导入结果', '原因或改动', '原行号']);
  return text.filter((r) => r[21] === '未导入');
}

async function roleCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('guanjia');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows = await new Promise<{ role: string }[]>((resolve, reject) => {
      const req = db.transaction('occupancy').objectStore('occupancy').getAll();
      req.onsuccess = () => resolve(req.result as { role: string }[]);
      req.onerror = () => reject(req.error);
    });
    db.close();
    const out: Record<string, number> = {};
    for (const r of rows) out[r.role] = (out[r.role] ?? 0) + 1;
    return out;
  });
}

/** The registry and archive without ids, clocks and times: what "identical" compares. */
async function registryContent(page: Page) {
  const dump = await page.evaluate(async (names) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('guanjia');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const name of names)
      out[name] = await new Promise((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
        req.onerror = () => reject(req.error);
      });
    db.close();
    return out;
  }, stores);
  const skip = new Set(['id', '_c', '_cf', 'createdAt', 'updatedAt', 'deleted', 'communityId']);
  const strip = (r: Record<string, unknown>, ...more: string[]) =>
    JSON.stringify(
      Object.fromEntries(
        Object.entries(r)
          .filter(([k, v]) => v !== undefined && !skip.has(k) && !more.includes(k))
          .sort(([a], [b]) => a.localeCompare(b))
      )
    );
  const code = new Map(dump.building.map((b) => [b.id, b.code]));
  const unit = new Map(
    dump.unit.map((u) => [u.id, `${code.get(u.buildingId)}-${u.entrance}-${u.room}`])
  );
  const person = new Map(dump.person.map((p) => [p.id, strip(p)]));
  return {
    buildings: dump.building.map((b) => strip(b)).sort(),
    units: dump.unit.map((u) => `${unit.get(u.id)} ${strip(u, 'buildingId')}`).sort(),
    people: [...person.values()].sort(),
    roles: dump.occupancy
      .map(
        (o) => `${unit.get(o.unitId)} ${person.get(o.personId)} ${strip(o, 'unitId', 'personId')}`
      )
      .sort()
  };
}

test('HC 资产信息: recognised, imported with one click, report kept, fixed, again, export round trip', async ({
  page,
  browser
}) => {
  page.on('pageerror', (error) => console.log('page error:', error.message));
  await officeWithManager(page);
  const { rows, bad } = hcAssetSheet();
  const file = await assetWorkbook(rows, [[11, 15]]);

  await chooseFile(page, '资产信息.xlsx', file);
  await expect(page.getByText(/已识别：HC小区管理系统的“资产信息”导入表/)).toBeVisible();
  await expect(
    page.getByRole('table', { name: '各列去向' }).getByRole('row', { name: /人员角色/ })
  ).toContainText('公司员工作为单位联系人');
  await expect(page.getByText('共 14 行：10 行正确，4 行有错误')).toBeVisible();
  const report = page.getByRole('table', { name: '有错误的行' }).getByRole('row');
  await expect(report).toHaveCount(1 + bad.size);
  for (const [line, reason] of bad) {
    const row = report.filter({ has: page.getByRole('cell', { name: String(line), exact: true }) });
    await expect(row).toContainText(reason);
  }
  const changed = page.getByRole('table', { name: '导入时做了改动的行' });
  await expect(changed).toContainText('１３９０００００００３ → 13900000003');
  await expect(changed).toContainText('王馨,张阳强 → 王馨 / 张阳强');
  // Checked, not yet imported: nothing written.
  expect(await storeCounts(page, stores)).toEqual({
    building: 0,
    unit: 0,
    person: 0,
    occupancy: 0
  });

  await importClick(page);
  const after = await storeCounts(page, stores);
  expect(after).toEqual({
    building: hcAssetExpected.buildings,
    unit: hcAssetExpected.units,
    person: hcAssetExpected.people,
    occupancy: hcAssetExpected.owners + hcAssetExpected.family + hcAssetExpected.tenants
  });
  expect(await roleCounts(page)).toEqual({
    owner: hcAssetExpected.owners,
    family: hcAssetExpected.family,
    tenant: hcAssetExpected.tenants
  });

  // The report stays on screen and downloads; fixed, it imports the refused rows.
  await expect(page.getByRole('table', { name: '有错误的行' }).getByRole('row')).toHaveCount(5);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载报告（Excel）' }).click()
  ]);
  const sheets = await readXlsxFile(await readFile((await download.path()) ?? ''));
  expect(sheets[0].sheet).toBe('资产信息');
  const text = sheets[0].data.map((r) => r.map((c) => (c === null ? '' : String(c))));
  expect(text[0].slice(21)).toEqual(['导入结果', '原因或改动', '原行号']);
  const refused = text.filter((r) => r[21] === '未导入');
  expect(refused.map((r) => r[23])).toEqual([...bad.keys()].map(String));
  expect(refused[1][22]).toContain('被 Excel 当作数字');
  const fixed = [text[0], ...refused.map((r) => [...r])];
  fixed[1][16] = '1002'; // 陈二 is family, not a second owner
  fixed[2][15] = '110101199003071233'; // the ID typed as text
  fixed.splice(3, 0, [
    ...fixed[3].slice(0, 12),
    '吴八',
    '男',
    '13500000011',
    '',
    '1001',
    'P',
    '1',
    '',
    ''
  ]);
  fixed[5][12] = '冯十一'; // the owner's name
  fixed[5][16] = '1001';
  await chooseFile(page, '报告.xlsx', await assetWorkbook(fixed));
  await expect(page.getByText('共 5 行：5 行正确，0 行有错误')).toBeVisible();
  await importClick(page);
  const fixedCounts = await storeCounts(page, stores);
  expect(fixedCounts).toEqual({
    building: 2,
    unit: after.unit + 3,
    person: after.person + 5,
    occupancy: after.occupancy + 5
  });

  // The same file again: nothing changes.
  await chooseFile(page, '资产信息.xlsx', file);
  await expect(page.getByText(/新增 0 栋楼、0 个房屋、0 位住户，更新 0 条/)).toBeVisible();
  await importClick(page);
  expect(await storeCounts(page, stores)).toEqual(fixedCounts);

  // 电梯 and 性别 on the staff forms: the imported values shown, changed, and carried by export.
  await page.goto('/units');
  await page.getByRole('link', { name: /^1栋/ }).click();
  await expect(page.getByText('有电梯', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '编辑楼栋' }).click();
  const buildingDialog = page.getByRole('dialog', { name: '编辑 1栋' });
  await expect(buildingDialog.getByLabel('总层数')).toHaveValue('6');
  await buildingDialog.getByLabel('总层数').fill('0');
  await buildingDialog.getByRole('button', { name: '保存楼栋' }).click();
  await expect(buildingDialog.getByText('不能小于 1')).toBeVisible();
  await buildingDialog.getByLabel('总层数').fill('7');
  await buildingDialog.getByLabel('电梯').selectOption({ label: '无' });
  await buildingDialog.getByRole('button', { name: '保存楼栋' }).click();
  await expect(page.getByText('无电梯', { exact: true })).toBeVisible();
  await expect(page.getByText('共 7 层')).toBeVisible();
  await page.getByRole('button', { name: '1-1-101，已入住' }).click();
  await page.getByRole('link', { name: '打开住户页' }).click();
  const member = page.getByRole('article', { name: '王小明' });
  await expect(member).toContainText('男');
  await member.getByRole('button', { name: '编辑档案' }).click();
  const personDialog = page.getByRole('dialog', { name: '编辑 王小明 的档案' });
  await expect(personDialog.getByLabel('性别')).toHaveValue('male');
  await personDialog.getByLabel('性别').selectOption({ label: '女' });
  await personDialog.getByRole('button', { name: '保存档案' }).click();
  await expect(member.getByRole('definition').filter({ hasText: /^女$/ })).toBeVisible();

  // Export (with the empty rooms) → import into an empty office: the same registry and archive.
  await page.goto('/households');
  await page.getByLabel('包括无人登记的房屋').check();
  await expect(page.getByText(/^[\d,]+ 户$/)).toBeVisible();
  const [exported] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 Excel' }).click()
  ]);
  const exportedBytes = await readFile((await exported.path()) ?? '');
  const original = await registryContent(page);

  const context = await browser.newContext();
  const empty = await context.newPage();
  try {
    await officeWithManager(empty);
    await chooseFile(empty, '导出.xlsx', exportedBytes);
    await expect(empty.getByText(/行正确，0 行有错误/)).toBeVisible();
    await importClick(empty);
    expect(await registryContent(empty)).toEqual(original);
    expect(
      original.buildings.some((b) => b.includes('"floors":7') && b.includes('"lift":false'))
    ).toBe(true);
    expect(
      original.people.some((p) => p.includes('"name":"王小明"') && p.includes('"gender":"female"'))
    ).toBe(true);
  } finally {
    await context.close();
  }
});

test('HC export workbook (楼栋单元 / 业主信息 / 房屋信息): recognised and imported with one click', async ({
  page
}) => {
  await officeWithManager(page);
  const data = hcExportSheets().map(({ name, rows }) => ({
    sheet: name,
    data: rows.map((row) => row.map((value) => ({ value, type: String })))
  }));
  const file = Buffer.from(await writeXlsxFile(data).toBuffer());
  await chooseFile(page, 'HC导出.xlsx', file);
  await expect(page.getByText(/已识别：HC小区管理系统导出的工作簿/)).toBeVisible();
  await expect(page.getByText('不导入的工作表：费用设置、车位信息')).toBeVisible();
  await expect(
    page.getByText(
      `共 ${hcExportExpected.rows} 行：${hcExportExpected.good} 行正确，${hcExportExpected.bad.length} 行有错误`
    )
  ).toBeVisible();
  const report = page.getByRole('table', { name: '有错误的行' }).getByRole('row');
  await expect(report).toHaveCount(1 + hcExportExpected.reasons.length);
  for (const [where, reason] of hcExportExpected.reasons)
    await expect(
      report.filter({ has: page.getByRole('cell', { name: where, exact: true }) })
    ).toContainText(reason);
  expect(await storeCounts(page, stores)).toEqual({
    building: 0,
    unit: 0,
    person: 0,
    occupancy: 0
  });
  await importClick(page);
  const after = await storeCounts(page, stores);
  expect(after).toEqual({
    building: hcExportExpected.buildings,
    unit: hcExportExpected.units,
    person: hcExportExpected.people,
    occupancy: hcExportExpected.owners + hcExportExpected.family + hcExportExpected.tenants
  });
  expect(await roleCounts(page)).toEqual({
    owner: hcExportExpected.owners,
    family: hcExportExpected.family,
    tenant: hcExportExpected.tenants
  });

  // The report downloads as a 资产信息 workbook; its rows fixed, it imports.
  const refused = await downloadedRefusals(page);
  expect(refused.map((r) => r[23])).toEqual(
    hcExportExpected.bad.map(([sheet, line]) => `${sheet} ${line}`)
  );
  const room203 = refused[0].slice(0, 12);
  const fixed = [
    [...assetHeader, '导入结果', '原因或改动', '原行号'],
    refused[0], // room 203 without the unknown owner: a vacant room
    refused[1], // 302: its owner's name filled in below
    refused[2], // 303: the ID typed as text below
    [room203[0], '1', '101', '1', ...room203.slice(4), ...refused[3].slice(12)],
    [...room203, ...refused[4].slice(12)]
  ];
  fixed[2][12] = '孙九';
  fixed[3][15] = '110101199003071233';
  fixed[4][16] = '1002'; // 孤儿 is 张三's family, in room 101
  await chooseFile(page, '报告.xlsx', await assetWorkbook(fixed));
  await expect(page.getByText('共 5 行：5 行正确，0 行有错误')).toBeVisible();
  await importClick(page);
  expect(await storeCounts(page, stores)).toEqual({
    building: after.building,
    unit: after.unit + 3,
    person: after.person + 4,
    occupancy: after.occupancy + 4
  });
});

test('HC 资产信息 as a clerk fills it in Excel: numbers, blank line, notes left in; one click; report fixed and imported', async ({
  page
}) => {
  await officeWithManager(page);
  const { cells, bad } = hcClerkWorkbook();
  const data = cells.map((row) =>
    row.map((value) =>
      value === null
        ? null
        : typeof value === 'number'
          ? { value, type: Number }
          : { value, type: String }
    )
  );
  const file = Buffer.from(await writeXlsxFile(data, { sheet: '资产信息' }).toBuffer());
  await chooseFile(page, '房产导入.xlsx', file);
  await expect(page.getByText(/已识别：HC小区管理系统的“资产信息”导入表/)).toBeVisible();
  await expect(
    page.getByText(
      `共 ${hcClerkExpected.rows} 行：${hcClerkExpected.good} 行正确，${bad.size} 行有错误`
    )
  ).toBeVisible();
  const report = page.getByRole('table', { name: '有错误的行' }).getByRole('row');
  await expect(report).toHaveCount(1 + bad.size);
  for (const [line, reason] of bad) {
    const row = report.filter({ has: page.getByRole('cell', { name: String(line), exact: true }) });
    await expect(row).toContainText(reason);
  }
  expect(await storeCounts(page, stores)).toEqual({
    building: 0,
    unit: 0,
    person: 0,
    occupancy: 0
  });
  await importClick(page);
  const after = await storeCounts(page, stores);
  expect(after).toEqual({
    building: hcClerkExpected.buildings,
    unit: hcClerkExpected.units,
    person: hcClerkExpected.people,
    occupancy: hcClerkExpected.owners + hcClerkExpected.family + hcClerkExpected.tenants
  });
  expect(await roleCounts(page)).toEqual({
    owner: hcClerkExpected.owners,
    family: hcClerkExpected.family,
    tenant: hcClerkExpected.tenants
  });

  const refused = await downloadedRefusals(page);
  expect(refused.map((r) => r[23])).toEqual([...bad.keys()].map(String));
  expect(refused[0][22]).toContain('身份证号：证件号被 Excel 当作数字');
  const fixed = [[...assetHeader, '导入结果', '原因或改动', '原行号'], ...refused];
  fixed[1][15] = '440304199001011233'; // typed as text this time
  fixed[2][15] = '440304198812124560';
  fixed[3][14] = '13800000010';
  fixed[4][16] = '1003'; // 周七 rents the room from its owner, written above him
  fixed.splice(4, 0, [...fixed[4].slice(0, 12), '周老板', '男', '13800000017', '', '1001']);
  fixed[6][16] = '1001';
  await chooseFile(page, '报告.xlsx', await assetWorkbook(fixed));
  await expect(page.getByText('共 6 行：6 行正确，0 行有错误')).toBeVisible();
  await importClick(page);
  expect(await storeCounts(page, stores)).toEqual({
    building: after.building,
    unit: after.unit + 5,
    person: after.person + 6,
    occupancy: after.occupancy + 6
  });
});

test('generator numbers rooms 101… with 单元 1; a unit or building nothing refers to is deleted', async ({
  page
}) => {
  await officeWithManager(page);
  await page.getByRole('link', { name: '房屋' }).first().click();
  await page.getByLabel('楼栋号').fill('8');
  await page.getByLabel('最高楼层').fill('2');
  await page.getByLabel('每层户数').fill('2');
  await page.getByLabel('房号编号').selectOption({ label: '101、102 …' });
  await page.getByLabel('只有一个单元，房号不带单元号').uncheck();
  await expect(page.getByText('将生成 4 户，编号 101 … 202')).toBeVisible();
  await page.getByRole('button', { name: '生成楼栋' }).click();
  await expect(page.getByRole('heading', { name: '8栋' })).toBeVisible();
  // HC's 户型 and 租金 have a home on the unit form too.
  await page.getByRole('button', { name: '8-1-101，空置' }).click();
  await page.getByLabel('户型').fill('两室一厅');
  await page.getByLabel('月租金（元）').fill('3500');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByRole('button', { name: '8-1-101，空置' }).click();
  await expect(page.getByLabel('户型')).toHaveValue('两室一厅');
  await expect(page.getByLabel('月租金（元）')).toHaveValue('3500');
  await page.keyboard.press('Escape');
  for (const room of ['101', '102', '201', '202']) {
    await page.getByRole('button', { name: `8-1-${room}，空置` }).click();
    await page.getByRole('button', { name: '删除房屋' }).click();
    await expect(page.getByRole('button', { name: `8-1-${room}，空置` })).toHaveCount(0);
  }
  await page.getByRole('button', { name: '删除楼栋' }).click();
  await expect(page).toHaveURL(/\/units$/);
  await expect(page.getByRole('link', { name: /^8栋/ })).toHaveCount(0);
});
