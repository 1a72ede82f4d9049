// The submission file out and back in: export → import is the identity, an unfinished sheet
// says so in the file, and broken or hostile files are refused with one Chinese sentence (or
// imported and flagged) without touching the draft that is open. Every test has its own
// browser context, so localStorage starts empty.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { card, field, fillAll, ITEM_IDS, itemScore, mixedTownship, open, REPO, summary } from './form';
import { currentId, currentRaw, draftNames, NS, storedDrafts, waitStored } from './drafts';

const total = (page: Page) => summary(page).getByTestId('total');
const unitName = (page: Page) => page.locator('#unit-name');
const flash = (page: Page) => page.getByTestId('flash');
const preview = (page: Page) => page.getByTestId('import-preview');

/** Picks a file in the toolbar's 导入文件 (the hidden `<input type=file>` behind the label). */
async function pick(page: Page, name: string, content: Buffer | string) {
  const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  await page.locator('#import-file').setInputFiles({ name, mimeType: 'application/json', buffer });
}

/** Clicks 导出提交文件 (and 仍然导出 when asked) and returns the file's name and parsed JSON. */
async function exportFile(page: Page, confirm = false) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    (async () => {
      await page.getByRole('button', { name: '导出提交文件' }).click();
      if (confirm) await page.getByRole('button', { name: '仍然导出' }).click();
    })(),
  ]);
  const file = await download.path();
  const text = readFileSync(file, 'utf8');
  return { name: download.suggestedFilename(), text, json: JSON.parse(text) };
}

async function itemScores(page: Page) {
  const out: Record<string, string> = {};
  for (const id of ITEM_IDS) out[id] = (await itemScore(page, id).textContent()) ?? '';
  return out;
}

test('export → import gives the same draft as a new one, and leaves the open draft alone', async ({ page }) => {
  test.setTimeout(120_000);
  const crashes = await open(page);
  await unitName(page).fill('神木市某镇便民服务中心');
  // The answers of examples/mixed-township.json, entered item by item: 88.7, 四星, final.
  await fillAll(page, mixedTownship());
  await expect(total(page)).toHaveText('88.7');
  await waitStored(page, (d) => d.file.result.final && d.file.unit.name === '神木市某镇便民服务中心');
  const year = await page.locator('#year').inputValue();
  const before = { raw: await currentRaw(page), id: await currentId(page), scores: await itemScores(page) };

  // Final: no question asked, the file comes at once.
  const out = await exportFile(page);
  expect(out.name).toBe(`星级自评-神木市某镇便民服务中心-${year}-88.7分.json`);
  expect(out.name).toMatch(/^星级自评-.+-\d{4}-\d+\.\d分\.json$/);
  await expect(flash(page)).toHaveText(`已导出“${out.name}”。`);
  expect(out.json.format).toBe('xingping-submission');
  expect(out.json.format_version).toBe(1);
  expect(out.json.year).toBe(Number(year));
  expect(out.json.unit.name).toBe('神木市某镇便民服务中心');
  expect(out.json.result.total).toMatch(/^88\.70*$/);
  expect(out.json.result.level).toBe('四星');
  expect(out.json.result.final).toBe(true);
  expect(out.json.result.notice).toBe('');
  expect(out.json.result.items).toHaveLength(21);
  // The file holds exactly what the draft holds.
  const stored = JSON.parse(before.raw);
  expect(out.json.answers).toEqual(stored.file.answers);
  expect(out.json.unit).toEqual(stored.file.unit);

  await pick(page, out.name, out.text);
  await expect(preview(page)).toBeVisible();
  await expect(page.getByTestId('import-total')).toHaveText('88.7');
  await expect(page.getByTestId('mismatches')).toHaveCount(0);
  await expect(preview(page)).toContainText('将作为一份新草稿导入，当前草稿不会被改动。');
  await page.getByRole('button', { name: '作为新草稿导入' }).click();

  const importedName = `导入：神木市某镇便民服务中心 ${year}`;
  await expect(flash(page)).toHaveText(`已建立草稿“${importedName}”。`);
  await expect(page.getByTestId('draft-name')).toHaveText(importedName);
  await expect(preview(page)).toHaveCount(0);
  await expect(total(page)).toHaveText('88.7');
  await expect(unitName(page)).toHaveValue('神木市某镇便民服务中心');
  await expect(field(page, 'site.signage', 'note')).toHaveValue('二楼网办区缺少功能区标识，已于 4 月补设。');
  expect(await itemScores(page)).toEqual(before.scores);

  const newId = await currentId(page);
  expect(newId).not.toBe(before.id);
  const drafts = await storedDrafts(page);
  expect(Object.keys(drafts).sort()).toEqual([before.id, newId].sort());
  expect(drafts[newId].file.answers).toEqual(out.json.answers);
  expect(drafts[newId].file.unit).toEqual(out.json.unit);
  expect(drafts[newId].file.year).toBe(out.json.year);
  // The draft that was open is byte for byte what it was.
  expect((await page.evaluate((k) => localStorage.getItem(k), `${NS}draft/${before.id}`))).toBe(before.raw);
  expect((await draftNames(page)).sort()).toEqual([importedName, '草稿 1'].sort());

  // Exporting the imported draft gives the same file again (apart from when it was written).
  const again = await exportFile(page);
  expect(again.name).toBe(out.name);
  expect({ ...again.json, saved_at: '' }).toEqual({ ...out.json, saved_at: '' });
  expect(crashes).toEqual([]);
});

test('exporting with items still 未评 asks first, and the file says the result is not final', async ({ page }) => {
  await open(page);
  await unitName(page).fill('神木市某镇');
  await field(page, 'site.signage', 'confirm').check();
  await expect(total(page)).toHaveText('3.0');

  await page.getByRole('button', { name: '导出提交文件' }).click();
  const dialog = page.getByRole('dialog', { name: '导出提交文件' });
  await expect(dialog).toContainText('尚有 20 项未评；2 个一票否决问题未答，自评结果尚未最终确定。');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toHaveCount(0);

  const out = await exportFile(page, true);
  expect(out.name).toMatch(/^星级自评-神木市某镇-\d{4}-3\.0分-未最终确定\.json$/);
  expect(out.json.result.final).toBe(false);
  expect(out.json.result.notice).toBe('尚有 20 项未评；2 个一票否决问题未答，自评结果尚未最终确定。');
  expect(out.json.result.assessed).toBe(1);
  expect(out.json.answers.items['site.signage'].status).toBe('confirmed');
  expect(out.json.answers.items['site.areas']).toBeUndefined();
});

// ---------------------------------------------------------------------------------------------
// Broken and hostile files.

const EXAMPLE = readFileSync(path.join(REPO, 'examples/mixed-township.json'), 'utf8');
const V0 = readFileSync(path.join(REPO, 'tests/fixtures/v0.json'), 'utf8');
const XSS = '<img src=x onerror=alert(1)>';

/** The example file (88.7, final), changed by `edit`. */
function example(edit: (f: any) => void): string {
  const f = JSON.parse(EXAMPLE);
  edit(f);
  return JSON.stringify(f, null, 2);
}

type Case = {
  name: string;
  content: () => Buffer | string;
  /** Refused: the reason the flash gives after 未导入：. */
  refused?: RegExp;
  /** Accepted (possibly flagged): the recomputed total the preview shows. */
  total?: string;
  /** Extra checks on the preview and after importing. */
  check?: (page: Page) => Promise<void>;
};

const CASES: Case[] = [
  { name: 'truncated JSON', content: () => EXAMPLE.slice(0, EXAMPLE.length / 2), refused: /^文件不是有效的 JSON（内容在第 \d+ 行意外结束），可能已损坏或被截断。$/ },
  {
    name: 'a 5 MB file',
    content: () => { const b = Buffer.alloc(5 * 1024 * 1024, 0x20); b.write(EXAMPLE); return b; },
    refused: /^文件过大（5120 KB），提交文件不应超过 1 MB（1024 KB）。$/,
  },
  {
    name: 'a count given as a string',
    content: () => example((f) => { f.answers.items['site.signage'].counts.hall = '1'; }),
    refused: /^文件内容不符合提交文件格式：第 \d+ 行有类型不对的值（.*），分数应为文本形式的小数，计数应为整数。$/,
  },
  {
    name: 'a count given as a fraction',
    content: () => example((f) => { f.answers.items['site.signage'].counts.hall = 1.5; }),
    refused: /^文件内容不符合提交文件格式：第 \d+ 行有类型不对的值/,
  },
  {
    name: 'an unknown item id',
    content: () => example((f) => { f.answers.items['site.helipad'] = { status: 'confirmed' }; }),
    refused: /^文件中的答案有误：site\.helipad：.+。$/,
  },
  {
    name: 'a newer format_version',
    content: () => example((f) => { f.format_version = 2; }),
    refused: /^文件格式版本为 2，比本程序支持的版本 1 新，请使用新版星评打开。$/,
  },
  {
    name: 'another rubric id',
    content: () => example((f) => { f.rubric.id = 'yulin-2024'; }),
    refused: /^文件使用的评分表为 yulin-2024（版本 1），与本程序的评分表不同。$/,
  },
  {
    name: 'tampered totals (valid answers, stored total changed)',
    content: () => example((f) => {
      f.result.total = '99.9';
      f.result.level = '五星';
      f.result.items.find((i: any) => i.id === 'site.signage').score = '3.0';
    }),
    total: '88.7',
    check: async (page) => {
      const m = page.getByTestId('mismatches');
      await expect(m).toBeVisible();
      await expect(m).toContainText('以重新计算的为准');
      await expect(m.locator('li', { hasText: '总分：文件中为 99.9，重新计算为 88.7' })).toBeVisible();
      await expect(m.locator('li', { hasText: '星级：文件中为 五星，重新计算为 四星' })).toBeVisible();
      await expect(m.locator('li', { hasText: '标识标志：文件中为 3.0，重新计算为 2.8' })).toBeVisible();
      await expect(m).toContainText('有 3 处不一致');
    },
  },
  {
    name: 'markup in the unit name and a note',
    content: () => example((f) => { f.unit.name = XSS; f.answers.items['site.signage'].note = XSS; }),
    total: '88.7',
    check: async (page) => {
      await expect(preview(page).getByText(XSS, { exact: true })).toBeVisible();
      await expect(page.locator('img')).toHaveCount(0);
    },
  },
  { name: 'a UTF-8 BOM', content: () => '\uFEFF' + EXAMPLE, total: '88.7' },
  { name: 'UTF-16', content: () => Buffer.from('\uFEFF' + EXAMPLE, 'utf16le'), refused: /^文件不是 UTF-8 编码的文本，不是星评导出的提交文件。$/ },
  { name: 'an empty file', content: () => '', refused: /^文件不是有效的 JSON（内容在第 1 行意外结束），可能已损坏或被截断。$/ },
  { name: 'null', content: () => 'null', refused: /^这不是星评的自评提交文件。$/ },
  { name: 'an array', content: () => JSON.stringify([JSON.parse(EXAMPLE)]), refused: /^这不是星评的自评提交文件。$/ },
  { name: 'a JSON string', content: () => JSON.stringify(EXAMPLE), refused: /^这不是星评的自评提交文件。$/ },
  {
    name: 'deeply nested junk',
    content: () => `{"format":"xingping-submission","format_version":1,"junk":${'[{"a":'.repeat(50_000)}0${'}]'.repeat(50_000)}}`,
    // Refused either for the nesting (when the whole tree is parsed) or, as the reader now
    // does, for the field the format does not have before the junk is read.
    refused: /^(文件不是有效的 JSON（第 1 行第 \d+ 列有语法错误），可能已损坏或被截断。|文件内容不符合提交文件格式：有格式中没有的字段“junk”。)$/,
  },
  {
    name: 'a negative count',
    content: () => example((f) => { f.answers.items['site.signage'].counts.hall = -1; }),
    refused: /^文件中的答案有误：标识标志（大厅内未按要求设置标识、功能区不明显等）：不能为负数。$/,
  },
  {
    name: 'a rate of 100.5',
    content: () => example((f) => { f.answers.items['satisfaction.survey'].decimals.rate = '100.5'; }),
    refused: /^文件中的答案有误：群众满意度（满意率）：须在 0 到 100 之间。$/,
  },
  {
    name: 'a count above its list (4 broken windows of 3)',
    content: () => example((f) => { f.answers.items['site.windows'].counts = { nonfunctional: 4 }; }),
    refused: /^文件中的答案有误：窗口设置（[^a-z]+）：.+。$/,
  },
  {
    name: 'an added name given twice',
    content: () => example((f) => { f.answers.items['items.utilities'].others = ['有线电视', '有线电视']; }),
    refused: /^文件中的答案有误：水电气电信等进驻（其他）：.+。$/,
  },
  {
    name: 'a format 0 file (migrated)',
    content: () => V0,
    total: '82.1',
    check: async (page) => {
      await expect(preview(page)).toContainText('该文件为旧格式（版本 0），已按新格式读取。');
    },
  },
];

test.describe('a broken or hostile file changes nothing it should not', () => {
  for (const c of CASES) {
    test(c.name, async ({ page }) => {
      const dialogs: string[] = [];
      page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
      const crashes = await open(page);
      // The draft being worked on.
      await unitName(page).fill('本镇正在填写的草稿');
      await field(page, 'site.signage', 'confirm').check();
      await expect(total(page)).toHaveText('3.0');
      await waitStored(page, (d) => d.file.unit.name === '本镇正在填写的草稿' && d.file.answers.items['site.signage']?.status === 'confirmed');
      const before = { id: await currentId(page), raw: await currentRaw(page) };

      await pick(page, `${c.name}.json`, c.content());

      if (c.refused) {
        await expect(flash(page)).toHaveText(/^未导入：/);
        const text = (await flash(page).textContent())!.replace(/^未导入：/, '');
        expect(text).toMatch(c.refused);
        expect(text).toMatch(/[\u4e00-\u9fff]/);
        await expect(flash(page)).toHaveAttribute('role', 'alert');
        await expect(preview(page)).toHaveCount(0);
      } else {
        await expect(preview(page)).toBeVisible();
        await expect(page.getByTestId('import-total')).toHaveText(c.total!);
        if (c.check) await c.check(page);
        await page.getByRole('button', { name: '作为新草稿导入' }).click();
        await expect(preview(page)).toHaveCount(0);
        await expect(total(page)).toHaveText(c.total!);
        expect(await currentId(page)).not.toBe(before.id);
        // Back to the draft that was open, to look at it below.
        await page.getByRole('button', { name: '管理草稿' }).click();
        await page.getByRole('button', { name: '打开 草稿 1' }).click();
      }

      // The draft that was open: same figures, same name, same stored bytes.
      await expect(page.getByTestId('draft-name')).toHaveText('草稿 1');
      await expect(total(page)).toHaveText('3.0');
      await expect(unitName(page)).toHaveValue('本镇正在填写的草稿');
      await expect(card(page, 'site.signage')).toBeVisible();
      expect(await currentId(page)).toBe(before.id);
      expect(await page.evaluate((k) => localStorage.getItem(k), `${NS}draft/${before.id}`)).toBe(before.raw);
      const drafts = await storedDrafts(page);
      expect(Object.keys(drafts)).toHaveLength(c.refused ? 1 : 2);
      expect(dialogs).toEqual([]);
      expect(crashes).toEqual([]);
    });
  }
});

test('a refused file closes the preview of the file picked before it', async ({ page }) => {
  const crashes = await open(page);
  await pick(page, 'good.json', EXAMPLE);
  await expect(preview(page)).toBeVisible();
  await expect(page.getByTestId('import-total')).toHaveText('88.7');

  // The second file is refused: its message stands alone, with no 作为新草稿导入 for the first.
  await pick(page, 'bad.json', example((f) => { f.answers.items['satisfaction.survey'].decimals.rate = '100.5'; }));
  await expect(flash(page)).toHaveText('未导入：文件中的答案有误：群众满意度（满意率）：须在 0 到 100 之间。');
  await expect(preview(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: '作为新草稿导入' })).toHaveCount(0);
  expect(Object.keys(await storedDrafts(page))).toHaveLength(1);

  // A good file after it gets its own preview.
  await pick(page, 'good-again.json', EXAMPLE);
  await expect(preview(page)).toBeVisible();
  await expect(flash(page)).toHaveCount(0);
  expect(crashes).toEqual([]);
});

test('markup in an imported file is shown as text everywhere, never run', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const crashes = await open(page);
  await pick(page, 'xss.json', example((f) => {
    f.unit.name = XSS;
    f.answers.items['site.signage'].note = XSS;
    f.answers.items['management.image'].reason = `<script>alert(2)</script>`;
  }));
  await expect(preview(page).getByText(XSS, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '作为新草稿导入' }).click();

  await expect(unitName(page)).toHaveValue(XSS);
  await expect(field(page, 'site.signage', 'note')).toHaveValue(XSS);
  await expect(field(page, 'management.image', 'reason')).toHaveValue('<script>alert(2)</script>');
  // The drafts list shows the unit as text; the draft's name has the markup characters replaced.
  await page.getByRole('button', { name: '管理草稿' }).click();
  await expect(page.locator('section.panel.drafts').getByText(XSS, { exact: true })).toBeVisible();
  await expect(page.getByTestId('draft-name')).toHaveText(/^导入：_img src=x onerror=alert\(1\)_ \d{4}$/);
  // Exported again, the file name is safe for any file system.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出提交文件' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^星级自评-_img src=x onerror=alert\(1\)_-\d{4}-88\.7分\.json$/);

  await expect(page.locator('img')).toHaveCount(0);
  await expect(page.locator('script:not([src]):not([type])', { hasText: 'alert(2)' })).toHaveCount(0);
  expect(dialogs).toEqual([]);
  expect(crashes).toEqual([]);
});

test('the import preview marks a vetoed total as void and an unfinished level as a prediction', async ({ page }) => {
  const crashes = await open(page);
  await pick(page, 'vetoed.json', readFileSync(path.join(REPO, 'examples/vetoed.json'), 'utf8'));
  await expect(page.getByTestId('import-total')).toHaveText('99.0（一票否决，总分作废）');
  await expect(page.getByTestId('import-level')).toHaveText('一票否决');
  await pick(page, 'in-progress.json', readFileSync(path.join(REPO, 'examples/in-progress.json'), 'utf8'));
  await expect(page.getByTestId('import-level')).toHaveText(/（预测）$/);
  await pick(page, 'mixed-township.json', EXAMPLE);
  await expect(page.getByTestId('import-total')).toHaveText('88.7');
  await expect(page.getByTestId('import-level')).toHaveText('四星');
  expect(crashes).toEqual([]);
});
