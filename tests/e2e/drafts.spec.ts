// Drafts that are never lost: autosave across a reload and a closed page, two pages on one
// draft (a conflict, never a silent overwrite), and the drafts list (create, rename,
// duplicate, switch, delete and 撤销删除). Every test has its own browser context, so
// localStorage starts empty and the page starts 草稿 1.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { card, field, itemScore, open, summary } from './form';
import {
  appStorage, currentId, currentRaw, draftNames, NS, openDrafts, saveStatus, stayOnLeave, storedDrafts, waitStored,
} from './drafts';

const total = (page: Page) => summary(page).getByTestId('total');
const unitName = (page: Page) => page.locator('#unit-name');
const draftName = (page: Page) => page.getByTestId('draft-name');

test('what was typed is all there after a reload', async ({ page }) => {
  const crashes = await open(page);
  await expect(draftName(page)).toHaveText('草稿 1');
  await expect(saveStatus(page)).toHaveText('已打开，未修改');

  await unitName(page).fill('神木市某镇便民服务中心');
  await field(page, 'site.signage', 'no_sign').check();
  await field(page, 'site.signage', 'note').fill('标识牌已订制，4 月底前安装。');
  await field(page, 'site.signage', 'confirm').check();
  await expect(itemScore(page, 'site.signage')).toHaveText('1.0 分');
  await expect(total(page)).toHaveText('1.0');
  await expect(saveStatus(page)).toHaveText(/^已保存 \d\d:\d\d:\d\d$/);
  await waitStored(page, (d) =>
    d.file.unit.name === '神木市某镇便民服务中心' &&
    d.file.answers.items['site.signage']?.status === 'confirmed' &&
    d.file.answers.items['site.signage']?.note === '标识牌已订制，4 月底前安装。');

  await page.reload();
  await expect(card(page, 'site.signage')).toBeVisible();
  await expect(draftName(page)).toHaveText('草稿 1');
  await expect(unitName(page)).toHaveValue('神木市某镇便民服务中心');
  await expect(field(page, 'site.signage', 'no_sign')).toBeChecked();
  await expect(field(page, 'site.signage', 'note')).toHaveValue('标识牌已订制，4 月底前安装。');
  await expect(field(page, 'site.signage', 'confirm')).toBeChecked();
  await expect(itemScore(page, 'site.signage')).toHaveText('1.0 分');
  await expect(total(page)).toHaveText('1.0');
  await expect(summary(page).getByTestId('assessed')).toHaveText('1/21');
  // An item nobody touched is still 未评, not scored at full marks.
  await expect(itemScore(page, 'site.areas')).toHaveText('未评');
  await expect(field(page, 'site.areas', 'confirm')).not.toBeChecked();
  // Reopening is not a change: one draft, nothing rewritten.
  await expect(saveStatus(page)).toHaveText('已打开，未修改');
  expect(Object.keys(await storedDrafts(page))).toHaveLength(1);
  expect(crashes).toEqual([]);
});

test('a keystroke made just before the page is closed is there when it is opened again', async ({ context }) => {
  // Fake timers, so that the 300 ms autosave can be held back: then only the flush on
  // visibilitychange/pagehide can save the last keystroke.
  await context.clock.install();
  const page = await context.newPage();
  await open(page);
  await unitName(page).fill('神木市某镇');
  await waitStored(page, (d) => d.file.unit.name === '神木市某镇');

  const now = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(now + 1_000);
  await unitName(page).press('End');
  await unitName(page).press('A');
  await expect(unitName(page)).toHaveValue('神木市某镇A');
  await expect(saveStatus(page)).toHaveText('保存中…');
  // The keystroke is not stored yet: the timer is held.
  expect(JSON.parse(await currentRaw(page)).file.unit.name).toBe('神木市某镇');

  await page.close();
  await context.clock.resume();
  const again = await context.newPage();
  await open(again);
  await expect(unitName(again)).toHaveValue('神木市某镇A');
  expect(JSON.parse(await currentRaw(again)).file.unit.name).toBe('神木市某镇A');
});

/** Opens two pages on the same draft; the first has saved `name`. */
async function twoPages(page: Page, name: string) {
  await open(page);
  await unitName(page).fill(name);
  await waitStored(page, (d) => d.file.unit.name === name);
  const second = await page.context().newPage();
  await open(second);
  await expect(unitName(second)).toHaveValue(name);
  expect(await currentId(second)).toBe(await currentId(page));
  return second;
}

/** Makes the first page write whatever it would write on leaving (pagehide flushes). */
async function leaveAndFlush(page: Page) {
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })));
}

/** An edit in `second` puts `first` into the conflict state, where it keeps its content. */
async function makeConflict(first: Page, second: Page) {
  const id = await currentId(first);
  await unitName(second).fill('乙页的名称');
  await waitStored(second, (d) => d.file.unit.name === '乙页的名称');
  const stored = JSON.parse(await currentRaw(second));

  const conflict = first.getByTestId('conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText('本页已停止保存');
  await expect(saveStatus(first)).toHaveText('已停止保存（冲突）');
  // The first page keeps what it shows, and goes on taking edits …
  await expect(unitName(first)).toHaveValue('甲页的名称');
  await unitName(first).fill('甲页后来的修改');
  await field(first, 'site.signage', 'confirm').check();
  await expect(total(first)).toHaveText('3.0');
  // … but writes none of them over the second page's version, not even when it is left.
  await leaveAndFlush(first);
  const after = await storedDrafts(first);
  expect(Object.keys(after)).toEqual([id]);
  expect(after[id].revision).toBe(stored.revision);
  expect(after[id].file.unit.name).toBe('乙页的名称');
  expect(after[id].file.answers.items['site.signage']).toBeUndefined();
  return id;
}

test('two pages on one draft: the first stops saving and can load the other version', async ({ page }) => {
  const second = await twoPages(page, '甲页的名称');
  const id = await makeConflict(page, second);

  await page.getByRole('button', { name: '载入另一页保存的版本' }).click();
  await expect(page.getByTestId('conflict')).toHaveCount(0);
  await expect(unitName(page)).toHaveValue('乙页的名称');
  await expect(field(page, 'site.signage', 'confirm')).not.toBeChecked();
  await expect(total(page)).toHaveText('0.0');
  await expect(saveStatus(page)).toHaveText('已打开，未修改');

  // Saving works again from the version it loaded, and now the second page is the one told.
  await field(page, 'site.areas', 'confirm').check();
  await waitStored(page, (d) => d.file.answers.items['site.areas']?.status === 'confirmed');
  const stored = (await storedDrafts(page))[id];
  expect(stored.file.unit.name).toBe('乙页的名称');
  await expect(second.getByTestId('conflict')).toBeVisible();
  await expect(unitName(second)).toHaveValue('乙页的名称');
});

test('two pages on one draft: the first can keep its content as a new draft', async ({ page }) => {
  const second = await twoPages(page, '甲页的名称');
  const id = await makeConflict(page, second);

  await page.getByRole('button', { name: '将本页内容另存为新草稿' }).click();
  await expect(page.getByTestId('conflict')).toHaveCount(0);
  await expect(draftName(page)).toHaveText('草稿 1（本页副本）');
  await expect(page.getByTestId('flash')).toHaveText('已建立草稿“草稿 1（本页副本）”。');
  await expect(unitName(page)).toHaveValue('甲页后来的修改');
  await expect(total(page)).toHaveText('3.0');

  // Both versions are stored: the second page's under the old id, this page's as the copy.
  const copyId = await currentId(page);
  expect(copyId).not.toBe(id);
  const drafts = await storedDrafts(page);
  expect(Object.keys(drafts).sort()).toEqual([id, copyId].sort());
  expect(drafts[id].file.unit.name).toBe('乙页的名称');
  expect(drafts[copyId].name).toBe('草稿 1（本页副本）');
  expect(drafts[copyId].file.unit.name).toBe('甲页后来的修改');
  expect(drafts[copyId].file.answers.items['site.signage']?.status).toBe('confirmed');
  expect((await draftNames(page)).sort()).toEqual(['草稿 1', '草稿 1（本页副本）']);

  // The copy saves normally; the second page, on the original, is not disturbed.
  await field(page, 'site.areas', 'confirm').check();
  await waitStored(page, (d) => d.file.answers.items['site.areas']?.status === 'confirmed');
  await expect(saveStatus(page)).toHaveText(/^已保存/);
  await unitName(second).fill('乙页又改了');
  await waitStored(second, (d) => d.file.unit.name === '乙页又改了');
  await expect(second.getByTestId('conflict')).toHaveCount(0);
  await expect(saveStatus(second)).toHaveText(/^已保存/);
  expect((await storedDrafts(page))[copyId].file.unit.name).toBe('甲页后来的修改');
});

test('drafts: create, rename, duplicate, switch, delete and 撤销删除', async ({ page }) => {
  const crashes = await open(page);
  await unitName(page).fill('一号机构');
  await waitStored(page, (d) => d.file.unit.name === '一号机构');
  const first = await currentId(page);
  expect(await draftNames(page)).toEqual(['草稿 1']);
  await expect((await openDrafts(page)).locator('tr.open')).toContainText('当前');

  // Create: a new, empty draft opens; the first is kept as it was.
  await (await openDrafts(page)).getByRole('button', { name: '新建草稿' }).click();
  await expect(page.getByTestId('flash')).toHaveText('已建立草稿“草稿 2”。');
  await expect(draftName(page)).toHaveText('草稿 2');
  await expect(unitName(page)).toHaveValue('');
  await expect(total(page)).toHaveText('0.0');
  const second = await currentId(page);
  expect(second).not.toBe(first);
  await unitName(page).fill('二号机构');
  await field(page, 'site.signage', 'confirm').check();
  await expect(total(page)).toHaveText('3.0');
  await waitStored(page, (d) => d.file.unit.name === '二号机构' && d.file.answers.items['site.signage']?.status === 'confirmed');
  expect((await storedDrafts(page))[first].file.unit.name).toBe('一号机构');

  // Rename the open draft.
  let panel = await openDrafts(page);
  await panel.getByRole('button', { name: '重命名 草稿 2' }).click();
  await panel.getByLabel('新名称').fill('二号（练习）');
  await panel.getByRole('button', { name: '保存名称' }).click();
  await expect(draftName(page)).toHaveText('二号（练习）');
  await expect.poll(async () => (await storedDrafts(page))[second].name).toBe('二号（练习）');
  expect((await draftNames(page)).sort()).toEqual(['二号（练习）', '草稿 1']);

  // Rename a draft that is not open.
  panel = await openDrafts(page);
  await panel.getByRole('button', { name: '重命名 草稿 1' }).click();
  await panel.getByLabel('新名称').fill('一号（正式）');
  await panel.getByRole('button', { name: '保存名称' }).click();
  await expect(panel.getByRole('button', { name: '打开 一号（正式）' })).toBeVisible();
  await expect(draftName(page)).toHaveText('二号（练习）');
  const renamed = (await storedDrafts(page))[first];
  expect([renamed.name, renamed.file.unit.name]).toEqual(['一号（正式）', '一号机构']);

  // Duplicate: a copy with the same answers opens.
  await panel.getByRole('button', { name: '复制 二号（练习）' }).click();
  await expect(page.getByTestId('flash')).toHaveText('已建立草稿“二号（练习）（副本）”。');
  await expect(draftName(page)).toHaveText('二号（练习）（副本）');
  await expect(unitName(page)).toHaveValue('二号机构');
  await expect(field(page, 'site.signage', 'confirm')).toBeChecked();
  await expect(total(page)).toHaveText('3.0');
  const copy = await currentId(page);
  let drafts = await storedDrafts(page);
  expect(Object.keys(drafts)).toHaveLength(3);
  expect(drafts[copy].file.answers).toEqual(drafts[second].file.answers);
  expect(drafts[copy].file.unit).toEqual(drafts[second].file.unit);

  // Switch to the first draft.
  panel = await openDrafts(page);
  await panel.getByRole('button', { name: '打开 一号（正式）' }).click();
  await expect(draftName(page)).toHaveText('一号（正式）');
  await expect(unitName(page)).toHaveValue('一号机构');
  await expect(field(page, 'site.signage', 'confirm')).not.toBeChecked();
  await expect(total(page)).toHaveText('0.0');
  expect(await currentId(page)).toBe(first);

  // Delete a draft that is not open, then take it back within the 15 s window.
  panel = await openDrafts(page);
  const copyRaw = (await appStorage(page))[`${NS}draft/${copy}`];
  await panel.getByRole('button', { name: '删除 二号（练习）（副本）' }).click();
  await expect(page.getByText('已删除草稿“二号（练习）（副本）”。')).toBeVisible();
  expect((await draftNames(page)).sort()).toEqual(['一号（正式）', '二号（练习）']);
  let stored = await appStorage(page);
  expect(stored[`${NS}draft/${copy}`]).toBeUndefined();
  expect(stored[`${NS}trash/${copy}`]).toBe(copyRaw);
  await page.getByRole('button', { name: '撤销删除' }).click();
  await expect(page.getByTestId('flash')).toHaveText('已恢复草稿“二号（练习）（副本）”。');
  await expect(page.getByRole('button', { name: '撤销删除' })).toHaveCount(0);
  expect((await draftNames(page)).sort()).toEqual(['一号（正式）', '二号（练习）', '二号（练习）（副本）']);
  stored = await appStorage(page);
  expect(stored[`${NS}draft/${copy}`]).toBe(copyRaw);
  expect(stored[`${NS}trash/${copy}`]).toBeUndefined();

  // Delete the open draft: another opens; undo brings the deleted one back, unopened.
  panel = await openDrafts(page);
  await panel.getByRole('button', { name: '删除 一号（正式）' }).click();
  await expect(page.getByText('已删除草稿“一号（正式）”。')).toBeVisible();
  await expect(draftName(page)).not.toHaveText('一号（正式）');
  expect(await currentId(page)).not.toBe(first);
  await page.getByRole('button', { name: '撤销删除' }).click();
  await expect(page.getByTestId('flash')).toHaveText('已恢复草稿“一号（正式）”。');
  drafts = await storedDrafts(page);
  expect(Object.keys(drafts)).toHaveLength(3);
  expect(drafts[first].file.unit.name).toBe('一号机构');

  // All of it survives a reload.
  await page.reload();
  await expect(card(page, 'site.signage')).toBeVisible();
  expect((await draftNames(page)).sort()).toEqual(['一号（正式）', '二号（练习）', '二号（练习）（副本）']);
  expect(crashes).toEqual([]);
});

test('on a phone each draft is a card whose lines and buttons fit the screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const crashes = await open(page);
  await unitName(page).fill('神木市某镇便民服务中心');
  await waitStored(page, (d) => d.file.unit.name === '神木市某镇便民服务中心');
  await (await openDrafts(page)).getByRole('button', { name: '新建草稿' }).click();
  await expect(draftName(page)).toHaveText('草稿 2');
  const panel = await openDrafts(page);
  const rows = panel.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) {
    const box = (await row.boundingBox())!;
    // A card nearly as wide as the screen, not a squeezed column of seven.
    expect(box.width).toBeGreaterThan(300);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    // Each button's text on one line (in the squeezed table 复制 and 重命名 broke into two or three).
    for (const button of await row.getByRole('button').all()) {
      expect((await button.boundingBox())!.height).toBeLessThan(40);
    }
  }
  await expect(rows.nth(1).locator('td[data-label="机构"]')).toHaveText('神木市某镇便民服务中心');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Renaming: the name box stays inside its card.
  await panel.getByRole('button', { name: '重命名 草稿 1' }).click();
  const input = (await panel.getByLabel('新名称').boundingBox())!;
  const card = (await rows.nth(1).boundingBox())!;
  expect(input.x + input.width).toBeLessThanOrEqual(card.x + card.width);
  await panel.getByLabel('新名称').fill('一号镇');
  await panel.getByRole('button', { name: '保存名称' }).click();
  await expect(rows.nth(1).locator('td.name')).toHaveText('一号镇');
  expect(crashes).toEqual([]);
});

test('a deleted draft cannot be taken back once the 15 s window has passed', async ({ context }) => {
  await context.clock.install();
  const page = await context.newPage();
  await open(page);
  await (await openDrafts(page)).getByRole('button', { name: '新建草稿' }).click();
  await expect(draftName(page)).toHaveText('草稿 2');
  const doomed = await currentId(page);

  await (await openDrafts(page)).getByRole('button', { name: '删除 草稿 2' }).click();
  await expect(page.getByRole('button', { name: '撤销删除' })).toBeVisible();
  await expect(draftName(page)).toHaveText('草稿 1');
  await page.clock.fastForward(14_000);
  await expect(page.getByRole('button', { name: '撤销删除' })).toBeVisible();
  await page.clock.fastForward(1_500);
  await expect(page.getByRole('button', { name: '撤销删除' })).toHaveCount(0);

  // The next start empties the trash for good.
  expect((await appStorage(page))[`${NS}trash/${doomed}`]).toBeTruthy();
  await page.reload();
  await expect(card(page, 'site.signage')).toBeVisible();
  const stored = await appStorage(page);
  expect(Object.keys(stored).filter((k) => k.includes(doomed))).toEqual([]);
  expect(await draftNames(page)).toEqual(['草稿 1']);
});

test('撤销删除 still works when another page was opened meanwhile', async ({ page }) => {
  await open(page);
  await (await openDrafts(page)).getByRole('button', { name: '新建草稿' }).click();
  await expect(draftName(page)).toHaveText('草稿 2');
  await unitName(page).fill('要删除又想要回来的');
  await waitStored(page, (d) => d.file.unit.name === '要删除又想要回来的');
  const id = await currentId(page);
  const raw = await currentRaw(page);
  await (await openDrafts(page)).getByRole('button', { name: '删除 草稿 2' }).click();
  await expect(page.getByRole('button', { name: '撤销删除' })).toBeVisible();

  // Opening the page again (another tab) empties the trash of old deletions, not of this one.
  const other = await page.context().newPage();
  await open(other);
  await page.getByRole('button', { name: '撤销删除' }).click();
  await expect(page.getByTestId('flash')).toHaveText('已恢复草稿“草稿 2”。');
  expect((await appStorage(page))[`${NS}draft/${id}`]).toBe(raw);
  expect((await draftNames(page)).sort()).toEqual(['草稿 1', '草稿 2']);
});

test('with storage disabled the page still scores, and says that nothing is saved', async ({ context }) => {
  // As in a locked-down browser: touching window.localStorage throws a SecurityError.
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const page = await context.newPage();
  const crashes = await open(page);
  expect(await page.evaluate(() => {
    try {
      return typeof window.localStorage;
    } catch (e) {
      return (e as DOMException).name;
    }
  })).toBe('SecurityError');

  await expect(saveStatus(page)).toHaveText('未保存（存储不可用）');
  await expect(page.getByTestId('storage-banner')).toHaveText(
    '浏览器禁止本页保存数据（如无痕模式），填写内容只在本页内存中，关闭即丢失，请及时导出提交文件。');
  await expect(draftName(page)).toHaveText('本页草稿');

  // Scoring works as usual.
  await unitName(page).fill('神木市某镇');
  await field(page, 'site.signage', 'no_sign').check();
  await field(page, 'site.signage', 'confirm').check();
  await expect(itemScore(page, 'site.signage')).toHaveText('1.0 分');
  await expect(total(page)).toHaveText('1.0');
  await expect(summary(page).getByTestId('assessed')).toHaveText('1/21');
  // … and the page keeps saying it is not saved.
  await expect(saveStatus(page)).toHaveText('未保存（存储不可用）');
  await expect(page.getByTestId('storage-banner')).toBeVisible();
  await page.getByRole('button', { name: '管理草稿' }).click();
  await expect(page.locator('section.panel')).toContainText('浏览器禁止本页保存数据');

  // The file is the way out: exporting still works.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    (async () => {
      await page.getByRole('button', { name: '导出提交文件' }).click();
      await page.getByRole('button', { name: '仍然导出' }).click();
    })(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^星级自评-神木市某镇-\d{4}-1\.0分-未最终确定\.json$/);
  expect(crashes).toEqual([]);
});

test('a save that finds a newer revision in storage stops, even without a storage event', async ({ page }) => {
  await open(page);
  await unitName(page).fill('本页的名称');
  await waitStored(page, (d) => d.file.unit.name === '本页的名称');
  const id = await currentId(page);
  // Another tab saved, but its storage event never reached this page (a write from the page
  // itself fires none): only the revision stored beside the draft can tell.
  const other = JSON.parse(await currentRaw(page));
  other.revision += 1;
  other.file.unit.name = '另一页的名称';
  const otherRaw = JSON.stringify(other);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [`${NS}draft/${id}`, otherRaw]);

  await unitName(page).fill('本页后来的修改');
  await expect(page.getByTestId('conflict')).toBeVisible();
  await expect(saveStatus(page)).toHaveText('已停止保存（冲突）');
  await leaveAndFlush(page);
  expect(await currentRaw(page)).toBe(otherRaw);
  await expect(unitName(page)).toHaveValue('本页后来的修改');

  await page.getByRole('button', { name: '载入另一页保存的版本' }).click();
  await expect(unitName(page)).toHaveValue('另一页的名称');
});

test('a write from another page with the same revision (two saves at once) is a conflict too', async ({ page }) => {
  const second = await twoPages(page, '甲页的名称');
  const id = await currentId(page);
  // Both pages knew the same revision and saved at the same moment: the second page's write
  // carries the same revision number as the first page's, with other content. (Simulated
  // from the second page, so that the first page receives it as a storage event.)
  const mine = JSON.parse(await currentRaw(page));
  const racing = { ...mine, file: { ...mine.file, unit: { ...mine.file.unit, name: '乙页同时保存的名称' } } };
  const racingRaw = JSON.stringify(racing);
  await second.evaluate(([k, v]) => localStorage.setItem(k, v), [`${NS}draft/${id}`, racingRaw]);

  await expect(page.getByTestId('conflict')).toBeVisible();
  await unitName(page).fill('甲页后来的修改');
  await leaveAndFlush(page);
  expect(await currentRaw(page)).toBe(racingRaw);
});

test('a full store: 保存失败, the saved copy stays, and the next edit saves once there is room', async ({ page }) => {
  const crashes = await open(page);
  await unitName(page).fill('神木市某镇');
  await waitStored(page, (d) => d.file.unit.name === '神木市某镇');
  const before = await currentRaw(page);

  // Another app on the same origin fills localStorage to the last byte.
  const fillers = await page.evaluate(() => {
    let chunk = 1 << 20;
    let n = 0;
    while (chunk > 0) {
      try {
        localStorage.setItem(`other-app/filler-${n}`, 'x'.repeat(chunk));
        n += 1;
      } catch {
        chunk = Math.floor(chunk / 2);
      }
    }
    return n;
  });
  expect(fillers).toBeGreaterThan(0);

  await unitName(page).fill('神木市某镇便民服务中心（名称加长以后）');
  await expect(saveStatus(page)).toHaveText('保存失败');
  await expect(page.getByTestId('storage-banner')).toHaveText(
    '浏览器存储空间已满，本次修改未能保存（上次保存的版本仍在），请导出提交文件或删除不用的草稿。');
  expect(await currentRaw(page)).toBe(before);
  await expect(unitName(page)).toHaveValue('神木市某镇便民服务中心（名称加长以后）');
  // While the change is not stored, closing the page asks first; the clerk stays.
  const dialogs = stayOnLeave(page);
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);

  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('other-app/filler-')) localStorage.removeItem(k);
  });
  await field(page, 'site.signage', 'confirm').check();
  await waitStored(page, (d) =>
    d.file.unit.name === '神木市某镇便民服务中心（名称加长以后）' &&
    d.file.answers.items['site.signage']?.status === 'confirmed');
  await expect(saveStatus(page)).toHaveText(/^已保存/);
  await expect(page.getByTestId('storage-banner')).toHaveCount(0);
  // Saved again: the page closes without asking.
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
  expect(dialogs).toEqual(['beforeunload']);
  expect(crashes).toEqual([]);
});

test('an unreadable stored draft is kept aside, reported, and can be downloaded as it was', async ({ page }) => {
  const crashes = await open(page);
  const id = await currentId(page);
  const garbage = '{"format":"xingping-draft","format_version":1,"id":"' + id + '","name":"草稿 1","revision":7,"file":{"unit":{"name":"截断了';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [`${NS}draft/${id}`, garbage]);

  await page.reload();
  await expect(card(page, 'site.signage')).toBeVisible();
  const notice = page.getByTestId('corrupt');
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('发现一份无法读取的草稿，原始内容已原样另存，没有被覆盖。原因：草稿数据已损坏');
  await expect(page.getByTestId('flash')).toContainText('上次打开的草稿无法载入');
  // The page opened a new draft instead; the raw text sits under corrupt/, unchanged.
  const newId = await currentId(page);
  expect(newId).not.toBe(id);
  let stored = await appStorage(page);
  const aside = Object.keys(stored).filter((k) => k.startsWith(`${NS}corrupt/${id}-`));
  expect(aside).toHaveLength(1);
  expect(stored[aside[0]]).toBe(garbage);
  expect(stored[`${NS}draft/${id}`]).toBeUndefined();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    notice.getByRole('button', { name: '下载原始内容' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^星评草稿原始内容-.+\.txt$/);
  expect(readFileSync(await download.path(), 'utf8')).toBe(garbage);

  // Still reported after the next start, until the clerk says it is dealt with.
  await page.reload();
  await expect(page.getByTestId('corrupt')).toHaveCount(1);
  await page.getByTestId('corrupt').getByRole('button', { name: '已处理，删除这份原始内容' }).click();
  await expect(page.getByTestId('corrupt')).toHaveCount(0);
  stored = await appStorage(page);
  expect(Object.keys(stored).filter((k) => k.startsWith(`${NS}corrupt/`))).toEqual([]);
  expect(crashes).toEqual([]);
});

test('renaming with the keyboard: the box takes the focus, Enter saves, Escape cancels, a blank or taken name is refused', async ({ page }) => {
  const crashes = await open(page);
  let panel = await openDrafts(page);
  await panel.getByRole('button', { name: '新建草稿' }).click();
  await expect(draftName(page)).toHaveText('草稿 2');

  panel = await openDrafts(page);
  await panel.getByRole('button', { name: '重命名 草稿 2' }).click();
  const box = panel.getByLabel('新名称');
  await expect(box).toBeFocused();
  // Blank, or the name of another draft: refused beside the box, which stays open.
  await box.fill('  ');
  await box.press('Enter');
  await expect(panel.locator('.field-error')).toHaveText('名称不能为空');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await box.fill('草稿 1');
  await expect(panel.locator('.field-error')).toHaveCount(0);
  await panel.getByRole('button', { name: '保存名称' }).click();
  await expect(panel.locator('.field-error')).toHaveText('已有名为“草稿 1”的草稿，请换一个名称');
  await expect(draftName(page)).toHaveText('草稿 2');
  // Escape leaves the name as it was.
  await box.fill('不要了');
  await box.press('Escape');
  await expect(panel.getByLabel('新名称')).toHaveCount(0);
  await expect(draftName(page)).toHaveText('草稿 2');
  // The keyboard is back on the button that started the rename.
  await expect(panel.getByRole('button', { name: '重命名 草稿 2' })).toBeFocused();
  // Enter saves.
  await panel.getByRole('button', { name: '重命名 草稿 2' }).click();
  await panel.getByLabel('新名称').fill('二号');
  await panel.getByLabel('新名称').press('Enter');
  await expect(draftName(page)).toHaveText('二号');
  await expect(panel.getByRole('button', { name: '重命名 二号' })).toBeFocused();
  await expect.poll(async () => (await draftNames(page)).sort()).toEqual(['二号', '草稿 1']);

  // Copies of one draft get names of their own.
  await panel.getByRole('button', { name: '复制 二号' }).click();
  await expect(draftName(page)).toHaveText('二号（副本）');
  panel = await openDrafts(page);
  await panel.getByRole('button', { name: '复制 二号', exact: true }).click();
  await expect(draftName(page)).toHaveText('二号（副本 2）');
  await expect(page.getByTestId('flash')).toHaveText('已建立草稿“二号（副本 2）”。');
  // Deleting that copy takes its 已建立 message away with it.
  panel = await openDrafts(page);
  await panel.getByRole('button', { name: '删除 二号（副本 2）' }).click();
  await expect(page.getByText('已删除草稿“二号（副本 2）”。')).toBeVisible();
  await expect(page.getByTestId('flash')).toHaveCount(0);
  expect(crashes).toEqual([]);
});

test('the 年度 select shows the year chosen, the last one too, and keeps it across a reload', async ({ page }) => {
  const crashes = await open(page);
  const year = page.locator('#year');
  const options = await year.locator('option').allTextContents();
  const last = options[options.length - 1];
  await year.selectOption({ label: last });
  // The list does not grow under the select (it used to add a year and show that one).
  await expect(year.locator('option')).toHaveText(options);
  await expect(year.locator('option:checked')).toHaveText(last);
  const lastYear = last.replace(' 年', '');
  await expect(year).toHaveValue(lastYear);
  await waitStored(page, (d) => String(d.file.year) === lastYear);
  // The first year, then back to the last, then a reload.
  await year.selectOption({ label: options[0] });
  await expect(year.locator('option:checked')).toHaveText(options[0]);
  await year.selectOption({ label: last });
  await expect(year.locator('option:checked')).toHaveText(last);
  await waitStored(page, (d) => String(d.file.year) === lastYear);
  await page.reload();
  await expect(page.locator('#year option:checked')).toHaveText(last);
  expect(crashes).toEqual([]);
});

test('the drafts list shows each draft as it is now: when it opens, and while it stays open', async ({ page }) => {
  const crashes = await open(page);
  // Opened before any change: 0.0 and no unit.
  let panel = await openDrafts(page);
  const row = panel.locator('tr.open');
  await expect(row).toContainText('（未填写）');
  // Edits while the list is open show up in it once saved.
  await unitName(page).fill('戊镇便民服务中心');
  await field(page, 'site.signage', 'confirm').check();
  await expect(total(page)).toHaveText('3.0');
  await expect(row).toContainText('戊镇便民服务中心');
  await expect(row.locator('td[data-label=总分]')).toHaveText('3.0');
  await expect(row).toContainText('已评 1/21');
  // Closed, edited, opened again: current too.
  await page.getByRole('button', { name: '管理草稿' }).click();
  await expect(page.locator('section.drafts')).toHaveCount(0);
  await field(page, 'site.areas', 'confirm').check();
  await expect(total(page)).toHaveText('3.0');
  await waitStored(page, (d) => d.file.answers.items['site.areas']?.status === 'confirmed');
  panel = await openDrafts(page);
  await expect(panel.locator('tr.open')).toContainText('已评 2/21');
  expect(crashes).toEqual([]);
});

test('panels take the focus when they open, give it back when they close, and close with Escape', async ({ page }) => {
  const crashes = await open(page);
  const manage = page.getByRole('button', { name: '管理草稿' });
  await manage.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#drafts-h')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('section.drafts')).toHaveCount(0);
  await expect(manage).toBeFocused();
  // The export question (items still 未评): 取消 returns to 导出提交文件.
  const exportButton = page.getByRole('button', { name: '导出提交文件' });
  await exportButton.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#export-h')).toBeFocused();
  await page.getByRole('button', { name: '取消' }).click();
  await expect(exportButton).toBeFocused();
  // 新建草稿 from the panel: the panel closes and the focus is back on 管理草稿.
  await manage.click();
  await page.getByRole('button', { name: '新建草稿' }).click();
  await expect(draftName(page)).toHaveText('草稿 2');
  await expect(manage).toBeFocused();
  // Deleting a draft removes the button pressed: the focus goes to the list's heading, and
  // after 撤销删除 (its button goes too) back there.
  const panel = await openDrafts(page);
  await panel.getByRole('button', { name: '删除 草稿 1' }).click();
  await expect(page.locator('#drafts-h')).toBeFocused();
  await page.getByRole('button', { name: '撤销删除' }).click();
  await expect(page.locator('#drafts-h')).toBeFocused();
  await expect(panel.getByRole('button', { name: '打开 草稿 1' })).toBeVisible();
  expect(crashes).toEqual([]);
});

test('another draft opens with a sheet of its own: undo in a box does not replay what was typed in the last draft', async ({ page }) => {
  const crashes = await open(page);
  let panel = await openDrafts(page);
  await panel.getByRole('button', { name: '新建草稿' }).click();
  await expect(draftName(page)).toHaveText('草稿 2');
  // Typed in 草稿 2, then 草稿 1 opened: the browser's undo must have nothing of 草稿 2 to replay.
  const hall = page.locator('#f-site-signage-hall');
  await hall.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('3');
  await expect(saveStatus(page)).toHaveText(/^已保存/);
  panel = await openDrafts(page);
  await panel.getByRole('button', { name: '打开 草稿 1' }).click();
  await expect(draftName(page)).toHaveText('草稿 1');
  await expect(hall).toHaveValue('0');
  await expect(saveStatus(page)).toHaveText('已打开，未修改');
  await page.locator('#f-process-standard-score').focus();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('#f-process-standard-score')).toBeFocused();
  // Nothing changed in 草稿 1 (an undo replayed into its box would be saved at once).
  await expect(saveStatus(page)).toHaveText('已打开，未修改');
  await expect(hall).toHaveValue('0');
  await expect(page.getByTestId('held')).toHaveCount(0);
  expect(crashes).toEqual([]);
});
