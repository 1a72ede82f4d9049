// Playwright drives the built page (../../dist, from `trunk build --release`) in Debian's
// Chromium, served by a plain static server on loopback. Never run `npx playwright install`:
// the browser is /usr/bin/chromium, installed by scripts/ensure-tools.sh --browser.
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.XP_E2E_PORT ?? 8099);
const ORIGIN = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two cores: one worker per core at most.
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: ORIGIN,
    browserName: 'chromium',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `python3 -m http.server --bind 127.0.0.1 ${PORT} --directory ../../dist`,
    url: `${ORIGIN}/index.html`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    // http.server logs every request to stderr; Playwright itself reports a busy port.
    stderr: 'ignore',
  },
});
