// The form's views and ways in: the filters, a section completed with the keyboard alone, the
// 360 px phone layout, and the satisfaction survey entered as questionnaire counts.
import { test, expect, type Page } from '@playwright/test';
import { card, field, fillItem, itemScore, open, summary } from './form';

const visibleItems = (page: Page) => page.locator('article.item:not([hidden])');
const EMPTY = '本部分没有符合筛选条件的项目。';

test('filters: 只看未评 hides confirmed items, 只看失分项 shows only items that lost points', async ({ page }) => {
  await open(page);
  // 标识标志 confirmed at full marks; 窗口设置 confirmed with a loss (10 − 2 = 8);
  // 规范流程 filled but not confirmed (a preview, still 未评).
  await fillItem(page, 'site.signage', { status: 'confirmed' });
  await fillItem(page, 'site.windows', { status: 'confirmed', present: ['综合咨询', '综合受理', '帮办代办'], counts: { nonfunctional: 1 } });
  await fillItem(page, 'process.standard', { status: 'unassessed', decimals: { score: '10' } });
  await expect(itemScore(page, 'site.windows')).toHaveText('8.0 分');
  await expect(itemScore(page, 'process.standard')).toHaveText('未评');
  await expect(visibleItems(page)).toHaveCount(21);

  await page.getByLabel('只看未评').check();
  await expect(card(page, 'site.signage')).toBeHidden();
  await expect(card(page, 'site.windows')).toBeHidden();
  await expect(card(page, 'site.signage')).toHaveAttribute('hidden', /.*/);
  await expect(card(page, 'process.standard')).toBeVisible();
  await expect(card(page, 'site.areas')).toBeVisible();
  await expect(visibleItems(page)).toHaveCount(19);
  await expect(page.getByText(EMPTY)).toHaveCount(0);
  // Confirming an item while the filter is on takes it out of the list.
  await fillItem(page, 'site.areas', { status: 'confirmed', present: ['咨询导服区', '取号区', '自助服务区', '网办区', '休息等候区', '政府信息公开查阅点'] });
  await expect(card(page, 'site.areas')).toBeHidden();
  await expect(visibleItems(page)).toHaveCount(18);
  // The keyboard goes on to the next item shown (设施配备), not back to the top of the page.
  await expect(card(page, 'site.facilities').locator('input').first()).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.locator('body')).not.toBeFocused();

  await page.getByLabel('只看失分项').check();
  await expect(visibleItems(page)).toHaveCount(1);
  await expect(card(page, 'site.windows')).toBeVisible();
  await expect(card(page, 'site.signage')).toBeHidden();
  await expect(card(page, 'site.areas')).toBeHidden();
  await expect(card(page, 'process.standard')).toBeHidden();
  // The four sections with no lost points say so; the 场地建设 section does not.
  await expect(page.locator('section.section .empty', { hasText: EMPTY })).toHaveCount(4);
  await expect(page.locator('#sec-site .empty')).toHaveCount(0);
  await expect(page.locator('#sec-process .empty')).toHaveText(EMPTY);

  // Filters only hide: the totals are the same whatever is shown.
  await expect(summary(page).getByTestId('total')).toHaveText('14.0');

  await page.getByLabel('全部项目').check();
  await expect(visibleItems(page)).toHaveCount(21);
  await expect(page.getByText(EMPTY)).toHaveCount(0);
});

/** Presses Tab until `selector` has the focus; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 120) {
  const target = page.locator(selector);
  for (let i = 0; i <= max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('presses that come faster than the page redraws all count (key repeat, double clicks)', async ({ page }) => {
  await open(page);
  // Three ArrowUp and two clicks on + within one task: each step starts from the count the
  // previous one stored, not from the one on screen when the page last drew.
  await page.evaluate(() => {
    const input = document.getElementById('f-site-signage-hall')!;
    for (let i = 0; i < 3; i++) {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true, cancelable: true }));
    }
    const plus = input.parentElement!.querySelector<HTMLButtonElement>('button[aria-label$="加一"]')!;
    plus.click();
    plus.click();
  });
  await expect(field(page, 'site.signage', 'hall')).toHaveValue('5');
  await page.evaluate(() => {
    const minus = document.getElementById('f-site-signage-hall')!.parentElement!.querySelector<HTMLButtonElement>('button[aria-label$="减一"]')!;
    for (let i = 0; i < 7; i++) minus.click();
  });
  // Never below zero.
  await expect(field(page, 'site.signage', 'hall')).toHaveValue('0');
});

test('场地建设 completed with the keyboard alone', async ({ page }) => {
  await open(page);
  const kb = page.keyboard;

  // 标识标志: two hall issues with ArrowUp (3 − 0.2 × 2 = 2.6), then 确认本项 with Space.
  await tabTo(page, '#f-site-signage-hall');
  await kb.press('ArrowUp');
  await kb.press('ArrowUp');
  await expect(field(page, 'site.signage', 'hall')).toHaveValue('2');
  // The focused field shows the focus ring.
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
  await kb.press('ArrowDown');
  await kb.press('ArrowUp');
  await tabTo(page, '#f-site-signage-confirm');
  await kb.press('Space');
  await expect(itemScore(page, 'site.signage')).toHaveText('2.6 分');

  // 窗口设置: all three windows ticked, one not functional, typed (10 − 2 = 8).
  for (const i of [0, 1, 2]) {
    await tabTo(page, `#f-site-windows-present-${i}`);
    await kb.press('Space');
  }
  await tabTo(page, '#f-site-windows-nonfunctional');
  await kb.press('ControlOrMeta+A');
  await kb.type('1');
  await tabTo(page, '#f-site-windows-confirm');
  await kb.press('Space');
  await expect(itemScore(page, 'site.windows')).toHaveText('8.0 分');

  // 功能分布: five of the six areas (3 − 0.5 = 2.5).
  for (const i of [0, 1, 2, 3, 4]) {
    await tabTo(page, `#f-site-areas-present-${i}`);
    await kb.press('Space');
  }
  await tabTo(page, '#f-site-areas-confirm');
  await kb.press('Space');
  await expect(itemScore(page, 'site.areas')).toHaveText('2.5 分');

  // 设施配备: all six facilities (4), with a note typed on the way.
  for (const i of [0, 1, 2, 3, 4, 5]) {
    await tabTo(page, `#f-site-facilities-present-${i}`);
    await kb.press('Space');
  }
  await tabTo(page, '#f-site-facilities-note');
  await kb.type('轮椅两台，老花镜三副。');
  await tabTo(page, '#f-site-facilities-confirm');
  await kb.press('Space');
  await expect(itemScore(page, 'site.facilities')).toHaveText('4.0 分');

  // 2.6 + 8.0 + 2.5 + 4.0 = 17.1, four items confirmed.
  await expect(page.getByTestId('subtotal-site')).toHaveText('17.1 / 20 分');
  await expect(summary(page).getByTestId('total')).toHaveText('17.1');
  await expect(summary(page).getByTestId('assessed')).toHaveText('4/21');
  for (const id of ['site.signage', 'site.windows', 'site.areas', 'site.facilities']) {
    await expect(field(page, id, 'confirm'), id).toBeChecked();
    await expect(card(page, id), id).toHaveClass(/\bassessed\b/);
  }
  await expect(field(page, 'site.facilities', 'note')).toHaveValue('轮椅两台，老花镜三副。');
});

test.describe('at 360 × 740', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  /** Form controls that stick out of the viewport sideways. */
  const overflowing = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea, button, label, .item-score, .badge')]
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.left < -0.5 || r.right > window.innerWidth + 0.5))
        .map(({ el, r }) => `${el.tagName}#${el.id || el.textContent?.slice(0, 12)} ${Math.round(r.left)}–${Math.round(r.right)}`),
    );

  test('the summary is a bottom bar, nothing scrolls sideways, inputs work', async ({ page }) => {
    await open(page);
    const bar = summary(page);
    await expect(bar).toBeVisible();
    await expect(bar).toHaveCSS('position', 'fixed');
    const box = (await bar.boundingBox())!;
    expect(Math.abs(box.y + box.height - 740)).toBeLessThan(1.5);
    expect(box.width).toBeLessThanOrEqual(360);
    expect(box.height).toBeLessThan(740 / 3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await overflowing(page)).toEqual([]);
    // The three tabs share one row, each whole on screen.
    const tabs = await Promise.all((await page.locator('.tabs .tab').all()).map(async (t) => (await t.boundingBox())!));
    expect(tabs).toHaveLength(3);
    expect(new Set(tabs.map((t) => Math.round(t.y))).size).toBe(1);
    expect(tabs[2].x + tabs[2].width).toBeLessThanOrEqual(360);

    // Typing and ticking work, and the bar follows.
    await field(page, 'site.signage', 'hall').fill('2');
    await field(page, 'site.signage', 'confirm').check();
    await expect(itemScore(page, 'site.signage')).toHaveText('2.6 分');
    await expect(bar.getByTestId('total')).toHaveText('2.6');
    await expect(bar.getByTestId('total')).toBeInViewport();

    // The last controls on the page can be reached above the bar.
    await page.locator('#veto-accident-no').check();
    await fillItem(page, 'satisfaction.innovation', { status: 'confirmed', decimals: { score: '8' } });
    await expect(bar.getByTestId('total')).toHaveText('10.6');
    const barTop = (await bar.boundingBox())!.y;
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const veto = (await page.locator('#veto-accident-yes').boundingBox())!;
    expect(veto.y + veto.height, 'the last veto radio ends above the bar').toBeLessThanOrEqual(barTop);

    // Under a veto the bar grows a banner; the page still fits the width.
    await page.locator('#veto-accident-yes').check();
    await expect(bar.locator('.veto-banner')).toBeVisible();
    await expect(bar.locator('.veto-banner')).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect((await bar.boundingBox())!.height).toBeLessThan(740 / 2);
  });
});

test('the survey entered as questionnaire counts: 395 of 400 is 98.75% and 4.8 分', async ({ page }) => {
  await open(page);
  const survey = 'satisfaction.survey';
  await expect(field(page, survey, 'mode-rate')).toBeChecked();
  await field(page, survey, 'mode-counts').check();
  await expect(field(page, survey, 'rate')).toHaveCount(0);
  await field(page, survey, 'satisfied').fill('395');
  await field(page, survey, 'valid').fill('400');
  await expect(card(page, survey).getByTestId('survey-rate')).toHaveText('满意率：98.75%');
  await field(page, survey, 'confirm').check();
  // A 1.25% drop is 12 whole 0.1% steps: 6 − 1.2 = 4.8.
  await expect(itemScore(page, survey)).toHaveText('4.8 分');
  await expect(card(page, survey).getByTestId('explanation')).toHaveText(
    '6 − 0.1 × 12（满意 395/400 份 = 98.75%，较 100% 降 1.25%，计 12 个 0.1%）= 4.8',
  );
  await expect(summary(page).getByTestId('total')).toHaveText('4.8');
  await expect(page.getByTestId('subtotal-satisfaction')).toHaveText('4.8 / 25 分');

  // Only whole steps count: 399/400 is a 0.25% drop, 2 steps, 5.8.
  await field(page, survey, 'satisfied').fill('399');
  await expect(card(page, survey).getByTestId('survey-rate')).toHaveText('满意率：99.75%');
  await expect(itemScore(page, survey)).toHaveText('5.8 分');
  // More satisfied than valid questionnaires is refused, and the score stays.
  await field(page, survey, 'satisfied').fill('401');
  await expect(card(page, survey).locator('.field-error')).toHaveText('满意份数不能大于有效问卷份数');
  await expect(itemScore(page, survey)).toHaveText('5.8 分');
  await expect(summary(page).getByTestId('total')).toHaveText('5.8');
});

// The summary is a sticky bar (at the top on a desktop, at the bottom on a phone, taller with
// the veto banner): a control reached with Tab or Shift+Tab is never left under it.
for (const [width, height] of [[1280, 720], [360, 640]]) {
  test(`keyboard focus is never hidden under the summary bar at ${width} px`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height });
    await open(page);
    const hiddenStops = async () => {
      const hidden: string[] = [];
      for (let i = 0; i < 90; i++) {
        await page.keyboard.press(i % 4 === 3 ? 'Shift+Tab' : 'Tab');
        const r = await page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          if (!a || a === document.body || a.closest('section.summary')) return null;
          const bar = document.querySelector('section.summary')!.getBoundingClientRect();
          const box = a.getBoundingClientRect();
          const overlap = Math.max(0, Math.min(box.bottom, bar.bottom) - Math.max(box.top, bar.top));
          return { id: a.id || a.tagName, covered: overlap > box.height / 2 };
        });
        if (r?.covered) hidden.push(r.id);
      }
      return hidden;
    };
    expect(await hiddenStops()).toEqual([]);
    // With a veto the bar grows by its banner.
    await page.locator('#sec-veto input[type=radio][id$=yes]').first().check();
    await expect(summary(page)).toHaveClass(/is-vetoed/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('#unit-name').focus();
    expect(await hiddenStops()).toEqual([]);
  });
}

test('the tabs follow the keyboard: one stop in the Tab order, arrows, Home and End move between them', async ({ page }) => {
  await open(page);
  const tab = (name: string) => page.getByRole('tab', { name, exact: true });
  const form = tab('自评打分（附件2）');
  const decl = tab('申报表（附件1）');
  const print = tab('打印预览');
  await form.focus();
  await expect(form).toHaveAttribute('tabindex', '0');
  await expect(decl).toHaveAttribute('tabindex', '-1');
  await expect(page.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', 'tab-form');

  for (const [key, now] of [
    ['ArrowRight', decl],
    ['ArrowRight', print],
    ['ArrowRight', form],
    ['ArrowLeft', print],
    ['Home', form],
    ['End', print],
  ] as const) {
    await page.keyboard.press(key);
    await expect(now).toBeFocused();
    await expect(now).toHaveAttribute('aria-selected', 'true');
    await expect(now).toHaveAttribute('tabindex', '0');
  }
  await expect(page.getByRole('tabpanel')).toHaveAttribute('id', 'panel-print');
  await expect(page.getByRole('button', { name: '打印', exact: true })).toBeVisible();
  // Tab leaves the tab list for the panel; Shift+Tab comes back to the current tab.
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('#decl-name')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(decl).not.toBeFocused();
  await expect(form).not.toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(decl).toBeFocused();
});

test('controls that read the same on every item are told apart by the item name for screen readers', async ({ page }) => {
  await open(page);
  const names = async (role: 'checkbox' | 'textbox', pattern: RegExp) =>
    page.getByRole(role, { name: pattern }).evaluateAll((els) =>
      els.map((e) => (e as HTMLElement).labels?.[0]?.textContent ?? ''),
    );
  const confirms = await names('checkbox', /^确认本项/);
  expect(confirms).toHaveLength(21);
  expect(new Set(confirms).size).toBe(21);
  expect(confirms[0]).toBe('确认本项（核实后勾选，未确认的项目按 0 分计）：标识标志');
  const notes = await names('textbox', /^整改说明/);
  expect(new Set(notes).size).toBe(21);
  await expect(page.getByRole('textbox', { name: /^得分\s*：规范流程/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: '标识标志 3 分' })).toBeVisible();
});
