// Bad values: each shows its Chinese message under its field, marks the field aria-invalid,
// and leaves the item score, the total and the level exactly as they were; fixing the value
// clears the message and the total follows.
import { test, expect, type Page, type Locator } from '@playwright/test';
import { card, errorOf, expectUnchanged, field, fillAll, fillItem, fullMarks, itemScore, open, snapshot, summary } from './form';
import { stayOnLeave } from './drafts';

async function expectError(page: Page, input: Locator, message: string) {
  const error = errorOf(page, input);
  await expect(error).toHaveText(message);
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  // The message is tied to the field for screen readers.
  const errorId = await error.getAttribute('id');
  await expect(input).toHaveAttribute('aria-describedby', errorId!);
}

async function expectNoError(page: Page, input: Locator) {
  await expect(errorOf(page, input)).toHaveCount(0);
  await expect(input).toHaveAttribute('aria-invalid', 'false');
}

test('letters in a count: 请输入数字, nothing changes until it is a number', async ({ page }) => {
  await open(page);
  // 标识标志 with one hall issue: 3 − 0.2 = 2.8; 窗口设置 full: 10. Total 12.8.
  await fillItem(page, 'site.signage', { status: 'confirmed', counts: { hall: 1 } });
  await fillItem(page, 'site.windows', { status: 'confirmed', present: ['综合咨询', '综合受理', '帮办代办'] });
  await expect(summary(page).getByTestId('total')).toHaveText('12.8');
  const before = await snapshot(page, 'site.signage');
  expect(before).toEqual({ item: '2.8 分', total: '12.8', level: '预测：不予评定' });

  const hall = field(page, 'site.signage', 'hall');
  await hall.fill('abc');
  await expectError(page, hall, '请输入数字');
  await expect(hall).toHaveValue('abc');
  await expectUnchanged(page, 'site.signage', before);
  await expect(page.getByTestId('subtotal-site')).toHaveText('12.8 / 20 分');
  await expect(card(page, 'site.signage').locator('.unsaved')).toBeVisible();

  await hall.fill('2');
  await expectNoError(page, hall);
  await expect(itemScore(page, 'site.signage')).toHaveText('2.6 分');
  await expect(summary(page).getByTestId('total')).toHaveText('12.6');
});

test('more non-functional windows than windows ticked: 不能超过 3', async ({ page }) => {
  await open(page);
  await fillItem(page, 'site.windows', { status: 'confirmed', present: ['综合咨询', '综合受理', '帮办代办'] });
  const before = await snapshot(page, 'site.windows');
  expect(before).toEqual({ item: '10.0 分', total: '10.0', level: '预测：不予评定' });

  const nonfunctional = field(page, 'site.windows', 'nonfunctional');
  await nonfunctional.fill('4');
  await expectError(page, nonfunctional, '不能超过 3（已设置的窗口共 3 个）');
  await expectUnchanged(page, 'site.windows', before);
  // The pending edit is flagged as not counted.
  await expect(card(page, 'site.windows').locator('.unsaved')).toHaveText('有未通过检查的修改（尚未保存），本项仍按上次有效的答案计分。');

  // Unticking a window lowers the bound with it: 1 of 2 is fine, 3 of 2 is not.
  await nonfunctional.fill('1');
  await expectNoError(page, nonfunctional);
  await expect(itemScore(page, 'site.windows')).toHaveText('8.0 分');
  await expect(summary(page).getByTestId('total')).toHaveText('8.0');
  // 3 of 3 is allowed: 10 − 2 × 3 = 4.
  await nonfunctional.fill('3');
  await expectNoError(page, nonfunctional);
  await expect(card(page, 'site.windows').locator('.unsaved')).toHaveCount(0);
  await expect(itemScore(page, 'site.windows')).toHaveText('4.0 分');
  await card(page, 'site.windows').getByLabel('帮办代办', { exact: true }).uncheck();
  await expectError(page, nonfunctional, '不能超过 2（已设置的窗口共 2 个）');
  await expect(itemScore(page, 'site.windows')).toHaveText('4.0 分');
  await nonfunctional.fill('2');
  await expectNoError(page, nonfunctional);
  // 10 − 1 (missing 帮办代办) − 2 × 2 = 5.
  await expect(itemScore(page, 'site.windows')).toHaveText('5.0 分');
  await expect(summary(page).getByTestId('total')).toHaveText('5.0');
});

test('a satisfaction rate of 100.5: 须在 0 到 100 之间', async ({ page }) => {
  await open(page);
  // 99.5%: a 0.5% drop, 5 steps → 6 − 0.5 = 5.5.
  await fillItem(page, 'satisfaction.survey', { status: 'confirmed', decimals: { rate: '99.5' } });
  const before = await snapshot(page, 'satisfaction.survey');
  expect(before).toEqual({ item: '5.5 分', total: '5.5', level: '预测：不予评定' });

  const rate = field(page, 'satisfaction.survey', 'rate');
  await rate.fill('100.5');
  await expectError(page, rate, '须在 0 到 100 之间');
  await expectUnchanged(page, 'satisfaction.survey', before);
  await expect(page.getByTestId('subtotal-satisfaction')).toHaveText('5.5 / 25 分');

  // Three decimals are refused too.
  await rate.fill('99.955');
  await expectError(page, rate, '最多 2 位小数');
  await expectUnchanged(page, 'satisfaction.survey', before);

  await rate.fill('99.9');
  await expectNoError(page, rate);
  await expect(itemScore(page, 'satisfaction.survey')).toHaveText('5.9 分');
  await expect(summary(page).getByTestId('total')).toHaveText('5.9');
});

test('a discretionary score below full marks without a reason: 请填写理由', async ({ page }) => {
  await open(page);
  await fillItem(page, 'process.standard', { status: 'confirmed', decimals: { score: '10' } });
  const before = await snapshot(page, 'process.standard');
  expect(before).toEqual({ item: '10.0 分', total: '10.0', level: '预测：不予评定' });

  const score = field(page, 'process.standard', 'score');
  const reason = field(page, 'process.standard', 'reason');
  await score.fill('9.5');
  await expectError(page, reason, '请填写理由（低于满分或有扣分时必填）');
  // The score itself is a fine number; only the missing reason is at fault.
  await expectNoError(page, score);
  await expectUnchanged(page, 'process.standard', before);
  await expect(page.getByTestId('subtotal-process')).toHaveText('10.0 / 10 分');

  // A score off the 0.1 grid is its own error, and a reason does not cure it.
  await score.fill('9.55');
  await expectError(page, score, '须为 0.1 的整数倍');
  await expectUnchanged(page, 'process.standard', before);
  await reason.fill('一次性告知记录不全。');
  await expectError(page, score, '须为 0.1 的整数倍');
  await expectNoError(page, reason);
  await expectUnchanged(page, 'process.standard', before);

  await score.fill('9.5');
  await expectNoError(page, score);
  await expectNoError(page, reason);
  await expect(itemScore(page, 'process.standard')).toHaveText('9.5 分');
  await expect(summary(page).getByTestId('total')).toHaveText('9.5');
  await expect(card(page, 'process.standard').getByTestId('explanation')).toHaveText('赋分 9.5，低于满分 0.5 分');
});

test('an item cannot be confirmed while a field holds text that is not a number', async ({ page }) => {
  await open(page);
  const hall = field(page, 'site.signage', 'hall');
  await hall.fill('abc');
  await expectError(page, hall, '请输入数字');
  // Ticking 确认本项 now must not count the item at 3.0 while its field says 'abc'.
  await field(page, 'site.signage', 'confirm').check();
  await expect(card(page, 'site.signage').locator('.unsaved')).toHaveText('有未通过检查的修改（尚未保存），本项仍按上次有效的答案计分。');
  await expect(itemScore(page, 'site.signage')).toHaveText('未评');
  await expect(summary(page).getByTestId('total')).toHaveText('0.0');
  await expect(summary(page).getByTestId('assessed')).toHaveText('0/21');

  // Once the number is fixed, the confirmation and the value count together: 3 − 0.2 = 2.8.
  await hall.fill('1');
  await expectNoError(page, hall);
  await expect(card(page, 'site.signage').locator('.unsaved')).toHaveCount(0);
  await expect(itemScore(page, 'site.signage')).toHaveText('2.8 分');
  await expect(summary(page).getByTestId('total')).toHaveText('2.8');
  await expect(summary(page).getByTestId('assessed')).toHaveText('1/21');
});

test('edits that failed their checks are said to be unsaved, and closing the page asks first', async ({ page }) => {
  await open(page);
  const held = page.getByTestId('held');
  await expect(held).toHaveCount(0);
  // A score below full marks with no reason yet, and letters in a count: two items held back.
  const score = field(page, 'process.standard', 'score');
  await score.fill('8');
  await expect(held).toHaveText('1 项有未通过检查的修改，尚未保存');
  await field(page, 'site.signage', 'hall').fill('abc');
  await expect(held).toHaveText('2 项有未通过检查的修改，尚未保存');
  // The draft itself still saves what passed.
  await expect(page.getByTestId('save-status')).not.toHaveText('保存中…');
  // Exporting now says those edits are not in the file.
  await page.getByRole('button', { name: '导出提交文件' }).click();
  await expect(page.getByTestId('export-held')).toHaveText('有 2 项修改未通过检查，不会写入文件：文件中是这些项目上次有效的答案。');
  await page.getByRole('button', { name: '取消' }).click();

  // Closing (or reloading) the page now asks first; staying keeps everything typed.
  const dialogs = stayOnLeave(page);
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);
  await expect(score).toHaveValue('8');

  // Fixed, nothing is held: the page closes without asking.
  await field(page, 'process.standard', 'reason').fill('流程图未及时更新。');
  await field(page, 'site.signage', 'hall').fill('1');
  await expect(held).toHaveCount(0);
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
  expect(dialogs).toEqual(['beforeunload']);
});

test('a "其他" name already listed or added is refused at 添加, next to the box', async ({ page }) => {
  await open(page);
  const c = card(page, 'items.utilities');
  const box = field(page, 'items.utilities', 'other-new');
  await c.getByLabel('供水', { exact: true }).check();
  await box.fill('有线电视');
  await box.press('Enter');
  await expect(c.locator('.other-list li')).toHaveText(['有线电视删除']);
  // On the sheet's own list (with a stray space), or added before: not added, and why.
  for (const [typed, shown] of [['供 水', '供 水'], ['有线电视', '有线电视']]) {
    await box.fill(typed);
    await c.getByRole('button', { name: '添加', exact: true }).click();
    await expectError(page, box, `未添加：“${shown}”与已列出的名称重复`);
    await expect(box).toHaveValue(typed);
    await expect(c.locator('.other-list li')).toHaveCount(1);
  }
  // The item itself has nothing wrong: it is not held back.
  await expect(c.locator('.unsaved')).toHaveCount(0);
  // Typing again clears the message; a new name is added.
  await box.fill('燃气');
  await expectNoError(page, box);
  await box.press('Enter');
  await expect(c.locator('.other-list li')).toHaveText(['有线电视删除', '燃气删除']);
  await expect(box).toHaveValue('');
  // A refusal goes with the next edit of the item, whatever it is.
  await box.fill('燃气');
  await box.press('Enter');
  await expectError(page, box, '未添加：“燃气”与已列出的名称重复');
  await c.getByRole('button', { name: '删除 有线电视' }).click();
  await expectNoError(page, box);

  // On a phone, a long unbroken name wraps inside the card instead of widening the page.
  await page.setViewportSize({ width: 360, height: 740 });
  await box.fill('https://www.shenmu.gov.cn/zwfw/bianmin/index.html');
  await box.press('Enter');
  await expect(c.locator('.other-list li')).toHaveCount(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('a wrong honour is shown on its own row, beside the part that is wrong', async ({ page }) => {
  await open(page);
  const id = 'satisfaction.innovation';
  const c = card(page, id);
  await field(page, id, 'score').fill('6');
  for (const i of [0, 1]) {
    await c.getByRole('button', { name: '添加一条荣誉' }).click();
    await field(page, id, `honour-${i}-date`).fill(`2025-0${i + 3}-01`);
    await field(page, id, `honour-${i}-source`).fill('神木市人民政府');
  }
  await expect(c.locator('.field-error')).toHaveCount(0);
  // The first row loses its 授予或刊登单位: only that field of that row is marked.
  const source0 = field(page, id, 'honour-0-source');
  await source0.fill('');
  await expectError(page, source0, '请填写授予或刊登单位');
  await expect(field(page, id, 'honour-0-date')).toHaveAttribute('aria-invalid', 'false');
  await expect(field(page, id, 'honour-1-source')).toHaveAttribute('aria-invalid', 'false');
  await expect(c.locator('.field-error')).toHaveCount(1);
  await expect(c.locator('fieldset.honours')).not.toHaveClass(/invalid/);
  // The item is held back until it is fixed.
  await expect(c.locator('.unsaved')).toBeVisible();
  await source0.fill('榆林日报');
  await expectNoError(page, source0);
  await expect(c.locator('.unsaved')).toHaveCount(0);
  // 删除 takes its row away: the keyboard goes on from 添加一条荣誉.
  await c.getByRole('button', { name: '删除第 2 条荣誉' }).click();
  await expect(c.locator('li.honour')).toHaveCount(1);
  await expect(c.getByRole('button', { name: '添加一条荣誉' })).toBeFocused();
});

test('a finished sheet with an edit held back still asks before exporting, and says only that', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  await fillAll(page, fullMarks());
  await expect(summary(page).getByTestId('total')).toHaveText('100.0');
  await field(page, 'process.standard', 'score').fill('8');
  await expect(page.getByTestId('held')).toHaveText('1 项有未通过检查的修改，尚未保存');
  await page.getByRole('button', { name: '导出提交文件' }).click();
  const question = page.locator('section.export');
  await expect(question.getByTestId('export-held')).toHaveText('有 1 项修改未通过检查，不会写入文件：文件中是这些项目上次有效的答案。');
  await expect(question).not.toContainText('尚未最终确定');
});

test('a message that appears above a control leaves the keyboard in it: Space twice on 确认本项', async ({ page }) => {
  await open(page);
  // 规范流程 has no 得分 yet: ticking 确认本项 is refused, and the card's 有未通过检查的修改
  // notice appears above the box. The box keeps the keyboard, so the second Space unticks it.
  const confirm = field(page, 'process.standard', 'confirm');
  await confirm.focus();
  await page.keyboard.press('Space');
  await expect(card(page, 'process.standard').locator('.unsaved')).toBeVisible();
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Space');
  await expect(confirm).not.toBeChecked();
  await expect(card(page, 'process.standard').locator('.unsaved')).toHaveCount(0);
});
