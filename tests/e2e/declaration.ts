// Helpers shared by the 附件1 and print specs: a township's answers with notes on the items
// that lost points, the figures expected from them (by hand, see form.ts), and the 附件1
// fields as a clerk types them.
import { expect, type Page } from '@playwright/test';
import { errorOf, mixedTownship, type Answers } from './form';

/**
 * examples/mixed-township.json with a 整改说明 on more of the items that lost points, as a
 * clerk who explains each deduction would write. Scores are unchanged: 88.7, 四星, final.
 */
export function townshipWithNotes(): Answers {
  const a = mixedTownship();
  const notes: Record<string, string> = {
    'site.areas': '自助服务区和政府信息公开查阅点正在建设，预计 5 月底投入使用。',
    'items.stations': '退役军人服务站事项尚未进驻，已与市退役军人事务局对接。',
    'management.amenities': '自助照相设备已列入采购计划。',
    'satisfaction.survey': '对 5 名不满意群众逐一回访，问题均已整改。',
  };
  for (const [id, note] of Object.entries(notes)) a.items[id] = { ...a.items[id], note };
  return a;
}

/**
 * Every item that loses points in [`townshipWithNotes`], in the sheet's order: name, maximum,
 * score and the points lost (form.ts derives each score by hand from the rules).
 */
export const LOST: { id: string; name: string; max: number; got: string; lost: string }[] = [
  { id: 'site.signage', name: '标识标志', max: 3, got: '2.8', lost: '0.2' },
  { id: 'site.areas', name: '功能分布', max: 3, got: '2.0', lost: '1.0' },
  { id: 'site.facilities', name: '设施配备', max: 4, got: '3.5', lost: '0.5' },
  { id: 'items.complete', name: '应进全进', max: 5, got: '4.5', lost: '0.5' },
  { id: 'items.stations', name: '基层站所事项进驻', max: 8, got: '6.0', lost: '2.0' },
  { id: 'items.dynamic', name: '动态调整', max: 2, got: '1.6', lost: '0.4' },
  { id: 'process.standard', name: '规范流程', max: 10, got: '9.0', lost: '1.0' },
  { id: 'management.image', name: '服务形象', max: 3, got: '2.5', lost: '0.5' },
  { id: 'management.tidiness', name: '物品管理', max: 4, got: '3.5', lost: '0.5' },
  { id: 'management.amenities', name: '便民设施', max: 4, got: '2.5', lost: '1.5' },
  { id: 'satisfaction.online', name: '网办率', max: 5, got: '4.5', lost: '0.5' },
  { id: 'satisfaction.survey', name: '群众满意度', max: 6, got: '4.8', lost: '1.2' },
  { id: 'satisfaction.innovation', name: '创新做法', max: 8, got: '6.5', lost: '1.5' },
];

/** The 附件1 fields of the test township. */
export const UNIT = {
  name: '神木市某镇便民服务中心',
  address: '神木市某镇新华路 18 号便民服务大楼一层',
  level: '四星',
  leader: '王建国　中心主任',
  contact: '李晓梅',
  phone: '0912-8321234',
};

/** The declaration form's inputs. */
export const decl = (page: Page) => ({
  name: page.locator('#decl-name'),
  address: page.locator('#decl-address'),
  level: page.locator('#decl-level'),
  leader: page.locator('#decl-leader'),
  contact: page.locator('#decl-contact'),
  phone: page.locator('#decl-phone'),
  self: page.locator('#decl-self'),
  warnings: page.getByTestId('decl-warnings'),
});

/** Opens one of the three tabs. */
export async function openTab(page: Page, name: '自评打分（附件2）' | '申报表（附件1）' | '打印预览') {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** Types the 附件1 fields (not 自评情况) on the 申报表 tab. */
export async function fillDeclaration(page: Page, unit = UNIT) {
  await openTab(page, '申报表（附件1）');
  const d = decl(page);
  await d.name.fill(unit.name);
  await d.address.fill(unit.address);
  await d.level.selectOption(unit.level);
  await d.leader.fill(unit.leader);
  await d.contact.fill(unit.contact);
  await d.phone.fill(unit.phone);
  for (const input of [d.name, d.address, d.leader, d.contact, d.phone]) {
    await expect(errorOf(page, input)).toHaveCount(0);
  }
}

/** Waits until the draft is written to storage (the save indicator says 已保存). */
export async function waitSaved(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveText(/^已保存/);
}
