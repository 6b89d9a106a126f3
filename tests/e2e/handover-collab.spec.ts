import { expect, test, type Page } from '@playwright/test';
import { officeWithManager, defaultOffice, signIn } from './support/office';
import {
  enableTestHooks,
  keepSyncing,
  pushOps,
  syncBoth,
  untilSame
} from './support/handover-bridge';

// Must show (issue 7): two tablets type into the same shift's log at the same time, in the
// same paragraph; both end with the same text holding everything typed; then both go
// offline and type; on reconnecting the edits merge and nothing is lost; a reload keeps it.

const log = (page: Page) => page.getByRole('textbox', { name: '工作日记' });
/** The log's text as typed, without the other people's cursor labels drawn inside it. */
const logText = (page: Page) =>
  log(page).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.ProseMirror-yjs-cursor').forEach((c) => c.remove());
    return [...copy.children].map((p) => p.textContent ?? '').join('\n');
  });

/** The characters of one person's typing, in order (A types letters, B digits). */
const only = (text: string, chars: RegExp) => [...text].filter((c) => chars.test(c)).join('');

test('two tablets write one shift log together, online and offline', async ({ browser }) => {
  const tabletA = await browser.newContext();
  const tabletB = await browser.newContext();
  const a = await tabletA.newPage();
  const b = await tabletB.newPage();
  await enableTestHooks(a);
  await enableTestHooks(b);

  // Tablet A sets up the office and opens this shift's record.
  await officeWithManager(a);
  await a.goto('/handover');
  await a.getByRole('button', { name: '打开本班交接记录' }).click();
  await expect(log(a)).toBeVisible();
  const shiftUrl = a.url();

  // Tablet B joins the office (the op log is carried over) and opens the same shift.
  await b.goto('/handover');
  await pushOps(a, b);
  await b.goto('/');
  await signIn(b, defaultOffice.managerName, defaultOffice.pin);
  // The PIN check (PBKDF2) takes a moment: navigate only once B is signed in.
  await expect(b.getByRole('heading', { name: '工作台' })).toBeVisible();
  await b.goto(shiftUrl);
  await expect(log(b)).toBeVisible();

  // Online: interleaved keystrokes in the same paragraph.
  const session = keepSyncing(a, b);
  await log(a).click();
  await a.keyboard.type('>');
  await untilSame(a, b, logText);
  await log(b).click();
  await b.keyboard.press('End');
  const typedA = 'abcdefghijklmnop';
  const typedB = '0123456789012345';
  for (let i = 0; i < typedA.length; i++) {
    await a.keyboard.type(typedA[i]);
    await b.keyboard.type(typedB[i]);
  }
  await session.stop();
  await untilSame(a, b, logText);
  const online = await logText(a);
  expect(online.startsWith('>')).toBe(true);
  expect(only(online, /[a-z]/)).toBe(typedA);
  expect(only(online, /\d/)).toBe(typedB);
  // Each sees the other in the document (awareness).
  await expect(b.getByTestId('others')).toContainText(defaultOffice.managerName);

  // Offline: both type, nothing travels.
  await tabletA.setOffline(true);
  await tabletB.setOffline(true);
  await log(a).click();
  await a.keyboard.press('End');
  await a.keyboard.type(' xyz');
  await log(b).click();
  await b.keyboard.press('Control+Home');
  await b.keyboard.type('777 ');
  expect(await logText(a)).not.toContain('777');
  expect(await logText(b)).not.toContain('xyz');

  // Reconnect: merged, nothing lost.
  await tabletA.setOffline(false);
  await tabletB.setOffline(false);
  await untilSame(a, b, logText);
  const merged = await logText(a);
  expect(merged).toContain('xyz');
  expect(merged.startsWith('777 ')).toBe(true);
  expect(only(merged, /[a-z]/)).toBe(`${typedA}xyz`);
  expect(only(merged, /\d/)).toBe(`777${typedB}`);

  // Reload: what both typed is still there on both tablets.
  await a.reload();
  await b.reload();
  await expect.poll(() => logText(a)).toBe(merged);
  await expect.poll(() => logText(b)).toBe(merged);
  await syncBoth(a, b);
  await expect.poll(() => logText(a)).toBe(merged);

  await tabletA.close();
  await tabletB.close();
});
