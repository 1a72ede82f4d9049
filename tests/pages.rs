//! Native render tests of the declaration form and the print view (附件1, 附件2, notes page).

use xingping::answers::{Answers, ItemAnswer, Status, VetoAnswer};
use xingping::app::declaration::{declaration_form, DeclUi};
use xingping::app::print::print_view;
use xingping::rubric::Rubric;
use xingping::score::score;
use xingping::submission::Unit;

fn unit() -> Unit {
    Unit {
        name: "神木市<b>测试</b>镇便民服务中心".into(),
        address: "神木市测试镇人民路 1 号".into(),
        declared_level: "四星".into(),
        leader: "张三　中心主任".into(),
        contact: "李四".into(),
        phone: "0912-8321234".into(),
        self_assessment: "对照评分表逐项自评。".into(),
    }
}

fn answers() -> Answers {
    let mut a = Answers::default();
    a.items.insert(
        "site.signage".into(),
        ItemAnswer {
            status: Status::Confirmed,
            flags: [("no_sign".to_string(), true)].into(),
            note: "已订制新标牌".into(),
            ..ItemAnswer::default()
        },
    );
    a.items.insert(
        "process.standard".into(),
        ItemAnswer {
            status: Status::Confirmed,
            decimals: [("score".to_string(), rust_decimal::Decimal::new(95, 1))].into(),
            reason: "部分事项流程图未更新".into(),
            ..ItemAnswer::default()
        },
    );
    a.veto.insert("veto.incident".into(), VetoAnswer::No);
    a
}

fn print_html(with_notes: bool) -> String {
    print_answers(answers(), with_notes)
}

fn print_answers(answers: Answers, with_notes: bool) -> String {
    let report = score(Rubric::shenmu_2024(), &answers);
    print_view(&unit(), &answers, &report, with_notes).to_html()
}

#[test]
fn the_print_view_has_both_annexes_with_the_scores() {
    let html = print_html(true);
    // 附件1 with its fields, the stamp rows left blank, names escaped as text.
    assert!(html.contains("神木市星级政务服务机构评定申报表"));
    assert!(html.contains("神木市&lt;b&gt;测试&lt;/b&gt;镇便民服务中心"), "names are text, not HTML");
    assert!(!html.contains("<b>测试</b>"));
    for text in
        ["申报单位：（盖章）", "镇（街）推荐", "办公室意见", "0912-8321234", "四星", "张三　中心主任", "可另附页"]
    {
        assert!(html.contains(text), "{text}");
    }
    assert_eq!(html.matches("（盖章）").count(), 3, "the unit's stamp and two opinion rows");
    // 附件2: header, every item's 评分要求, its score or 未评, the total.
    for head in ["一级指标", "二级指标", "评分要求", "分值", "评分细则", "自评打分", "失分说明"]
    {
        assert!(html.contains(head), "{head}");
    }
    for item in Rubric::shenmu_2024().items() {
        assert!(html.contains(&format!("print-row-{}", item.id)), "{}", item.id);
    }
    assert!(html.contains("10.5"), "total 1.0 + 9.5");
    assert_eq!(html.matches(">未评<").count(), 19, "19 items are not assessed");
    assert!(html.contains("部分事项流程图未更新"), "the short reason of a discretionary score");
    assert!(html.contains("3 − 2（未设置服务站（中心）标识）= 1"), "the reason of a deduction");
    // The notes page.
    assert!(html.contains("<p class=\"annex-no\">附页</p><h1 class=\"annex-title\">整改说明与佐证材料</h1>"));
    assert!(html.contains("<td class=\"text pre\">整改说明／佐证材料：已订制新标牌</td>"));
    assert!(html.contains("<td class=\"text pre\">理由：部分事项流程图未更新</td>"));
}

/// The markup of the 附件2 row of item `id`.
fn print_row(html: &str, id: &str) -> String {
    let start = html.find(&format!("data-testid=\"print-row-{id}\"")).expect("the row");
    html[start..start + html[start..].find("</tr>").expect("its end")].to_string()
}

#[test]
fn annex_1_prints_each_field_in_its_cell_and_a_blank_for_an_empty_one() {
    let answers = answers();
    let report = score(Rubric::shenmu_2024(), &answers);
    let html = print_view(&Unit { address: String::new(), ..unit() }, &answers, &report, false).to_html();
    assert!(
        html.contains("<td data-testid=\"print-name\" colspan=\"3\">神木市&lt;b&gt;测试&lt;/b&gt;镇便民服务中心</td>")
    );
    assert!(html.contains("<th scope=\"row\">办公地址</th><td colspan=\"3\"><span class=\"blank\">\u{a0}</span></td>"));
    assert!(html.contains("<th scope=\"row\">站（中心）负责人<br>姓名及职务</th><td colspan=\"3\">张三　中心主任</td>"));
    assert!(
        html.contains("<th scope=\"row\">联系人</th><td>李四</td><th scope=\"row\">联系电话</th><td>0912-8321234</td>")
    );
    assert_eq!(html.matches("<tr class=\"stamp\">").count(), 2);
    assert!(html.contains("<p class=\"small right\">可另附页</p>"));
}

#[test]
fn annex_2_prints_each_item_score_with_its_reason_and_the_sum() {
    let html = print_html(false);
    let standard = print_row(&html, "process.standard");
    assert!(standard.contains("<td class=\"num score\" data-testid=\"print-score\">9.5</td>"), "{standard}");
    assert!(standard.contains("<td class=\"text reason discretionary\">部分事项流程图未更新</td>"), "{standard}");
    let signage = print_row(&html, "site.signage");
    assert!(signage.contains("data-testid=\"print-score\">1.0</td>"), "{signage}");
    // The first row of a section carries the section's heading across its rows.
    let first = &Rubric::shenmu_2024().sections[0];
    let row = print_row(&html, &first.items[0].id);
    assert!(row.contains(&format!("rowspan=\"{}\" class=\"primary\">{}<br>", first.items.len(), first.name)));
    assert!(html.contains("<u data-testid=\"print-total\">10.5</u> 分</span>"));
    assert!(html.contains("data-testid=\"print-sum\">10.5</td><td>已评 2/21</td>"), "{html}");
    assert!(html.contains("<td class=\"num score\">否</td>") && html.contains("<td class=\"num score\">未答</td>"));
}

#[test]
fn a_vetoed_total_is_printed_as_void() {
    let html = print_html(false);
    assert!(!html.contains("总分作废"));
    let mut vetoed = answers();
    vetoed.veto.insert("veto.accident".into(), VetoAnswer::Yes);
    let html = print_answers(vetoed, false);
    assert!(html.contains("10.5</u> 分（一票否决，总分作废）"), "the total stays, marked void");
    assert_eq!(html.matches("总分作废").count(), 2, "in the header and in the sum at the foot of 附件2");
    assert!(html.contains("data-testid=\"print-sum\">10.5（一票否决，总分作废）</td>"));
    assert!(html.contains("<td class=\"num score\">是</td>"));
    assert!(html.contains("<u>一票否决</u>"), "a veto is not a prediction");
}

#[test]
fn the_notes_page_is_optional() {
    let html = print_html(false);
    assert!(!html.contains("整改说明与佐证材料"));
    assert!(!print_answers(Answers::default(), true).contains("整改说明与佐证材料"), "no page without notes");
    assert!(html.contains("神木市镇（街）星级便民服务机构创建评分表"));
}

#[test]
fn the_declaration_form_shows_fields_and_warnings() {
    let answers = answers();
    let report = score(Rubric::shenmu_2024(), &answers);
    let unit = Unit { phone: "123".into(), ..unit() };
    let html = declaration_form(&DeclUi::default(), &unit, 2026, &answers, &report, Some((2026, 5, 3))).to_html();
    for label in
        ["站（中心）名称", "办公地址", "申报创建星级", "站（中心）负责人姓名及职务", "联系人", "联系电话", "自评情况"]
    {
        assert!(html.contains(label), "{label}");
    }
    assert!(html.contains("申报四星，自评预测不予评定，差 74.5 分。"), "{html}");
    assert!(html.contains("尚有 19 项未评"));
    assert!(html.contains("申报截止日期（2026 年 4 月 30 日）已过。"));
    assert!(html.contains("重新生成"), "a filled 自评情况 offers to redraft");
    // The plan's rules on declaring, the 五星 year off and the 奖补 instalments, word for word.
    assert!(html.contains("申报须知（摘自实施方案）"));
    for note in xingping::declaration::PLAN_NOTES {
        assert!(html.contains(note), "{note}");
    }
}
