// The single-file edition (dist-single/xingping.html, written by scripts/single_file.py):
// opened from disk (file://) with no server, it runs, keeps the draft across a reload under
// the same localStorage keys as the served page, exports and imports the same files, makes
// no request but for itself, and its CSP (inline scripts and style by hash) reports nothing.
import { test, expect, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { card, fillItem, itemScore, REPO } from './form';
import { Guard, savedDraftHolds } from './guard';

const FILE = process.env.XP_SINGLE_FILE ?? path.join(REPO, 'dist-single', 'xingping.html');
const URL_ = pathToFileURL(FILE).href;

async function openFile(page: Page) {
  await page.goto(URL_);
  await expect(card(page, 'site.signage')).toBeVisible();
  await expect(page.locator('article.item')).toHaveCount(21);
}

test.beforeAll(() => {
  expect(existsSync(FILE), `${FILE} (run scripts/build.sh or scripts/test.sh)`).toBe(true);
});

test('one self-contained file: its CSP allows only its own inline scripts and style', async () => {
  const html = readFileSync(FILE, 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  // Two inline scripts: assets/boot.js and the app.
  expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]+=*' 'sha256-[A-Za-z0-9+/]+=*' 'wasm-unsafe-eval'; style-src 'sha256-[A-Za-z0-9+/]+=*';/);
  expect(csp).not.toMatch(/unsafe-inline|'self'|https?:/);
  // Nothing to fetch: no tag with a src= or href= but a data: URL.
  const markup = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '');
  const refs = [...markup.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/g)].map((m) => m[1]);
  expect(refs.length).toBeGreaterThan(0); // the favicon
  expect(markup).not.toMatch(/<link[^>]+rel=["']?(?:stylesheet|manifest|modulepreload|preload)/);
  expect(refs.filter((r) => !r.startsWith('data:'))).toEqual([]);
});

test('opened from file://, a filled section survives a reload', async ({ page, context }) => {
  const guard = await Guard.watch(context);
  const UNIT = '神木市单文件镇便民服务中心';
  await openFile(page);
  await page.locator('#unit-name').fill(UNIT);
  await fillItem(page, 'site.windows', { status: 'confirmed', present: ['综合咨询', '综合受理', '帮办代办'] });
  await fillItem(page, 'site.signage', { status: 'confirmed', counts: { hall: 1 } });
  await expect(itemScore(page, 'site.signage')).toHaveText('2.8 分');
  await expect(page.getByTestId('subtotal-site')).toHaveText('12.8 / 20 分');
  await savedDraftHolds(page, UNIT);
  await guard.expectClean(page, 'file:');

  await page.reload();
  await expect(card(page, 'site.signage')).toBeVisible();
  await expect(page.locator('#unit-name')).toHaveValue(UNIT);
  await expect(itemScore(page, 'site.signage')).toHaveText('2.8 分');
  await expect(page.getByTestId('subtotal-site')).toHaveText('12.8 / 20 分');
  // The same namespaced keys as the served page.
  const keys = await page.evaluate(() => Object.keys(localStorage));
  expect(keys.length).toBeGreaterThan(0);
  expect(keys.filter((k) => !k.startsWith('xingping/v1/'))).toEqual([]);
  await guard.expectClean(page, 'file:');
});

test('opened from file://, export and import work as on the served page', async ({ page, context }, info) => {
  const guard = await Guard.watch(context);
  const UNIT = '神木市导出镇便民服务中心';
  await openFile(page);
  await page.locator('#unit-name').fill(UNIT);
  await fillItem(page, 'site.signage', { status: 'confirmed', counts: { hall: 1 } });
  await savedDraftHolds(page, UNIT);

  const exported = info.outputPath('export.json');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出提交文件' }).click();
  await page.getByRole('button', { name: '仍然导出' }).click();
  await (await downloading).saveAs(exported);
  const file = JSON.parse(readFileSync(exported, 'utf8'));
  expect(file.unit.name).toBe(UNIT);
  expect(file.answers.items['site.signage']).toMatchObject({ status: 'confirmed' });

  await page.locator('#import-file').setInputFiles(exported);
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByRole('button', { name: '作为新草稿导入' }).click();
  await expect(page.getByTestId('draft-name')).toContainText('导入');
  await expect(page.locator('#unit-name')).toHaveValue(UNIT);
  await expect(itemScore(page, 'site.signage')).toHaveText('2.8 分');
  await guard.expectClean(page, 'file:');
});
