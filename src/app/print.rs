//! The print-ready official pages: 附件1 as a bordered table with the stamp rows left blank,
//! 附件2 as the official table with the self-assessed scores and a short reason per item, and
//! an optional page of notes and evidence. Laid out for A4 portrait by `@media print` rules in
//! `styles/app.css`; the same markup is the on-screen print preview.

use crate::answers::{Answers, VetoAnswer};
use crate::rubric::{Rubric, Rule};
use crate::score::{fmt_num, fmt_score, Report, VOID_MARK};
use crate::submission::Unit;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`PrintView`].
#[derive(Properties, PartialEq, Clone)]
pub struct PrintProps {
    /// The 附件1 fields.
    pub unit: Unit,
    /// The answers (notes, reasons, honours).
    pub answers: Answers,
    /// Their scores.
    pub report: Rc<Report>,
    /// Whether to print the page of notes and evidence.
    pub with_notes: bool,
}

fn or_blank(text: &str) -> Html {
    if text.trim().is_empty() {
        html! { <span class="blank">{ "\u{00a0}" }</span> }
    } else {
        html! { { text } }
    }
}

/// A short reason for an item's score: why points were lost (empty at full marks or 未评).
fn short_reason(report: &Report, answers: &Answers, id: &str) -> String {
    let Some(s) = report.item(id) else { return String::new() };
    if !s.is_counted() {
        return String::new();
    }
    let answer = answers.items.get(id);
    match s.lost() {
        Some(l) if l.is_zero() => String::new(),
        _ => {
            let reason = answer.map(|a| a.reason.trim().to_string()).filter(|r| !r.is_empty());
            let explanation = s.outcome.as_ref().map(|o| o.explanation.clone()).unwrap_or_default();
            let text = reason.unwrap_or(explanation);
            let cut: String = text.chars().take(80).collect();
            if cut.chars().count() < text.chars().count() {
                format!("{cut}…")
            } else {
                cut
            }
        }
    }
}

/// The official pages.
#[component]
pub fn PrintView(props: &PrintProps) -> Html {
    let rubric = Rubric::shenmu_2024();
    let unit = &props.unit;
    let r = &props.report;
    let notes: Vec<(String, String)> = rubric
        .items()
        .filter_map(|item| {
            let a = props.answers.items.get(&item.id)?;
            let mut parts = Vec::new();
            if !a.note.trim().is_empty() {
                parts.push(format!("整改说明／佐证材料：{}", a.note.trim()));
            }
            if !a.reason.trim().is_empty() {
                parts.push(format!("理由：{}", a.reason.trim()));
            }
            if !a.others.is_empty() {
                parts.push(format!("其他：{}", a.others.join("、")));
            }
            for h in &a.honours {
                parts.push(format!("{}　{}　{}", h.kind, h.date, h.source));
            }
            (!parts.is_empty()).then(|| (item.name.clone(), parts.join("\n")))
        })
        .collect();

    html! {
        <div class="print-view" data-testid="print-view">
            <section class="sheet-page annex1">
                <p class="annex-no">{ "附件1" }</p>
                <h1 class="annex-title">{ "神木市星级政务服务机构评定申报表" }</h1>
                <p class="stamp-line"><span>{ "申报单位：（盖章）" }</span><span>{ "年　　月　　日" }</span></p>
                <table class="form-table">
                    <colgroup><col class="c-label" /><col /><col class="c-label2" /><col class="c-value2" /></colgroup>
                    <tbody>
                        <tr><th scope="row">{ "站（中心）名称" }</th><td colspan="3" data-testid="print-name">{ or_blank(&unit.name) }</td></tr>
                        <tr><th scope="row">{ "办公地址" }</th><td colspan="3">{ or_blank(&unit.address) }</td></tr>
                        <tr><th scope="row">{ "申报创建星级" }</th><td colspan="3">{ or_blank(&unit.declared_level) }</td></tr>
                        <tr><th scope="row">{ "站（中心）负责人" }<br />{ "姓名及职务" }</th><td colspan="3">{ or_blank(&unit.leader) }</td></tr>
                        <tr><th scope="row">{ "联系人" }</th><td>{ or_blank(&unit.contact) }</td>
                            <th scope="row">{ "联系电话" }</th><td>{ or_blank(&unit.phone) }</td></tr>
                        <tr class="tall"><th scope="row">{ "自评情况" }<br /><span class="small">{ "（依据考核要求" }<br />{ "进行自评）" }</span></th>
                            <td colspan="3" class="self-assessment">
                                { or_blank(&unit.self_assessment) }
                                <p class="small right">{ "可另附页" }</p>
                            </td></tr>
                        <tr class="stamp"><th scope="row">{ "镇（街）推荐" }<br />{ "意见" }</th>
                            <td colspan="3"><p class="stamp-sign">{ "（盖章）" }<br />{ "年　　月　　日" }</p></td></tr>
                        <tr class="stamp"><th scope="row">{ "市星级创建" }<br />{ "工作领导小组" }<br />{ "办公室意见" }</th>
                            <td colspan="3"><p class="stamp-sign">{ "（盖章）" }<br />{ "年　　月　　日" }</p></td></tr>
                    </tbody>
                </table>
            </section>

            <section class="sheet-page annex2">
                <p class="annex-no">{ "附件2" }</p>
                <h1 class="annex-title">{ &rubric.title }</h1>
                <p class="meta-line">
                    <span>{ "机构名称：" }<u data-testid="print-unit">{ or_blank(&unit.name) }</u></span>
                    <span>{ "自评得分：" }<u data-testid="print-total">{ fmt_score(r.total) }</u>{ " 分" }{ if r.vetoed() { VOID_MARK } else { "" } }</span>
                    <span>{ "自评等级：" }<u>{ r.level.label() }{ if r.is_final || r.vetoed() { "" } else { "（预测）" } }</u></span>
                </p>
                <table class="score-table">
                    <colgroup>
                        <col class="c-primary" /><col class="c-secondary" /><col class="c-req" /><col class="c-max" />
                        <col class="c-criteria" /><col class="c-score" /><col class="c-reason" />
                    </colgroup>
                    <thead>
                        <tr><th>{ "一级指标" }</th><th>{ "二级指标" }</th><th>{ "评分要求" }</th><th>{ "分值" }</th>
                            <th>{ "评分细则" }</th><th>{ "自评打分" }</th><th>{ "失分说明" }</th></tr>
                    </thead>
                    for (section, sub) in rubric.sections.iter().zip(&r.sections) {
                        <tbody class="section-rows" key={section.id.clone()}>
                            for (i, item) in section.items.iter().enumerate() {
                                {{
                                    let score = r.item(&item.id).filter(|s| s.is_counted()).map(|s| fmt_score(s.counted()));
                                    // Consecutive items of one 二级指标 share its cell, as on the sheet.
                                    let first_of_indicator = i == 0 || section.items[i - 1].indicator != item.indicator;
                                    let span = section.items[i..].iter().take_while(|x| x.indicator == item.indicator).count();
                                    let discretionary = matches!(item.rule, Rule::Discretionary { .. });
                                    html! {
                                        <tr key={item.id.clone()} data-testid={format!("print-row-{}", item.id)}>
                                            if i == 0 {
                                                <th scope="rowgroup" rowspan={section.items.len().to_string()} class="primary">
                                                    { &section.name }<br />{ format!("（{}分）", fmt_num(section.max)) }
                                                    <br /><span class="small">{ format!("得 {}", fmt_score(sub.score)) }</span>
                                                </th>
                                            }
                                            if first_of_indicator {
                                                <td rowspan={span.to_string()}>{ &item.indicator }</td>
                                            }
                                            <td class="text">{ &item.requirement }</td>
                                            <td class="num">{ format!("{}分", fmt_num(item.max)) }</td>
                                            <td class="text">{ &item.criteria }</td>
                                            <td class="num score" data-testid="print-score">
                                                { score.unwrap_or_else(|| "未评".into()) }
                                            </td>
                                            <td class={classes!("text", "reason", discretionary.then_some("discretionary"))}>
                                                { short_reason(r, &props.answers, &item.id) }
                                            </td>
                                        </tr>
                                    }
                                }}
                            }
                        </tbody>
                    }
                    <tbody class="section-rows">
                        for (i, v) in rubric.veto.items.iter().enumerate() {
                            {{
                                let said = match props.answers.veto.get(&v.id).copied().unwrap_or_default() {
                                    VetoAnswer::Yes => "是",
                                    VetoAnswer::No => "否",
                                    VetoAnswer::Unanswered => "未答",
                                };
                                html! {
                                    <tr key={v.id.clone()}>
                                        if i == 0 {
                                            <th scope="rowgroup" rowspan={rubric.veto.items.len().to_string()} class="primary">{ "一票否决" }</th>
                                        }
                                        <td>{ &v.name }</td>
                                        <td class="text">{ &v.text }</td>
                                        <td></td>
                                        if i == 0 {
                                            <td class="text" rowspan={rubric.veto.items.len().to_string()}>{ &rubric.veto.consequence }</td>
                                        }
                                        <td class="num score">{ said }</td>
                                        <td></td>
                                    </tr>
                                }
                            }}
                        }
                    </tbody>
                    <tfoot>
                        <tr><th colspan="5" class="right">{ "自评得分合计" }</th>
                            <td class="num score" data-testid="print-sum">{ fmt_score(r.total) }{ if r.vetoed() { VOID_MARK } else { "" } }</td>
                            <td>{ format!("已评 {}/{}", r.assessed, r.item_count) }</td></tr>
                    </tfoot>
                </table>
            </section>

            if props.with_notes && !notes.is_empty() {
                <section class="sheet-page notes">
                    <p class="annex-no">{ "附页" }</p>
                    <h1 class="annex-title">{ "整改说明与佐证材料" }</h1>
                    <p class="meta-line"><span>{ "机构名称：" }<u>{ or_blank(&unit.name) }</u></span></p>
                    <table class="notes-table">
                        <thead><tr><th>{ "项目" }</th><th>{ "说明" }</th></tr></thead>
                        <tbody>
                            for (name, text) in &notes {
                                <tr key={name.clone()}><th scope="row">{ name }</th><td class="text pre">{ text }</td></tr>
                            }
                        </tbody>
                    </table>
                </section>
            }
        </div>
    }
}
