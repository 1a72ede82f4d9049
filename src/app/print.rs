//! The print-ready official pages: 附件1 as a bordered table with the stamp rows left blank,
//! 附件2 as the official table with the self-assessed scores and a short reason per item, and
//! an optional page of notes and evidence. Laid out for A4 portrait by `@media print` rules in
//! `styles/app.css`; the same markup is the on-screen print preview.

use super::html::{el, El, Html, Str};
use crate::answers::{Answers, VetoAnswer};
use crate::rubric::{Rubric, Rule};
use crate::score::{fmt_num, fmt_score, Report, VOID_MARK};
use crate::submission::Unit;

/// The text, or a blank to write on when there is none.
fn or_blank(text: &str) -> Html {
    if text.trim().is_empty() {
        el("span").attr("class", "blank").text("\u{00a0}").into()
    } else {
        text.to_string().into()
    }
}

/// `<el>` with its lines of text, a `<br>` between them.
fn lines(mut e: El, lines: &[&'static str]) -> El {
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            e = e.child(el("br"));
        }
        e = e.text(*line);
    }
    e
}

/// A row's heading on 附件1 (`<th scope="row">`), its lines broken as on the official form.
fn row_head(text: &[&'static str]) -> El {
    lines(el("th").attr("scope", "row"), text)
}

/// A row of 附件1: its heading and one cell across the other three columns.
fn row(head: El, cell: El) -> El {
    el("tr").child(head).child(cell.attr("colspan", "3"))
}

/// A row of 附件1 with a field's value, blank when unfilled.
fn field_row(head: &[&'static str], value: &str) -> El {
    row(row_head(head), el("td").child(or_blank(value)))
}

/// A row of 附件1 left for an office's stamp and date.
fn stamp_row(head: &[&'static str]) -> El {
    row(row_head(head), el("td").child(lines(el("p").attr("class", "stamp-sign"), &["（盖章）", "年　　月　　日"])))
        .attr("class", "stamp")
}

/// A cell with a text.
fn td(text: impl Into<Str>) -> El {
    el("td").text(text)
}

/// A cell of class `class` with a text.
fn td_class(class: &'static str, text: impl Into<Str>) -> El {
    td(text).attr("class", class)
}

/// `<col>`s of these classes (`""` for none).
fn cols(classes: &[&'static str]) -> El {
    el("colgroup").kids(classes.iter().map(|c| if c.is_empty() { el("col") } else { el("col").attr("class", *c) }))
}

/// A table's head: one row of these headings.
fn head(cells: &[&'static str]) -> El {
    el("thead").child(el("tr").kids(cells.iter().map(|c| el("th").text(*c))))
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
pub fn print_view(unit: &Unit, answers: &Answers, r: &Report, with_notes: bool) -> Html {
    let rubric = Rubric::shenmu_2024();
    let void = if r.vetoed() { VOID_MARK } else { "" };
    let notes: Vec<(&'static str, String)> = rubric
        .items()
        .filter_map(|item| {
            let a = answers.items.get(&item.id)?;
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
            (!parts.is_empty()).then(|| (item.name.as_str(), parts.join("\n")))
        })
        .collect();
    let page = |class: &'static str, no: &'static str, title: &'static str| {
        el("section")
            .attr("class", class)
            .child(el("p").attr("class", "annex-no").text(no))
            .child(el("h1").attr("class", "annex-title").text(title))
    };

    let annex1 = page("sheet-page annex1", "附件1", "神木市星级政务服务机构评定申报表")
        .child(
            el("p")
                .attr("class", "stamp-line")
                .child(el("span").text("申报单位：（盖章）"))
                .child(el("span").text("年　　月　　日")),
        )
        .child(
            el("table").attr("class", "form-table").child(cols(&["c-label", "", "c-label2", "c-value2"])).child(
                el("tbody")
                    .child(row(
                        row_head(&["站（中心）名称"]),
                        el("td").attr("data-testid", "print-name").child(or_blank(&unit.name)),
                    ))
                    .child(field_row(&["办公地址"], &unit.address))
                    .child(field_row(&["申报创建星级"], &unit.declared_level))
                    .child(field_row(&["站（中心）负责人", "姓名及职务"], &unit.leader))
                    .child(
                        el("tr")
                            .child(row_head(&["联系人"]))
                            .child(el("td").child(or_blank(&unit.contact)))
                            .child(row_head(&["联系电话"]))
                            .child(el("td").child(or_blank(&unit.phone))),
                    )
                    .child(
                        row(
                            row_head(&["自评情况"])
                                .child(el("br"))
                                .child(lines(el("span").attr("class", "small"), &["（依据考核要求", "进行自评）"])),
                            el("td")
                                .attr("class", "self-assessment")
                                .child(or_blank(&unit.self_assessment))
                                .child(el("p").attr("class", "small right").text("可另附页")),
                        )
                        .attr("class", "tall"),
                    )
                    .child(stamp_row(&["镇（街）推荐", "意见"]))
                    .child(stamp_row(&["市星级创建", "工作领导小组", "办公室意见"])),
            ),
        );

    let sections = rubric.sections.iter().zip(&r.sections).map(|(section, sub)| {
        let rows = section.items.iter().enumerate().map(|(i, item)| {
            let score = r.item(&item.id).filter(|s| s.is_counted()).map(|s| fmt_score(s.counted()));
            // Consecutive items of one 二级指标 share its cell, as on the sheet.
            let first_of_indicator = i == 0 || section.items[i - 1].indicator != item.indicator;
            let span = section.items[i..].iter().take_while(|x| x.indicator == item.indicator).count();
            let discretionary = matches!(item.rule, Rule::Discretionary { .. });
            el("tr")
                .key(item.id.as_str())
                .attr("data-testid", format!("print-row-{}", item.id))
                .child((i == 0).then(|| {
                    el("th")
                        .attr("scope", "rowgroup")
                        .attr("rowspan", section.items.len().to_string())
                        .attr("class", "primary")
                        .text(section.name.as_str())
                        .child(el("br"))
                        .text(format!("（{}分）", fmt_num(section.max)))
                        .child(el("br"))
                        .child(el("span").attr("class", "small").text(format!("得 {}", fmt_score(sub.score))))
                }))
                .child(first_of_indicator.then(|| td(item.indicator.as_str()).attr("rowspan", span.to_string())))
                .child(td_class("text", item.requirement.as_str()))
                .child(td_class("num", format!("{}分", fmt_num(item.max))))
                .child(td_class("text", item.criteria.as_str()))
                .child(td_class("num score", score.unwrap_or_else(|| "未评".into())).attr("data-testid", "print-score"))
                .child(
                    td(short_reason(r, answers, &item.id))
                        .class(&[Some("text reason"), discretionary.then_some("discretionary")]),
                )
        });
        el("tbody").attr("class", "section-rows").key(section.id.as_str()).kids(rows)
    });

    let vetoes = rubric.veto.items.len().to_string();
    let veto_rows = rubric.veto.items.iter().enumerate().map(|(i, v)| {
        let said = match answers.veto.get(&v.id).copied().unwrap_or_default() {
            VetoAnswer::Yes => "是",
            VetoAnswer::No => "否",
            VetoAnswer::Unanswered => "未答",
        };
        el("tr")
            .key(v.id.as_str())
            .child((i == 0).then(|| {
                el("th")
                    .attr("scope", "rowgroup")
                    .attr("rowspan", vetoes.clone())
                    .attr("class", "primary")
                    .text("一票否决")
            }))
            .child(td(v.name.as_str()))
            .child(td_class("text", v.text.as_str()))
            .child(el("td"))
            .child((i == 0).then(|| td_class("text", rubric.veto.consequence.as_str()).attr("rowspan", vetoes.clone())))
            .child(td_class("num score", said))
            .child(el("td"))
    });

    let annex2 = page("sheet-page annex2", "附件2", rubric.title.as_str())
        .child(
            el("p")
                .attr("class", "meta-line")
                .child(
                    el("span")
                        .text("机构名称：")
                        .child(el("u").attr("data-testid", "print-unit").child(or_blank(&unit.name))),
                )
                .child(
                    el("span")
                        .text("自评得分：")
                        .child(el("u").attr("data-testid", "print-total").text(fmt_score(r.total)))
                        .text(" 分")
                        .text(void),
                )
                .child(el("span").text("自评等级：").child(
                    el("u").text(r.level.label().to_string()).text(if r.is_final || r.vetoed() {
                        ""
                    } else {
                        "（预测）"
                    }),
                )),
        )
        .child(
            el("table")
                .attr("class", "score-table")
                .child(cols(&["c-primary", "c-secondary", "c-req", "c-max", "c-criteria", "c-score", "c-reason"]))
                .child(head(&["一级指标", "二级指标", "评分要求", "分值", "评分细则", "自评打分", "失分说明"]))
                .kids(sections)
                .child(el("tbody").attr("class", "section-rows").kids(veto_rows))
                .child(
                    el("tfoot").child(
                        el("tr")
                            .child(el("th").attr("colspan", "5").attr("class", "right").text("自评得分合计"))
                            .child(
                                td_class("num score", fmt_score(r.total)).attr("data-testid", "print-sum").text(void),
                            )
                            .child(td(format!("已评 {}/{}", r.assessed, r.item_count))),
                    ),
                ),
        );

    let notes_page = (with_notes && !notes.is_empty()).then(|| {
        page("sheet-page notes", "附页", "整改说明与佐证材料")
            .child(
                el("p")
                    .attr("class", "meta-line")
                    .child(el("span").text("机构名称：").child(el("u").child(or_blank(&unit.name)))),
            )
            .child(el("table").attr("class", "notes-table").child(head(&["项目", "说明"])).child(el("tbody").kids(
                notes.into_iter().map(|(name, text)| {
                    el("tr").key(name).child(el("th").attr("scope", "row").text(name)).child(td_class("text pre", text))
                }),
            )))
    });

    el("div")
        .attr("class", "print-view")
        .attr("data-testid", "print-view")
        .child(annex1)
        .child(annex2)
        .child(notes_page)
        .into()
}

#[cfg(test)]
mod tests {
    // The markup of the print pages is pinned in tests/pages.rs; this is the cut of a reason.
    use super::*;
    use crate::answers::{ItemAnswer, Status};
    use crate::score::score;

    #[test]
    fn a_long_reason_is_cut_at_80_characters() {
        let mut a = Answers::default();
        let long = "很".repeat(100);
        let answer = ItemAnswer {
            status: Status::Confirmed,
            decimals: [("score".to_string(), rust_decimal::Decimal::new(95, 1))].into(),
            reason: long,
            ..ItemAnswer::default()
        };
        a.items.insert("process.standard".into(), answer);
        let report = score(Rubric::shenmu_2024(), &a);
        assert_eq!(short_reason(&report, &a, "process.standard"), format!("{}…", "很".repeat(80)));
        assert_eq!(short_reason(&report, &a, "site.windows"), "", "未评 has no reason");
    }
}
