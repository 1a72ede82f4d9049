// Watches a page for what the Content-Security-Policy and the no-network promise forbid:
// every request it makes (so a test can assert that none leaves the page's own origin),
// every CSP violation (`securitypolicyviolation` events, recorded by an init script before
// any of the page's own scripts run) and every console message about the CSP, and uncaught
// errors. Used by the offline, no-network and single-file specs.
import { expect, type BrowserContext, type Page } from '@playwright/test';

export type Violation = { directive: string; blocked: string; source: string; sample: string };

declare global {
  interface Window {
    __xpViolations?: Violation[];
  }
}

export class Guard {
  readonly requests: string[] = [];
  readonly cspConsole: string[] = [];
  readonly crashes: string[] = [];

  private constructor(private readonly context: BrowserContext) {}

  /** Starts watching every page of `context` (call before the first navigation). */
  static async watch(context: BrowserContext): Promise<Guard> {
    const guard = new Guard(context);
    await context.addInitScript(() => {
      window.__xpViolations = [];
      document.addEventListener(
        'securitypolicyviolation',
        (e) =>
          window.__xpViolations!.push({
            directive: e.effectiveDirective,
            blocked: e.blockedURI,
            source: `${e.sourceFile}:${e.lineNumber}`,
            sample: e.sample,
          }),
        true,
      );
    });
    const follow = (page: Page) => {
      page.on('request', (r) => guard.requests.push(r.url()));
      page.on('console', (m) => {
        if (/content.security.policy/i.test(m.text())) guard.cspConsole.push(m.text());
      });
      page.on('pageerror', (e) => guard.crashes.push(e.message));
    };
    context.pages().forEach(follow);
    context.on('page', follow);
    return guard;
  }

  /** The CSP violations the page has seen since its last navigation. */
  static async violations(page: Page): Promise<Violation[]> {
    return page.evaluate(() => window.__xpViolations ?? []);
  }

  /** Requests whose URL is not of `allowed` (an origin like http://127.0.0.1:8099, or a
   *  scheme like "file:"), ignoring data: URLs and blob: URLs of that origin. */
  foreign(allowed: string): string[] {
    return this.requests.filter((url) => {
      if (url.startsWith('data:')) return false;
      const inner = url.startsWith('blob:') ? url.slice('blob:'.length) : url;
      if (allowed.endsWith(':') && !allowed.includes('/')) {
        // A scheme: file: pages, whose blob: URLs have the opaque origin "null".
        return !(inner.startsWith(allowed) || (url.startsWith('blob:') && inner.startsWith('null/')));
      }
      return new URL(inner).origin !== allowed;
    });
  }

  /** Asserts: nothing requested outside `allowed`, no CSP violation or CSP console message,
   *  no uncaught error, on `page` (violations are per document, so call before navigating
   *  away as well as at the end). */
  async expectClean(page: Page, allowed: string) {
    expect(this.requests.length, 'the page made requests at all').toBeGreaterThan(0);
    expect(this.foreign(allowed), 'requests outside the page').toEqual([]);
    expect(await Guard.violations(page), 'CSP violations').toEqual([]);
    expect(this.cspConsole, 'console messages about the CSP').toEqual([]);
    expect(this.crashes, 'uncaught errors').toEqual([]);
  }
}

/** Waits until the open draft in localStorage holds `text` (the app saves 300 ms after a
 *  change; the keys are xingping/v1/draft/<id>). */
export async function savedDraftHolds(page: Page, text: string) {
  await page.waitForFunction(
    (t) =>
      Object.keys(localStorage).some(
        (k) => k.startsWith('xingping/v1/draft/') && (localStorage.getItem(k) ?? '').includes(t),
      ),
    text,
  );
}
