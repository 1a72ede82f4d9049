// Full-page screenshots of a realistically filled form at 1280 px and 360 px, for people to
// look at (docs/screenshots/). Ordinary runs write them under test-results/ only, so that a
// test run leaves the working tree alone; refresh the committed ones with
//   XP_SCREENSHOTS=1 npx --no-install playwright test screenshots
import { test, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fillAll, mixedTownship, open, REPO, summary } from './form';

const WIDTHS = [
  { name: 'form-1280.png', width: 1280, height: 800 },
  { name: 'form-360.png', width: 360, height: 740 },
];

for (const { name, width, height } of WIDTHS) {
  test(`screenshot of the filled form at ${width} px`, async ({ page }, info) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height });
    await open(page);
    await page.getByLabel('机构名称（站／中心名称）').fill('神木市某镇便民服务中心');
    await fillAll(page, mixedTownship());
    await expect(summary(page).getByTestId('total')).toHaveText('88.7');
    await expect(summary(page).getByTestId('level')).toHaveText('四星');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    // Start from the top with nothing focused, as a reader would see the page.
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    // A window as tall as the page: a full-page capture otherwise leaves the phone's fixed
    // bottom bar where the first screen ends, over the content, which no reader ever sees.
    const tall = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width, height: tall });
    await expect(summary(page)).toBeInViewport();

    const dir = process.env.XP_SCREENSHOTS === '1' ? path.join(REPO, 'docs/screenshots') : info.outputPath();
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name);
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
    await info.attach(name, { path: file, contentType: 'image/png' });
  });
}
