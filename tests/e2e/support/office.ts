import { expect, type Page } from '@playwright/test';

export interface OfficeOptions {
  officeName: string;
  communityName: string;
  managerName: string;
  pin: string;
}

/**
 * The cap for a screen that follows a PIN: setup hashes it and sign-in checks it with PBKDF2 at
 * 210,000 iterations, on purpose slow. With the machine at load 40 (issue 12 §7) setup took more
 * than the default 10 s; the wait is still for the screen, this only bounds it.
 */
export const afterPin = { timeout: 60_000 };

export const defaultOffice: OfficeOptions = {
  officeName: '锦绣物业服务中心',
  communityName: '锦绣花园',
  managerName: '王建国',
  pin: '2468'
};

/** First run on a new tablet: fill the setup form, as a person would, in Simplified Chinese. */
export async function createOffice(
  page: Page,
  options: Partial<OfficeOptions> & { url?: string } = {}
): Promise<OfficeOptions> {
  const { url = '/', ...rest } = options;
  const office = { ...defaultOffice, ...rest };
  await page.goto(url);
  await page.getByLabel('物业服务中心名称').fill(office.officeName);
  await page.getByLabel('小区名称').fill(office.communityName);
  await page.getByLabel('经理姓名').fill(office.managerName);
  await page.getByRole('textbox', { name: 'PIN 码', exact: true }).fill(office.pin);
  await page.getByLabel('再次输入 PIN 码').fill(office.pin);
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page.getByRole('heading', { name: '请选择您的名字' })).toBeVisible(afterPin);
  return office;
}

/** Pick a name on the sign-in screen and type the PIN on the pad's keyboard. */
export async function signIn(page: Page, name: string, pin: string): Promise<void> {
  await page.getByRole('button', { name }).click();
  await enterPin(page, pin);
}

/** Type a PIN on the pad (a tablet's keyboard or the desk PC's) and confirm it. */
export async function enterPin(page: Page, pin: string): Promise<void> {
  await page.keyboard.type(pin);
  await page.getByRole('button', { name: '确定' }).click();
}

/** A new office with its manager signed in, on the desk's start page. */
export async function officeWithManager(
  page: Page,
  options: Partial<OfficeOptions> & { url?: string } = {}
): Promise<OfficeOptions> {
  const office = await createOffice(page, options);
  await signIn(page, office.managerName, office.pin);
  await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible(afterPin);
  return office;
}

/** Row counts of the app's IndexedDB stores, read with the raw IndexedDB API of the page. */
export async function storeCounts(page: Page, stores: string[]): Promise<Record<string, number>> {
  return page.evaluate(async (names) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('guanjia');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const counts: Record<string, number> = {};
    for (const name of names) {
      counts[name] = await new Promise<number>((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).count();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    }
    db.close();
    return counts;
  }, stores);
}
