// Helpers shared by the form specs: answer sets in the shape of the submission file's
// `answers` (src/answers.rs), a filler that enters them the way a clerk does (ticking,
// typing, pressing Enter — never by injecting state), and a bridge to the native
// `xingping score` command, which is the reference for every figure the page shows.
import { expect, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');

export type Honour = { kind: string; date: string; source: string };
export type ItemAnswer = {
  status: 'confirmed' | 'unassessed';
  flags?: Record<string, boolean>;
  counts?: Record<string, number>;
  /** Decimals as strings, as the file carries them. */
  decimals?: Record<string, string>;
  present?: string[];
  others?: string[];
  reason?: string;
  honours?: Honour[];
  note?: string;
};
export type VetoAnswer = 'yes' | 'no';
export type Answers = { items: Record<string, ItemAnswer>; veto: Record<string, VetoAnswer> };

export const SECTION_IDS = ['site', 'items', 'process', 'management', 'satisfaction'] as const;

/** The 21 item ids in the sheet's order. */
export const ITEM_IDS = [
  'site.signage', 'site.windows', 'site.areas', 'site.facilities',
  'items.complete', 'items.utilities', 'items.stations', 'items.dynamic',
  'process.standard',
  'management.staffing', 'management.image', 'management.discipline', 'management.tidiness',
  'management.rules', 'management.amenities', 'management.complaints',
  'satisfaction.online', 'satisfaction.nearby', 'satisfaction.selfservice', 'satisfaction.survey',
  'satisfaction.innovation',
] as const;

const ok = (extra: Omit<ItemAnswer, 'status'> = {}): ItemAnswer => ({ status: 'confirmed', ...extra });

/** Every item at full marks, both veto questions 否: 100.0, 五星, final. */
export function fullMarks(): Answers {
  return {
    items: {
      'site.signage': ok(),
      'site.windows': ok({ present: ['综合咨询', '综合受理', '帮办代办'] }),
      'site.areas': ok({ present: ['咨询导服区', '取号区', '自助服务区', '网办区', '休息等候区', '政府信息公开查阅点'] }),
      'site.facilities': ok({ present: ['无障碍通道', '老年人专窗', '老花镜', '轮椅', '医药箱（内有应急药品）', '助残设备设施'] }),
      'items.complete': ok(),
      'items.utilities': ok({ present: ['供水', '供电', '供气', '电信'], others: ['有线电视'] }),
      'items.stations': ok({ present: ['市场监管', '自然资源', '退役军人', '司法'] }),
      'items.dynamic': ok(),
      'process.standard': ok({ decimals: { score: '10' } }),
      'management.staffing': ok(),
      'management.image': ok(),
      'management.discipline': ok(),
      'management.tidiness': ok(),
      'management.rules': ok({ present: ['考勤请假制度', 'AB岗制度', '值班制度', '首问负责制度', '容缺受理制度', '投诉处理制度'] }),
      'management.amenities': ok({ present: ['自动饮水', '便民充电', '雨具', '复印打印', '自助照相', '阅读'], others: ['母婴室', '轮椅租借'] }),
      'management.complaints': ok(),
      'satisfaction.online': ok({ counts: { sampled: 5 } }),
      'satisfaction.nearby': ok(),
      'satisfaction.selfservice': ok({ flags: { running: true } }),
      'satisfaction.survey': ok({ decimals: { rate: '100' } }),
      'satisfaction.innovation': ok({ decimals: { score: '8' } }),
    },
    veto: { 'veto.incident': 'no', 'veto.accident': 'no' },
  };
}

/**
 * A realistic township (the answers of examples/mixed-township.json). Expected figures, by
 * hand from docs/spec/rubric.md, item by item:
 *   场地建设 18.3 = 标识 3 − 0.2×1 = 2.8; 窗口 10 (all three); 功能分布 3 − 0.5×2 = 2.0;
 *                   设施 4 − 0.5×1 = 3.5
 *   事项进驻 22.1 = 应进全进 5 − 0.5×1 = 4.5; 水电气电信 min(10, 2×5) = 10; 基层站所 2×3 = 6;
 *                   动态调整 2 − 0.2×2 = 1.6
 *   服务流程  9.0 = 规范流程 9.0 (with a reason)
 *   服务管理 17.5 = 人员 3; 形象 3 − 0.5 = 2.5; 纪律 2; 物品 4 − 0.5 = 3.5; 制度 2 (all six);
 *                   便民设施 0.5×5 = 2.5; 投诉 2
 *   服务满意度 21.8 = 网办率 5 − 0.5×1 = 4.5; 就近办 3; 自助办 3;
 *                   满意度 6 − 0.1×12 = 4.8 (98.75%: 1.25% drop = 12 whole 0.1% steps); 创新 6.5
 *   Total 18.3 + 22.1 + 9.0 + 17.5 + 21.8 = 88.7 → 四星 (85 ≤ 88.7 < 95), final: 21/21 and both
 *   veto questions 否. `xingping score examples/mixed-township.json` gives the same.
 */
export function mixedTownship(): Answers {
  return {
    items: {
      'site.signage': ok({ counts: { hall: 1 }, note: '二楼网办区缺少功能区标识，已于 4 月补设。' }),
      'site.windows': ok({ present: ['综合咨询', '综合受理', '帮办代办'] }),
      'site.areas': ok({ present: ['咨询导服区', '取号区', '网办区', '休息等候区'] }),
      'site.facilities': ok({ present: ['无障碍通道', '老年人专窗', '老花镜', '轮椅', '医药箱（内有应急药品）'] }),
      'items.complete': ok({ counts: { missing: 1 } }),
      'items.utilities': ok({ present: ['供水', '供电', '供气', '电信'], others: ['有线电视'] }),
      'items.stations': ok({ present: ['市场监管', '自然资源', '司法'] }),
      'items.dynamic': ok({ counts: { inconsistent: 2 } }),
      'process.standard': ok({ decimals: { score: '9.0' }, reason: '个别事项未严格执行一次性告知和限时办结。' }),
      'management.staffing': ok(),
      'management.image': ok({ decimals: { visit: '0.5' }, reason: '2025 年 3 月市级明察暗访发现 1 名窗口人员未佩戴工作牌。' }),
      'management.discipline': ok(),
      'management.tidiness': ok({ counts: { lapses: 1 } }),
      'management.rules': ok({ present: ['考勤请假制度', 'AB岗制度', '值班制度', '首问负责制度', '容缺受理制度', '投诉处理制度'] }),
      'management.amenities': ok({ present: ['自动饮水', '便民充电', '雨具', '复印打印', '阅读'] }),
      'management.complaints': ok(),
      'satisfaction.online': ok({ counts: { sampled: 5, not_operable: 1 } }),
      'satisfaction.nearby': ok(),
      'satisfaction.selfservice': ok({ flags: { running: true } }),
      'satisfaction.survey': ok({ decimals: { rate: '98.75' } }),
      'satisfaction.innovation': ok({
        decimals: { score: '6.5' },
        reason: '“帮办代办”服务获通报表扬并经市级媒体报道，尚未形成全市推广的经验做法。',
        honours: [
          { kind: '通报表扬', date: '2024-11-15', source: '神木市人民政府办公室' },
          { kind: '市级以上媒体刊登播出', date: '2025-01-08', source: '榆林日报' },
        ],
      }),
    },
    veto: { 'veto.incident': 'no', 'veto.accident': 'no' },
  };
}

export const dom = (id: string) => id.replace(/\./g, '-');
export const card = (page: Page, id: string) => page.locator(`#item-${dom(id)}`);
export const field = (page: Page, id: string, f: string) => page.locator(`#f-${dom(id)}-${f}`);
export const itemScore = (page: Page, id: string) => card(page, id).getByTestId('item-score');
export const summary = (page: Page) => page.locator('section[aria-label=自评结果]');

/** Opens the page and waits for the WebAssembly app to draw the sheet. */
export async function open(page: Page) {
  const crashes: string[] = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  await page.goto('/');
  await expect(card(page, 'site.signage')).toBeVisible();
  await expect(page.locator('article.item')).toHaveCount(21);
  return crashes;
}

/** Enters one item's answer by ticking, typing and pressing keys, then confirms it. */
export async function fillItem(page: Page, id: string, a: ItemAnswer) {
  const c = card(page, id);
  for (const name of a.present ?? []) {
    await c.getByLabel(name, { exact: true }).check();
  }
  for (const [flag, on] of Object.entries(a.flags ?? {})) {
    await field(page, id, flag).setChecked(on);
  }
  const counts = { ...(a.counts ?? {}) };
  if ('satisfied' in counts || 'valid' in counts) {
    await field(page, id, 'mode-counts').check();
  }
  for (const [name, n] of Object.entries(counts)) {
    await field(page, id, name).fill(String(n));
  }
  for (const [name, d] of Object.entries(a.decimals ?? {})) {
    await field(page, id, name).fill(d);
  }
  if (a.reason) {
    await field(page, id, 'reason').fill(a.reason);
  }
  for (const name of a.others ?? []) {
    await field(page, id, 'other-new').fill(name);
    await field(page, id, 'other-new').press('Enter');
    await expect(c.locator('.other-list li', { hasText: name })).toBeVisible();
  }
  for (const [i, h] of (a.honours ?? []).entries()) {
    await c.getByRole('button', { name: '添加一条荣誉' }).click();
    await field(page, id, `honour-${i}-kind`).selectOption(h.kind);
    await field(page, id, `honour-${i}-date`).fill(h.date);
    await field(page, id, `honour-${i}-source`).fill(h.source);
  }
  if (a.note) {
    await field(page, id, 'note').fill(a.note);
  }
  if (a.status === 'confirmed') {
    await field(page, id, 'confirm').check();
  }
  // Every value was accepted: no message is left on the card.
  await expect(c.locator('.field-error')).toHaveCount(0);
}

/** Enters a whole answer set, item by item in the sheet's order, then the veto questions. */
export async function fillAll(page: Page, answers: Answers) {
  for (const id of ITEM_IDS) {
    const a = answers.items[id];
    if (a) await fillItem(page, id, a);
  }
  for (const [id, v] of Object.entries(answers.veto)) {
    await page.locator(`#${dom(id)}-${v}`).check();
  }
}

/** What `xingping score --json` says about one file. */
export type CliResult = {
  ok: boolean;
  total: string;
  level: string;
  final: boolean;
  assessed: number;
  item_count: number;
  best_reachable: string;
  sections: Record<string, string>;
  items: Record<string, string | null>;
  errors: unknown[];
};

/** Writes `answers` as a format-v1 submission file (no stored result: the CLI computes it). */
export function writeSubmission(file: string, answers: Answers, unitName = '神木市测试镇便民服务中心') {
  const submission = {
    format: 'xingping-submission',
    format_version: 1,
    rubric: { id: 'shenmu-2024', version: '1' },
    app_version: '0.1.0',
    saved_at: '2025-04-20T10:30:00+08:00',
    year: 2025,
    unit: { name: unitName },
    answers,
  };
  writeFileSync(file, JSON.stringify(submission, null, 2));
}

/**
 * Scores a submission file with the native command line (`cargo run --bin xingping -- score
 * FILE --json`), building it first if needed. `XP_CLI` may name a built binary instead.
 *
 * It builds in its own target directory (target/e2e-cli): `cargo test` builds the same binary
 * with the dev-dependencies' features, so sharing target/debug would rebuild the crate
 * at every switch between the two and wait on the other's lock.
 */
export function scoreWithCli(file: string): CliResult {
  const cargoBin = path.join(process.env.CARGO_HOME ?? path.join(homedir(), '.cargo'), 'bin');
  const env = {
    ...process.env,
    PATH: `${cargoBin}:${process.env.PATH}`,
    CARGO_TARGET_DIR: path.join(REPO, 'target/e2e-cli'),
  };
  const cli = process.env.XP_CLI;
  const [cmd, args] = cli && existsSync(cli)
    ? [cli, ['score', file, '--json']]
    : ['cargo', ['run', '--quiet', '--offline', '--bin', 'xingping', '--', 'score', file, '--json']];
  const out = execFileSync(cmd, args, { cwd: REPO, env, encoding: 'utf8', maxBuffer: 16 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  const results = JSON.parse(out) as CliResult[];
  expect(results).toHaveLength(1);
  return results[0];
}

/** The level badge as the page words it: 预测：… until everything is answered. */
export const levelText = (r: CliResult) => (r.final ? r.level : `预测：${r.level}`);

/** Asserts that every figure the page shows equals what the command line computed. */
export async function expectPageMatches(page: Page, r: CliResult) {
  const s = summary(page);
  await expect(s.getByTestId('total')).toHaveText(r.total);
  await expect(s.getByTestId('assessed')).toHaveText(`${r.assessed}/${r.item_count}`);
  await expect(s.getByTestId('best')).toHaveText(r.best_reachable);
  await expect(s.getByTestId('level')).toHaveText(levelText(r));
  for (const id of SECTION_IDS) {
    const max = { site: 20, items: 25, process: 10, management: 20, satisfaction: 25 }[id];
    await expect(page.getByTestId(`subtotal-${id}`), id).toHaveText(`${r.sections[id]} / ${max} 分`);
  }
  for (const id of ITEM_IDS) {
    const want = r.items[id];
    await expect(itemScore(page, id), id).toHaveText(want === null || want === undefined ? '未评' : `${want} 分`);
  }
}

/** The figures a test watches to prove a bad value changed nothing. */
export async function snapshot(page: Page, id: string) {
  const s = summary(page);
  return {
    item: await itemScore(page, id).textContent(),
    total: await s.getByTestId('total').textContent(),
    level: await s.getByTestId('level').textContent(),
  };
}

export async function expectUnchanged(page: Page, id: string, before: Awaited<ReturnType<typeof snapshot>>) {
  const s = summary(page);
  await expect(itemScore(page, id)).toHaveText(before.item!);
  await expect(s.getByTestId('total')).toHaveText(before.total!);
  await expect(s.getByTestId('level')).toHaveText(before.level!);
}

/** The error paragraph that belongs to one field (linked by aria-describedby). */
export function errorOf(page: Page, input: Locator) {
  // The field's box, or for an honour its row.
  return input.locator('xpath=ancestor::*[self::div[contains(@class,"field")] or self::li[@class="honour"]][1]').locator('p.field-error');
}
