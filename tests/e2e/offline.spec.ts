// Offline after the first load: the service worker (assets/sw.js, filled in by
// scripts/trunk_post_build.py) precaches every file of the built page, so that with the
// network off a reload opens the page with its drafts; it caches nothing else; and a new
// version is offered ("有新版本，点击更新"), never swapped in under the clerk, with the
// drafts kept across the update.
import { test, expect, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { card, fillItem, itemScore, REPO } from './form';
import { Guard, savedDraftHolds } from './guard';
import { stayOnLeave } from './drafts';

const DIST = process.env.XP_DIST ?? path.join(REPO, 'dist');

/** Every file of a build but sw.js, relative to it: what the worker must precache (not
 *  Trunk's staging directory dist/.stage, there while a build is running). */
function buildFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name.startsWith('.')) continue;
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.filter((f) => f !== 'sw.js').sort();
}

/** Waits until the page is controlled by its active service worker. */
async function controlled(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, {
    timeout: 20_000,
  });
}

/** The names of the cache storage and the URLs in each cache. */
async function cacheContents(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((r) => r.url).sort();
    }
    return out;
  });
}

test('after the first visit, a reload with the network off opens the page with its draft', async ({
  page,
  context,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const guard = await Guard.watch(context);
  const UNIT = '神木市离线镇便民服务中心';

  await page.goto('/');
  await expect(card(page, 'site.signage')).toBeVisible();
  await controlled(page);
  await page.locator('#unit-name').fill(UNIT);
  await fillItem(page, 'site.signage', { status: 'confirmed', counts: { hall: 1 } });
  await expect(itemScore(page, 'site.signage')).toHaveText('2.8 分');
  await savedDraftHolds(page, UNIT);
  await guard.expectClean(page, origin);

  await context.setOffline(true);
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  await page.reload();
  await expect(card(page, 'site.signage')).toBeVisible();
  await expect(page.locator('#unit-name')).toHaveValue(UNIT);
  await expect(itemScore(page, 'site.signage')).toHaveText('2.8 分');
  expect(failed).toEqual([]);

  // A new tab opened offline, at the address with or without index.html, works as well.
  for (const address of ['/', '/index.html']) {
    const tab = await context.newPage();
    await tab.goto(address);
    await expect(tab.locator('#unit-name')).toHaveValue(UNIT);
    await tab.close();
  }
  await guard.expectClean(page, origin);
  await context.setOffline(false);
});

test('the worker precaches exactly the files of the build, under a versioned name, and caches nothing else', async ({
  page,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  await page.goto('/');
  await expect(card(page, 'site.signage')).toBeVisible();
  await controlled(page);

  const version = await page.locator('meta[name="xingping-build"]').getAttribute('content');
  expect(version).toMatch(/^[0-9a-f]{16}$/);
  const sw = readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  expect(sw).toContain(`const VERSION = "${version}";`);

  const want = buildFiles(DIST).map((f) => `${origin}/${f}`);
  expect(want).toContain(`${origin}/index.html`);
  expect(want.some((f) => f.endsWith('.wasm'))).toBe(true);
  expect(want).toContain(`${origin}/manifest.webmanifest`);
  expect(await cacheContents(page)).toEqual({ [`xingping:${origin}/:${version}`]: want });

  // Other requests go to the network and are not kept: a missing file, a query string.
  const statuses = await page.evaluate(async () => [
    (await fetch('not-a-file.txt')).status,
    (await fetch('manifest.webmanifest?x=1')).status,
  ]);
  expect(statuses).toEqual([404, 200]);
  expect(await cacheContents(page)).toEqual({ [`xingping:${origin}/:${version}`]: want });

  // The manifest makes the page installable: name, icons (which exist), theme colour.
  const manifest = JSON.parse(readFileSync(path.join(DIST, 'manifest.webmanifest'), 'utf8'));
  expect(manifest).toMatchObject({ name: '星评', short_name: '星评', theme_color: '#a61b1b', display: 'standalone' });
  for (const icon of manifest.icons) {
    expect(want).toContain(`${origin}/${icon.src}`);
  }
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
});

// ---- Update: a copy of the build on a server of the test's own, changed under the page ----

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

async function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    let name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (name.endsWith('/')) name += 'index.html';
    const file = path.join(dir, path.normalize(name));
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

// A copy of the build served from a temporary folder, for as long as `run` takes.
async function withServedCopy(page: Page, run: (dir: string, origin: string) => Promise<void>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'xingping-update-'));
  cpSync(DIST, dir, { recursive: true });
  const { server, origin } = await serve(dir);
  try {
    await run(dir, origin);
  } finally {
    await page.close();
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// "Deploys" a new version into `dir`: index.html changes (a marker), so does sw.js (its version).
const NEW = 'ffffffffffffffff';
function deploy(dir: string, oldVersion: string) {
  const index = path.join(dir, 'index.html');
  writeFileSync(
    index,
    readFileSync(index, 'utf8').replace(`content="${oldVersion}"`, `content="${NEW}"`).replace('<title>', '<meta name="xp-test" content="v2"><title>'),
  );
  const sw = path.join(dir, 'sw.js');
  writeFileSync(sw, readFileSync(sw, 'utf8').replace(`"${oldVersion}"`, `"${NEW}"`));
}

test('a new version is offered, not swapped in; clicking 有新版本，点击更新 updates and keeps the draft', async ({
  page,
  context,
}) => {
  test.setTimeout(60_000);
  await withServedCopy(page, async (dir, origin) => {
    const guard = await Guard.watch(context);
    const UNIT = '神木市更新镇便民服务中心';
    await page.goto(`${origin}/`);
    await expect(card(page, 'site.signage')).toBeVisible();
    await controlled(page);
    const oldVersion = await page.locator('meta[name="xingping-build"]').getAttribute('content');
    await page.locator('#unit-name').fill(UNIT);
    await savedDraftHolds(page, UNIT);

    deploy(dir, oldVersion!);

    // The page finds it (as it does when it comes back into view) and offers it.
    await page.evaluate(() => ((window as unknown as { xpSameDocument: boolean }).xpSameDocument = true));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const bar = page.getByTestId('update-bar');
    await expect(bar.getByRole('button', { name: '有新版本，点击更新' })).toBeVisible();
    // Nothing was swapped: the same document, the clerk's text in place, the old version.
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { xpSameDocument?: boolean }).xpSameDocument)).toBe(true);
    await expect(page.locator('#unit-name')).toHaveValue(UNIT);
    await expect(page.locator('meta[name="xp-test"]')).toHaveCount(0);
    // "稍后" puts it off. Another tab opened meanwhile still gets the old version, with the
    // same offer; coming back to this tab offers it again.
    await bar.getByRole('button', { name: '稍后' }).click();
    await expect(bar).toBeHidden();
    const other = await context.newPage();
    await other.goto(`${origin}/`);
    await expect(other.locator('#unit-name')).toHaveValue(UNIT);
    await expect(other.locator('meta[name="xp-test"]')).toHaveCount(0);
    await expect(other.getByTestId('update-bar').getByRole('button', { name: '有新版本，点击更新' })).toBeVisible({
      timeout: 20_000,
    });
    await other.close();
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect(bar.getByRole('button', { name: '有新版本，点击更新' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { xpSameDocument?: boolean }).xpSameDocument)).toBe(true);

    // The clerk types on and clicks at once: the update must keep this too.
    await page.locator('#unit-name').fill(`${UNIT}（二）`);
    await Promise.all([page.waitForEvent('load'), bar.getByRole('button', { name: '有新版本，点击更新' }).click()]);
    await expect(page.locator('meta[name="xp-test"]')).toHaveAttribute('content', 'v2');
    await expect(card(page, 'site.signage')).toBeVisible();
    await expect(page.locator('#unit-name')).toHaveValue(`${UNIT}（二）`);
    await expect(page.getByTestId('update-bar')).toHaveCount(0);
    await controlled(page);
    // The old version's cache is gone; only the new one is left.
    await expect.poll(async () => Object.keys(await cacheContents(page))).toEqual([`xingping:${origin}/:${NEW}`]);
    await guard.expectClean(page, origin);
  });
});

test('an update the clerk puts off at the browser\'s question (an edit not yet saved) can be taken later', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await withServedCopy(page, async (dir, origin) => {
    await page.goto(`${origin}/`);
    await expect(card(page, 'site.signage')).toBeVisible();
    await controlled(page);
    const oldVersion = await page.locator('meta[name="xingping-build"]').getAttribute('content');
    // Letters in a count: an edit held back, so leaving the page asks first.
    const hall = page.locator('#f-site-signage-hall');
    await hall.fill('三');
    await expect(page.getByTestId('held')).toBeVisible();
    deploy(dir, oldVersion!);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const bar = page.getByTestId('update-bar');
    // The clerk clicks 更新, and chooses to stay when the browser asks.
    const dialogs = stayOnLeave(page);
    await bar.getByRole('button', { name: '有新版本，点击更新' }).click();
    await expect.poll(() => dialogs).toEqual(['beforeunload']);
    // The bar does not stay at 正在更新…: the reload is offered again, and the edit is there.
    const again = bar.getByRole('button', { name: '已更新到新版本，点击重新载入' });
    await expect(again).toBeEnabled();
    await expect(hall).toHaveValue('三');
    // Fixed, the reload goes through into the new version.
    await hall.fill('1');
    await expect(page.getByTestId('held')).toHaveCount(0);
    await Promise.all([page.waitForEvent('load'), again.click()]);
    await expect(page.locator('meta[name="xp-test"]')).toHaveAttribute('content', 'v2');
    await expect(card(page, 'site.signage')).toBeVisible();
    expect(dialogs).toEqual(['beforeunload']);
  });
});

test('from sub-folders of one server (two copies), each copy works offline with its own cache', async ({
  page,
  context,
}) => {
  test.setTimeout(60_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'xingping-folders-'));
  const FOLDERS = ['bmfw/xingping', 'old'];
  for (const f of FOLDERS) cpSync(DIST, path.join(dir, f), { recursive: true });
  const { server, origin } = await serve(dir);
  try {
    const guard = await Guard.watch(context);
    for (const f of FOLDERS) {
      await page.goto(`${origin}/${f}/`);
      await expect(card(page, 'site.signage')).toBeVisible();
      await controlled(page);
    }
    // One cache per copy, named after its scope, holding exactly that copy's files.
    const version = await page.locator('meta[name="xingping-build"]').getAttribute('content');
    const contents = await cacheContents(page);
    expect(Object.keys(contents).sort()).toEqual(FOLDERS.map((f) => `xingping:${origin}/${f}/:${version}`).sort());
    for (const f of FOLDERS) {
      expect(contents[`xingping:${origin}/${f}/:${version}`]).toEqual(buildFiles(DIST).map((file) => `${origin}/${f}/${file}`));
    }

    const UNIT = '神木市子目录镇便民服务中心';
    await page.goto(`${origin}/${FOLDERS[0]}/`);
    await page.locator('#unit-name').fill(UNIT);
    await savedDraftHolds(page, UNIT);
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('#unit-name')).toHaveValue(UNIT);
    // The other copy opens offline too (same origin, so the same drafts).
    await page.goto(`${origin}/${FOLDERS[1]}/`);
    await expect(page.locator('#unit-name')).toHaveValue(UNIT);
    await context.setOffline(false);
    await guard.expectClean(page, origin);
  } finally {
    await context.setOffline(false);
    await page.close();
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('served over plain http from another computer, the page says it cannot work offline', async ({ page }) => {
  // A browser allows no service worker on http from anywhere but this computer (say, an
  // intranet server): what the page sees there is a page that is not a secure context.
  await page.addInitScript(() => Object.defineProperty(window, 'isSecureContext', { get: () => false }));
  await page.goto('/');
  await expect(card(page, 'site.signage')).toBeVisible();
  const note = page.getByTestId('insecure');
  await expect(note).toContainText('断网后将无法打开本页');
  await expect(note).toContainText('单文件版');
  // The form works as ever, and the line goes when the clerk has read it.
  await fillItem(page, 'site.signage', { status: 'confirmed', counts: { hall: 1 } });
  await expect(itemScore(page, 'site.signage')).toHaveText('2.8 分');
  await note.getByRole('button', { name: '知道了' }).click();
  await expect(note).toHaveCount(0);
  // No worker was registered (the page does not pretend to be available offline): a reload
  // is served by none, and the line is back.
  await page.reload();
  await expect(note).toBeVisible();
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
});

test('served from a secure context (here: this computer), there is no such line', async ({ page }) => {
  await page.goto('/');
  await expect(card(page, 'site.signage')).toBeVisible();
  await controlled(page);
  await expect(page.getByTestId('insecure')).toHaveCount(0);
});
