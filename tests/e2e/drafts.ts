// Helpers shared by drafts.spec.ts and files.spec.ts: reading what the page stored in
// localStorage (keys `xingping/v1/…`, see src/app/storage.rs), waiting for a save, and the
// toolbar's drafts panel. Each test gets a fresh browser context, so storage starts empty.
import { expect, type Page } from '@playwright/test';

export const NS = 'xingping/v1/';

/** A stored draft envelope (src/drafts.rs `StoredDraft`), as far as the tests read it. */
export type StoredDraft = {
  format: string;
  format_version: number;
  id: string;
  name: string;
  revision: number;
  updated_at: string;
  file: {
    year: number;
    unit: { name: string };
    answers: { items: Record<string, { status: string; note?: string; flags?: Record<string, boolean> }>; veto: Record<string, string> };
    result: { total: string; final: boolean; notice: string };
  };
};

/** Every `xingping/v1/…` key and its raw text. */
export async function appStorage(page: Page): Promise<Record<string, string>> {
  return page.evaluate((ns) => {
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      if (k.startsWith(ns)) out[k] = localStorage.getItem(k)!;
    }
    return out;
  }, NS);
}

/** The stored drafts, parsed, by id. */
export async function storedDrafts(page: Page): Promise<Record<string, StoredDraft>> {
  const all = await appStorage(page);
  const out: Record<string, StoredDraft> = {};
  for (const [k, v] of Object.entries(all)) {
    if (k.startsWith(`${NS}draft/`)) {
      const d = JSON.parse(v) as StoredDraft;
      out[d.id] = d;
    }
  }
  return out;
}

/** The id of the open draft (`xingping/v1/current`). */
export async function currentId(page: Page): Promise<string> {
  const id = await page.evaluate((k) => localStorage.getItem(k), `${NS}current`);
  expect(id, 'a current draft is recorded').toBeTruthy();
  return id!;
}

/** The raw stored text of the open draft. */
export async function currentRaw(page: Page): Promise<string> {
  const id = await currentId(page);
  const raw = await page.evaluate((k) => localStorage.getItem(k), `${NS}draft/${id}`);
  expect(raw, 'the open draft is stored').toBeTruthy();
  return raw!;
}

/** Waits until the open draft, as stored, satisfies `check` (the autosave has run). */
export async function waitStored(page: Page, check: (d: StoredDraft) => boolean, what = 'the change is saved') {
  await expect
    .poll(async () => {
      const raw = await currentRaw(page);
      return check(JSON.parse(raw) as StoredDraft);
    }, { message: what })
    .toBe(true);
}

export const saveStatus = (page: Page) => page.getByTestId('save-status');

/** Opens 管理草稿 (if closed) and returns the drafts table's body. */
export async function openDrafts(page: Page) {
  const toggle = page.getByRole('button', { name: '管理草稿' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') {
    await toggle.click();
  }
  const panel = page.locator('section.panel.drafts');
  await expect(panel).toBeVisible();
  return panel;
}

/** The names in the drafts table, in its order. */
export async function draftNames(page: Page): Promise<string[]> {
  const panel = await openDrafts(page);
  const cells = panel.locator('tbody tr td:first-child');
  return (await cells.allTextContents()).map((t) => t.replace(/当前$/, ''));
}

/** Records the type of every dialog the page opens and answers "stay" (a beforeunload question
 * is then refused, and the page stays open). */
export function stayOnLeave(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.type());
    await d.dismiss();
  });
  return dialogs;
}
