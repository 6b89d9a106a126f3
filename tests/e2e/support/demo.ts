import { expect, type Page } from '@playwright/test';
import { officeWithManager, type OfficeOptions } from './office';

/**
 * A new office with the small demo office loaded (1 community, 600 households), its manager
 * signed in, on 设置. The demo loads through the write path, as the manager's button does.
 */
export async function demoOffice(page: Page): Promise<OfficeOptions> {
  const office = await officeWithManager(page);
  await page.goto('/settings');
  await page.getByRole('button', { name: /^小型/ }).click();
  await expect(page.getByText(/演示数据已载入/)).toBeVisible({ timeout: 180_000 });
  return office;
}
