// Accessibility audit with axe-core (WCAG 2.1 A and AA rules) of every screen a clerk meets:
// the form empty and filled (with a field error and a veto), 附件1 with its warnings and
// messages, the print preview, the drafts list, the export question and an import preview, on
// an office screen and on a phone. Axe is injected by Playwright, past the page's CSP.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { field, fillAll, mixedTownship, open, REPO } from './form';

/** Each violation as `rule: target …`, so that a failure names what to mend. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary?.split('\n')[1]?.trim()})`));
}

test('the audit finds what it should: an input without a label, grey text on grey', async ({ page }) => {
  await open(page);
  await page.evaluate(() => {
    const bad = document.createElement('div');
    bad.id = 'audit-control';
    bad.innerHTML = '<input type="text"><p>低对比度</p>';
    // Through the CSSOM: the page's CSP refuses style attributes.
    const p = bad.querySelector('p')!;
    p.style.color = '#bbb';
    p.style.background = '#ccc';
    document.body.append(bad);
  });
  const found = (await violations(page)).map((v) => v.split(':')[0]);
  expect(found).toContain('label');
  expect(found).toContain('color-contrast');
});

for (const { width, height } of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height } });

    test('the form, empty and then filled with a field error and a veto', async ({ page }) => {
      test.setTimeout(120_000);
      const crashes = await open(page);
      expect(await violations(page)).toEqual([]);

      await fillAll(page, mixedTownship());
      await field(page, 'site.windows', 'nonfunctional').fill('abc');
      await expect(page.locator('.field-error')).toHaveCount(1);
      await page.locator('#veto-incident-yes').check();
      await expect(page.locator('.veto-banner')).toBeVisible();
      expect(await violations(page)).toEqual([]);
      expect(crashes).toEqual([]);
    });

    test('附件1 with its warnings and messages, and the print preview', async ({ page }) => {
      const crashes = await open(page);
      await page.getByRole('tab', { name: '申报表（附件1）' }).click();
      await page.getByLabel(/联系电话/).fill('123');
      await page.getByLabel(/联系电话/).blur();
      await expect(page.locator('.field-error').first()).toBeVisible();
      expect(await violations(page)).toEqual([]);

      await page.getByRole('tab', { name: '打印预览' }).click();
      await expect(page.getByRole('button', { name: '打印' })).toBeVisible();
      expect(await violations(page)).toEqual([]);
      expect(crashes).toEqual([]);
    });

    test('the drafts list, the export question and an import preview', async ({ page }) => {
      const crashes = await open(page);
      await page.getByRole('button', { name: '管理草稿' }).click();
      await page.getByRole('button', { name: '新建草稿' }).click();
      await page.getByRole('button', { name: '管理草稿' }).click();
      await expect(page.locator('section.panel.drafts tbody tr')).toHaveCount(2);
      expect(await violations(page)).toEqual([]);

      await page.getByRole('button', { name: '导出提交文件' }).click();
      await expect(page.getByRole('button', { name: '仍然导出' })).toBeVisible();
      expect(await violations(page)).toEqual([]);

      const example = readFileSync(path.join(REPO, 'tests/fixtures/bad/tampered-total.json'));
      await page.locator('#import-file').setInputFiles({ name: 'tampered.json', mimeType: 'application/json', buffer: example });
      await expect(page.getByTestId('import-preview')).toBeVisible();
      expect(await violations(page)).toEqual([]);
      expect(crashes).toEqual([]);
    });
  });
}
