// Smoke test: the built page starts, shows the sheet's five sections, and loads nothing from
// any origin but its own (everything a clerk enters stays in the browser).
import { test, expect } from '@playwright/test';

const SECTIONS = ['场地建设', '事项进驻', '服务流程', '服务管理', '服务满意度'];

test('the page shows the five sections and requests only its own origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requested: string[] = [];
  const crashes: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('pageerror', (error) => crashes.push(error.message));

  await page.goto('/');

  // The heading is rendered by the WebAssembly app, so seeing it means the app started.
  await expect(page.getByRole('heading', { name: /星评/ }).first()).toBeVisible();
  for (const name of SECTIONS) {
    // The section's heading in the form (the print view, hidden on screen, names them too).
    await expect(page.locator('main.sheet').getByRole('heading', { name, level: 2 }), `section ${name}`).toBeVisible();
  }

  // The app's own files were fetched (so the origin check below is not vacuous) …
  expect(requested.some((url) => new URL(url).pathname.endsWith('.wasm'))).toBe(true);
  // … and nothing else was: data: URLs are inline, every other request is same-origin.
  const foreign = requested.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
  expect(foreign).toEqual([]);
  expect(crashes).toEqual([]);
});
