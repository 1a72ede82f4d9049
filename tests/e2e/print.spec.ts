// The official pages as they print: a realistic township scored and declared, then 打印预览
// printed by Chromium to a PDF (print media, the page's own `@page` A4 rules) and read back
// with poppler: page size and count, the text on each page against the figures on screen,
// the stamp rows left blank, no on-screen controls, page numbers, and nothing past the
// margins (in the DOM at A4 width, in the PDF's word boxes and in the rasterised pages).
//
// Expected pages: 附件1 on 1 page, or 2 when 自评情况 is long (the one drafted from this
// sheet's 13 deductions is about 1,400 characters; the form says 可另附页), 附件2 on 3–4
// pages (21 items, the veto rows and the total in 9 pt), then the optional 附页 of notes on
// 1 page: 6 pages here, 1 + 3 with a short 自评情况 and no 附页.
//
// Screenshots for people to look at go to docs/screenshots/ with XP_SCREENSHOTS=1 (as in
// screenshots.spec.ts), otherwise under the test's output directory.
import { test, expect, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fillAll, ITEM_IDS, itemScore, open, REPO, summary } from './form';
import { decl, fillDeclaration, openTab, townshipWithNotes, UNIT } from './declaration';
import { darkPixels, MM, pdfInfo, pdfText, pdfToPngs, pdfWords, readPng, type Word } from './pdf';

/** The `@page` margins in styles/app.css: 15 mm top, 12 mm left and right, 16 mm bottom. */
const MARGIN = { top: 15 * MM, side: 12 * MM, bottom: 16 * MM };
/** A4 in points, and the width left between the side margins in CSS pixels (186 mm). */
const A4 = { width: 595.28, height: 841.89 };
const CONTENT_PX = Math.floor((186 / 25.4) * 96);

/** Texts that belong to the page around the official pages, never to paper. */
const SCREEN_ONLY = [
  '自评打分（附件2）', '申报表（附件1）', '打印预览', '导出提交文件', '导入文件', '管理草稿', '草稿：',
  '打印附页', '请在打印对话框', '最高可达', '距五星还差', '已保存', '满分 100 分', '神政办发',
];

/** `text` without any white space. */
const flat = (text: string) => text.replace(/\s+/g, '');

function shotDir(info: { outputPath: (...p: string[]) => string }) {
  const dir = process.env.XP_SCREENSHOTS === '1' ? path.join(REPO, 'docs/screenshots') : info.outputPath();
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function printPdf(page: Page, file: string) {
  writeFileSync(file, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
}

test('打印预览 prints 附件1, 附件2 and the 附页 on A4 with the figures on screen', async ({ page }, info) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const crashes = await open(page);
  let drafted = '';

  await test.step('score a realistic sheet and fill 附件1', async () => {
    await fillAll(page, townshipWithNotes());
    await expect(summary(page).getByTestId('total')).toHaveText('88.7');
    await expect(summary(page).getByTestId('level')).toHaveText('四星');
    await fillDeclaration(page);
    await page.getByRole('button', { name: '根据评分生成自评情况' }).click();
    await expect(decl(page).self).toHaveValue(/^对照《/);
    drafted = await decl(page).self.inputValue();
  });

  // The item scores as the form shows them ("2.8 分" → "2.8").
  const onScreen: string[] = [];
  for (const id of ITEM_IDS) onScreen.push((await itemScore(page, id).textContent())!.replace(/ 分$/, ''));
  expect(onScreen.filter((s) => /^\d+\.\d$/.test(s))).toHaveLength(21);

  await test.step('the preview shows the same figures as the form', async () => {
    await openTab(page, '打印预览');
    const view = page.getByTestId('print-view');
    await expect(view).toBeVisible();
    await expect(view.getByTestId('print-name')).toHaveText(UNIT.name);
    await expect(view.getByTestId('print-unit')).toHaveText(UNIT.name);
    await expect(view.getByTestId('print-total')).toHaveText('88.7');
    await expect(view.getByTestId('print-sum')).toHaveText('88.7');
    for (const [i, id] of ITEM_IDS.entries()) {
      await expect(view.getByTestId(`print-row-${id}`).getByTestId('print-score'), id).toHaveText(onScreen[i]);
    }
    await expect(page.getByRole('button', { name: '打印', exact: true })).toBeVisible();
    await expect(page.getByLabel('打印附页（整改说明与佐证材料）')).toBeChecked();
    await expect(view.locator('.sheet-page')).toHaveCount(3);

    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    const file = path.join(shotDir(info), 'print-preview-1280.png');
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
    await info.attach('print-preview-1280.png', { path: file, contentType: 'image/png' });
  });

  // Where the 自评打分 column lies across the table, to find its words in the PDF.
  let scoreColumn = { left: 0, right: 0 };

  await test.step('at A4 width in print media nothing is wider than its box', async () => {
    await page.setViewportSize({ width: CONTENT_PX, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    // Only the official pages are laid out.
    await expect(page.locator('.toolbar')).toBeHidden();
    await expect(page.locator('.tabs')).toBeHidden();
    await expect(page.locator('.print-controls')).toBeHidden();
    await expect(summary(page)).toBeHidden();
    await expect(page.getByTestId('print-view')).toBeVisible();

    const found = await page.evaluate((width) => {
      const view = document.querySelector('.print-view')!;
      const box = view.getBoundingClientRect();
      const overflowing = [...view.querySelectorAll('*')]
        .filter((e) => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${e.scrollWidth} > ${e.clientWidth}: ${e.textContent?.slice(0, 30)}`);
      const tables = [...view.querySelectorAll('table')].map((t) => {
        const r = t.getBoundingClientRect();
        return { table: t.className, left: r.left, right: r.right, scroll: t.scrollWidth };
      });
      const th = [...document.querySelectorAll('.score-table thead th')].find((e) => e.textContent === '自评打分')!;
      const t = th.closest('table')!.getBoundingClientRect();
      const c = th.getBoundingClientRect();
      return {
        view: { left: box.left, right: box.right },
        page: document.documentElement.scrollWidth,
        width,
        overflowing,
        tables,
        column: { left: (c.left - t.left) / t.width, right: (c.right - t.left) / t.width },
      };
    }, CONTENT_PX);
    expect(found.overflowing).toEqual([]);
    expect(found.page).toBeLessThanOrEqual(CONTENT_PX);
    expect(found.view.right).toBeLessThanOrEqual(CONTENT_PX + 1);
    expect(found.tables.map((t) => t.table)).toEqual(['form-table', 'score-table', 'notes-table']);
    for (const t of found.tables) {
      expect(t.left, t.table).toBeGreaterThanOrEqual(found.view.left - 1);
      expect(t.right, t.table).toBeLessThanOrEqual(found.view.right + 1);
      expect(t.scroll, t.table).toBeLessThanOrEqual(CONTENT_PX + 1);
    }
    scoreColumn = found.column;
    expect(scoreColumn.right - scoreColumn.left).toBeGreaterThan(0.04);

    // Back to no emulation: page.pdf() prints with print media unless screen is emulated.
    await page.emulateMedia({ media: null });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  const pdf = info.outputPath('xingping.pdf');
  let pages = 0;
  let annex1 = 0;
  let annex2 = 0;
  const texts: string[] = [];

  await test.step('the PDF is A4 portrait: 附件1 on 2 pages (long 自评情况), 附件2 on 3–4, the 附页 last', async () => {
    await printPdf(page, pdf);
    await info.attach('xingping.pdf', { path: pdf, contentType: 'application/pdf' });
    const meta = pdfInfo(pdf);
    pages = meta.pages;
    expect(meta.sizes).toHaveLength(pages);
    for (const s of meta.sizes) {
      expect(s.width).toBeCloseTo(A4.width, 0);
      expect(s.height).toBeCloseTo(A4.height, 0);
    }
    for (let p = 1; p <= pages; p++) texts.push(pdfText(pdf, p));
    // Every page has something on it besides its number.
    for (const [i, t] of texts.entries()) {
      expect(t.replace(/第\s*\d+\s*页\s*共\s*\d+\s*页/, '').trim().length, `page ${i + 1}`).toBeGreaterThan(20);
    }
    expect(texts[0]).toMatch(/^\s*附件1\s+神木市星级政务服务机构评定申报表/);
    // The drafted 自评情况 of 13 deductions (about 1,400 characters) does not fit page 1's box:
    // it continues on page 2, followed by the two opinion rows.
    annex1 = texts.findIndex((t) => t.includes('办公室意见')) + 1;
    expect(annex1, '附件1 pages').toBe(2);
    expect(texts[0]).toContain('1. 标识标志（3 分）');
    expect(texts[0].length, 'page 1 is full').toBeGreaterThan(1000);
    expect(texts.slice(0, annex1).join('')).not.toContain('附件2');
    expect(texts[annex1]).toMatch(/^\s*附件2/);
    annex2 = texts.findIndex((t) => t.includes('自评得分合计')) + 1 - annex1;
    expect(annex2, '附件2 pages').toBeGreaterThanOrEqual(3);
    expect(annex2, '附件2 pages').toBeLessThanOrEqual(4);
    // The 附页 starts on its own page after 附件2, and is the last.
    expect(texts[annex1 + annex2]).toMatch(/^\s*附页\s+整改说明与佐证材料/);
    expect(pages).toBe(annex1 + annex2 + 1);
    info.annotations.push({ type: 'pages', description: `${pages} pages: 附件1 ${annex1}, 附件2 ${annex2}, 附页 1` });
  });

  await test.step('the text: the unit, the figures on screen, the blank stamp rows, page numbers, no controls', async () => {
    const all = texts.join('\n');
    expect(texts[0]).toContain(UNIT.name);
    expect(texts[0]).toContain(UNIT.address);
    expect(texts[0]).toContain(UNIT.phone);
    // 自评情况 printed whole across its two pages, in reading order (lines wrap anywhere in
    // Chinese: compare without white space; the page number sits between the pages).
    const reading = Array.from({ length: annex1 }, (_, i) => pdfText(pdf, i + 1, false))
      .join('')
      .replace(/第\s*\d+\s*页\s*共\s*\d+\s*页/g, '');
    expect(flat(reading)).toContain(flat(drafted));
    expect(flat(reading)).toContain('自评得分88.7分，自评等级：四星。');
    expect(texts[annex1]).toContain(UNIT.name);
    expect(texts[annex1]).toMatch(/自评得分：\s*88\.7\s*分/);
    expect(all).toMatch(/自评得分合计\s+88\.7\s+已评 21\/21/);
    // 附件1's stamp line and its two opinion rows: labels, （盖章） and a blank date, nothing else.
    expect(texts[0]).toMatch(/申报单位：（盖章）\s+年\s+月\s+日/);
    const last = texts[annex1 - 1];
    expect(last).toContain('可另附页');
    const opinions = last.slice(last.indexOf('镇（街）推荐'));
    expect(opinions.match(/（盖章）/g)).toHaveLength(2);
    expect(opinions.match(/年\s+月\s+日/g)).toHaveLength(2);
    const left = opinions
      .replace(/第\s*\d+\s*页\s*共\s*\d+\s*页/, '')
      .replace(/镇（街）推荐|意见|市星级创建|工作领导小组|办公室意见|（盖章）|年|月|日/g, '');
    expect(left.trim(), 'the opinion rows are blank').toBe('');
    // Page numbers from the @page footer, on every page.
    for (const [i, t] of texts.entries()) expect(t).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*共\\s*${pages}\\s*页`));
    for (const s of SCREEN_ONLY) expect(all, s).not.toContain(s);
    // The title line of the masthead is not there either (附件2's title is, once per page it starts).
    expect(all).not.toMatch(/星评/);
  });

  await test.step('the 自评打分 column of the PDF reads the scores on screen, in order', async () => {
    const { sizes, words } = pdfWords(pdf);
    const width = sizes[0].width - 2 * MARGIN.side;
    const [x0, x1] = [MARGIN.side + scoreColumn.left * width, MARGIN.side + scoreColumn.right * width];
    const column = words
      .filter((w) => w.page > annex1 && w.page <= annex1 + annex2)
      .filter((w) => (w.xMin + w.xMax) / 2 > x0 && (w.xMin + w.xMax) / 2 < x1)
      .filter((w) => /^(\d+\.\d|未评|是|否|未答)$/.test(w.text))
      .sort((a, b) => a.page - b.page || a.yMin - b.yMin)
      .map((w) => w.text);
    // 21 items, the two veto answers, the total.
    expect(column).toEqual([...onScreen, '否', '否', '88.7']);
  });

  await test.step('no word lies outside the margins (pdftotext -bbox)', async () => {
    const { sizes, words } = pdfWords(pdf);
    expect(words.length).toBeGreaterThan(500);
    // Horizontally the boxes are exact; vertically poppler uses the CJK font's tall bounding
    // box, so a word's middle stands for its line.
    const middle = (w: Word) => (w.yMin + w.yMax) / 2;
    const outside = words.filter((w) => {
      const s = sizes[w.page - 1];
      return w.xMin < MARGIN.side - 1 || w.xMax > s.width - MARGIN.side + 1 || middle(w) < MARGIN.top;
    });
    expect(outside).toEqual([]);
    // Below the bottom margin there is only the page number, centred.
    for (let p = 1; p <= pages; p++) {
      const s = sizes[p - 1];
      const foot = words.filter((w) => w.page === p && middle(w) > s.height - MARGIN.bottom);
      expect(foot.map((w) => w.text).join(' '), `page ${p}`).toMatch(/^第\s*\d+\s*页\s*共\s*\d+\s*页$/);
      const centre = (Math.min(...foot.map((w) => w.xMin)) + Math.max(...foot.map((w) => w.xMax))) / 2;
      expect(Math.abs(centre - s.width / 2), `page ${p} number centred`).toBeLessThan(5);
    }
  });

  await test.step('the rasterised pages: ink on every page, none in the side margins', async () => {
    const prefix = info.outputPath('page');
    const pngs = pdfToPngs(pdf, prefix, 60, pages);
    const px = (pt: number) => Math.round((pt / 72) * 60);
    for (const [i, png] of pngs.entries()) {
      const img = readPng(png);
      expect(img.width).toBe(px(A4.width));
      expect(img.height).toBe(px(A4.height));
      // A page with a table on it has a few thousand dark pixels at 60 dpi.
      expect(darkPixels(img, 0, img.width, 0, img.height), `page ${i + 1} ink`).toBeGreaterThan(2000);
      // The side margins are white (1 px of slack for the table's border).
      const m = px(MARGIN.side);
      expect(darkPixels(img, 0, m - 1, 0, img.height), `page ${i + 1} left margin`).toBe(0);
      expect(darkPixels(img, img.width - m + 1, img.width, 0, img.height), `page ${i + 1} right margin`).toBe(0);
    }

    // Both outer borders of every table are printed in full: wherever the left border runs
    // down the page (its longest vertical run), the right border runs beside it, as dark.
    // At 150 dpi a 0.75 pt rule is 1.6 px wide; one clipped at the content edge is faint.
    const sharp = pdfToPngs(pdf, info.outputPath('sharp'), 150, pages);
    for (const [i, png] of sharp.entries()) {
      const img = readPng(png);
      const m = Math.round((MARGIN.side / 72) * 150);
      const darkest = (x0: number, x1: number, y: number) =>
        Math.min(...Array.from({ length: x1 - x0 }, (_, k) => img.at(x0 + k, y)));
      let run = { from: 0, to: 0 };
      for (let y = 0, start = -1; y <= img.height; y++) {
        const dark = y < img.height && darkest(m - 4, m + 4, y) < 100;
        if (dark && start < 0) start = y;
        if (!dark && start >= 0) {
          if (y - start > run.to - run.from) run = { from: start, to: y };
          start = -1;
        }
      }
      expect(run.to - run.from, `page ${i + 1}: the left border runs down the page`).toBeGreaterThan(150);
      const faint: number[] = [];
      for (let y = run.from; y < run.to; y++) {
        if (darkest(img.width - m - 4, img.width - m + 4, y) >= 100) faint.push(y);
      }
      expect(faint.length, `page ${i + 1}: rows where the right border is faint or missing`).toBe(0);
    }

    const dir = shotDir(info);
    copyFileSync(pngs[0], path.join(dir, 'print-annex1.png'));
    copyFileSync(pngs[annex1], path.join(dir, 'print-annex2-p1.png'));
    await info.attach('print-annex1.png', { path: pngs[0], contentType: 'image/png' });
    await info.attach('print-annex2-p1.png', { path: pngs[annex1], contentType: 'image/png' });
  });

  await test.step('without 打印附页 the PDF ends with 附件2', async () => {
    await page.getByLabel('打印附页（整改说明与佐证材料）').uncheck();
    await expect(page.getByTestId('print-view').locator('.sheet-page')).toHaveCount(2);
    const without = info.outputPath('without-notes.pdf');
    await printPdf(page, without);
    expect(pdfInfo(without).pages).toBe(pages - 1);
    const text = pdfText(without);
    expect(text).not.toContain('整改说明与佐证材料');
    expect(text).toMatch(/自评得分合计\s+88\.7/);
  });

  await test.step('a short 自评情况 keeps 附件1 on one page', async () => {
    await openTab(page, '申报表（附件1）');
    const short = '对照评分表逐项自评，自评得分 88.7 分，自评等级：四星。失分项目 13 项，详见附件2。';
    await decl(page).self.fill(short);
    await openTab(page, '打印预览');
    const file = info.outputPath('short.pdf');
    await printPdf(page, file);
    expect(pdfInfo(file).pages).toBe(1 + annex2);
    const first = pdfText(file, 1);
    expect(first).toContain(short.slice(0, 10));
    expect(first).toContain('办公室意见');
    expect(first).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/);
    expect(pdfText(file, 2)).toMatch(/^\s*附件2/);
  });
  expect(crashes).toEqual([]);
});
