// No network, no other origin: while a clerk fills the form, exports a file and imports it
// again, every request the page makes is for its own origin, and the Content-Security-Policy
// (a meta tag, see index.html and scripts/trunk_post_build.py) reports no violation.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { card, fillItem, itemScore } from './form';
import { Guard, savedDraftHolds } from './guard';

const UNIT = '神木市网络检查镇便民服务中心';

test('fill, export and import: only the page’s own origin, no CSP violation', async ({ page, context, baseURL }, info) => {
  const origin = new URL(baseURL!).origin;
  const guard = await Guard.watch(context);

  await page.goto('/');
  await expect(card(page, 'site.signage')).toBeVisible();

  // The built page carries the policy, with Trunk's inline bootstrap allowed by hash only.
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const directive of [
    "default-src 'none'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "img-src 'self' data: blob:",
    "base-uri 'none'",
    "form-action 'none'",
  ]) {
    expect(csp).toContain(directive);
  }
  expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/]+=*')+;/);
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('XP-INLINE-SCRIPTS');

  // Fill part of the form as a clerk does.
  await page.locator('#unit-name').fill(UNIT);
  await fillItem(page, 'site.signage', { status: 'confirmed', counts: { hall: 1 } });
  await fillItem(page, 'site.windows', { status: 'confirmed', present: ['综合咨询', '综合受理', '帮办代办'] });
  await expect(itemScore(page, 'site.signage')).toHaveText('2.8 分');
  await savedDraftHolds(page, UNIT);

  // Export: a blob: URL and an <a download> click.
  const exported = info.outputPath('export.json');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出提交文件' }).click();
  // Two of 21 items answered: the page asks first.
  await page.getByRole('button', { name: '仍然导出' }).click();
  const download = await downloading;
  await download.saveAs(exported);
  expect(JSON.parse(readFileSync(exported, 'utf8')).unit.name).toBe(UNIT);

  // Import the same file: the preview, then a new draft.
  await page.locator('#import-file').setInputFiles(exported);
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByRole('button', { name: '作为新草稿导入' }).click();
  await expect(page.getByTestId('draft-name')).toContainText('导入');
  await expect(page.locator('#unit-name')).toHaveValue(UNIT);

  // The page's own files were fetched (so the check is not vacuous), and nothing else.
  expect(guard.requests.some((u) => new URL(u).pathname.endsWith('.wasm'))).toBe(true);
  await guard.expectClean(page, origin);
});
