// When the app cannot start, the clerk reads why and what to do instead of a blank page
// (assets/boot.js): a browser too old for WebAssembly, a .wasm cut off or damaged on the way,
// the same in the single file, and a crash after the app has started.
import { test, expect, type Page } from '@playwright/test';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { card, REPO } from './form';

const SINGLE = pathToFileURL(process.env.XP_SINGLE_FILE ?? path.join(REPO, 'dist-single', 'xingping.html')).href;

const boot = (page: Page) => page.getByTestId('boot');

test('a normal start leaves no loading line behind', async ({ page }) => {
  await page.goto('/');
  await expect(card(page, 'site.signage')).toBeVisible();
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect(page.getByTestId('crash')).toHaveCount(0);
});

test('a .wasm that does not arrive: the page says the app did not start, and what to do', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.abort('connectionreset'));
  await page.goto('/');
  await expect(boot(page)).toHaveAttribute('role', 'alert');
  await expect(boot(page)).toContainText('星评未能启动');
  await expect(boot(page)).toContainText('请刷新页面重试');
  await expect(boot(page)).toContainText('草稿');
  await expect(card(page, 'site.signage')).toHaveCount(0);
});

test('a damaged .wasm: the same message, with the reason', async ({ page }) => {
  await page.route('**/*.wasm', (route) =>
    route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm at all') }),
  );
  await page.goto('/');
  await expect(boot(page)).toHaveAttribute('role', 'alert');
  await expect(boot(page)).toContainText(/星评未能启动（.+）/);
});

test('a browser without WebAssembly is told at once that it is too old', async ({ page }) => {
  await page.addInitScript(() => {
    // @ts-expect-error: an old browser has no WebAssembly
    delete window.WebAssembly;
  });
  await page.goto('/');
  await expect(boot(page)).toHaveAttribute('role', 'alert');
  await expect(boot(page)).toContainText('这个浏览器版本过旧');
  await expect(boot(page)).toContainText('Chrome 或 Edge 97 以上');
});

test('the single file tells an old browser the same', async ({ page }) => {
  await page.addInitScript(() => {
    // @ts-expect-error: an old browser has no DecompressionStream
    delete window.DecompressionStream;
  });
  await page.goto(SINGLE);
  await expect(boot(page)).toHaveAttribute('role', 'alert');
  await expect(boot(page)).toContainText('星评未能启动（这个浏览器不支持 DecompressionStream，版本过旧）');
});

test('a crash after the start: a bar asks for a reload, and the reload brings the draft back', async ({ page }) => {
  await page.goto('/');
  await expect(card(page, 'site.signage')).toBeVisible();
  await page.locator('#unit-name').fill('神木市崩溃镇便民服务中心');
  await expect(page.getByTestId('save-status')).toContainText('已保存');
  const raise = (kind: 'wasm' | 'script') =>
    page.evaluate((kind) => {
      // What a panic in the WebAssembly looks like to the page (panic = "abort": a trap).
      const error = kind === 'wasm' ? new WebAssembly.RuntimeError('unreachable') : new TypeError('x is undefined');
      window.dispatchEvent(new ErrorEvent('error', { error, message: error.message }));
    }, kind);
  // Another script's error (say, a browser extension's) is not the app's crash.
  await raise('script');
  await expect(card(page, 'site.signage')).toBeVisible();
  await expect(page.getByTestId('crash')).toHaveCount(0);
  await raise('wasm');
  await raise('wasm');
  await expect(page.getByTestId('crash')).toContainText('请刷新页面后继续');
  await expect(page.getByTestId('crash')).toHaveCount(1);

  await page.reload();
  await expect(page.locator('#unit-name')).toHaveValue('神木市崩溃镇便民服务中心');
  await expect(page.getByTestId('crash')).toHaveCount(0);
});
