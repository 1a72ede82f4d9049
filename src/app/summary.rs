//! The summary that stays in view: total, 已评 N/21, best reachable total, the predicted
//! level, points to the next level, the 一票否决 banner and a chart of the sections.
//! Plain view functions of the [`Report`].

use super::html::{el, El, Html};
use crate::rubric::Rubric;
use crate::score::{fmt_num, fmt_score, Level, Report};
use rust_decimal::Decimal;

/// The CSS class of a level's badge (the badge also carries the level as text).
fn level_class(level: &Level) -> &'static str {
    match level {
        Level::Star(name) if name == "五星" => "five",
        Level::Star(name) if name == "四星" => "four",
        Level::Star(_) => "three",
        Level::Unrated => "unrated",
        Level::Vetoed => "vetoed",
    }
}

/// What the badge says: the level, marked 预测 until everything is answered. A veto is not a
/// prediction: no other answer can lift it.
pub fn level_text(report: &Report) -> String {
    if report.is_final || report.vetoed() {
        report.level.label().to_string()
    } else {
        format!("预测：{}", report.level.label())
    }
}

/// One figure of the bar: `<p class>` with its label and its value.
fn figure(class: &'static str, label: &'static str, value: El) -> El {
    el("p").attr("class", class).child(el("span").attr("class", "label").text(label)).child(value)
}

/// The summary bar.
pub fn summary(r: &Report) -> Html {
    let vetoed = r.vetoed();
    let total = fmt_score(r.total);
    let announce = if vetoed {
        format!("总分 {total} 分，一票否决，总分作废")
    } else {
        format!("总分 {total} 分，{}", level_text(r))
    };
    let total_value = el(if vetoed { "s" } else { "span" })
        .attr("class", "value")
        .attr("data-testid", "total")
        .attr_opt("aria-label", vetoed.then(|| format!("{total} 分，已作废")))
        .text(total);
    el("section")
        .class(&[Some("summary"), vetoed.then_some("is-vetoed")])
        .attr("aria-label", "自评结果")
        .child(vetoed.then(|| {
            el("p")
                .attr("class", "veto-banner")
                .attr("role", "alert")
                .child(el("strong").text("一票否决："))
                .text(Rubric::shenmu_2024().veto.consequence.as_str())
                .text("总分作废。")
        }))
        .child(
            el("div")
                .attr("class", "figures")
                .child(figure("total", "总分", total_value).child(el("span").attr("class", "unit").text("分")))
                .child(figure(
                    "assessed",
                    "已评",
                    el("span").attr("data-testid", "assessed").text(format!("{}/{}", r.assessed, r.item_count)),
                ))
                .child(figure(
                    "best",
                    "最高可达",
                    el("span").attr("data-testid", "best").text(fmt_score(r.best_reachable)),
                ))
                .child(
                    el("p")
                        .class(&[
                            Some("badge"),
                            Some(level_class(&r.level)),
                            (!r.is_final && !vetoed).then_some("predicted"),
                        ])
                        .attr("data-testid", "level")
                        .text(level_text(r)),
                )
                .child(r.next.as_ref().map(|n| {
                    el("p").attr("class", "next").attr("data-testid", "next").text(format!(
                        "距{}还差 {} 分",
                        n.name,
                        fmt_score(n.needed)
                    ))
                })),
        )
        .child(el("p").attr("class", "sr-only").attr("aria-live", "polite").attr("aria-atomic", "true").text(announce))
        .into()
}

/// A bar per section: its subtotal against its maximum, in plain SVG.
pub fn section_chart(report: &Report) -> Html {
    const ROW: i32 = 24;
    const LABEL: i32 = 76;
    const BAR: i32 = 130;
    let sections = &report.sections;
    let height = ROW * i32::try_from(sections.len()).unwrap_or(0) + 4;
    let width = |score: Decimal, max: Decimal| -> i32 {
        if max.is_zero() {
            return 0;
        }
        let w = (score / max * Decimal::from(BAR)).round();
        i32::try_from(w.mantissa()).unwrap_or(0).clamp(0, BAR)
    };
    let summary: Vec<String> =
        sections.iter().map(|s| format!("{} {} / {}", s.name, fmt_score(s.score), fmt_num(s.max))).collect();
    let rect = |y: i32, width: i32, class: &'static str| {
        el("rect")
            .attr("x", LABEL.to_string())
            .attr("y", y.to_string())
            .attr("width", width.to_string())
            .attr("height", "18")
            .attr("class", class)
    };
    el("figure")
        .attr("class", "chart")
        .child(
            el("svg")
                .attr("viewBox", format!("0 0 {} {height}", LABEL + BAR + 74))
                .attr("role", "img")
                .attr("aria-label", format!("各部分得分：{}", summary.join("，")))
                .kids(sections.iter().enumerate().map(|(i, s)| {
                    let y = 4 + ROW * i32::try_from(i).unwrap_or(0);
                    el("g")
                        .key(s.id.clone())
                        .child(
                            el("text")
                                .attr("x", "0")
                                .attr("y", (y + 15).to_string())
                                .attr("class", "chart-label")
                                .text(s.name.clone()),
                        )
                        .child(rect(y, BAR, "chart-max"))
                        .child(rect(y, width(s.score, s.max), "chart-score"))
                        .child(
                            el("text")
                                .attr("x", (LABEL + BAR + 6).to_string())
                                .attr("y", (y + 15).to_string())
                                .attr("class", "chart-value")
                                .text(format!("{} / {}", fmt_score(s.score), fmt_num(s.max))),
                        )
                })),
        )
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{Answers, VetoAnswer};
    use crate::score::score;

    fn report(answers: &Answers) -> Report {
        score(Rubric::shenmu_2024(), answers)
    }

    #[test]
    fn an_empty_sheet_shows_a_predicted_level_and_no_veto() {
        let r = report(&Answers::default());
        let html = summary(&r).to_html();
        assert!(html.starts_with("<section class=\"summary\" aria-label=\"自评结果\">"), "{html}");
        assert!(html.contains("<span class=\"value\" data-testid=\"total\">0.0</span><span class=\"unit\">分</span>"));
        assert!(html.contains(&format!("<span data-testid=\"assessed\">0/{}</span>", r.item_count)));
        assert!(html.contains("badge unrated predicted"), "{html}");
        assert!(html.contains(&format!(">预测：{}</p>", r.level.label())));
        assert!(!html.contains("veto-banner"));
        assert!(!html.contains("<s "));
    }

    #[test]
    fn a_veto_strikes_the_total_and_says_why() {
        let mut answers = Answers::default();
        answers.veto.insert("veto.accident".into(), VetoAnswer::Yes);
        let r = report(&answers);
        assert!(r.vetoed());
        let html = summary(&r).to_html();
        assert!(html.contains("class=\"summary is-vetoed\""));
        assert!(html.contains("<p class=\"veto-banner\" role=\"alert\"><strong>一票否决：</strong>"));
        assert!(
            html.contains("<s class=\"value\" data-testid=\"total\" aria-label=\"0.0 分，已作废\">0.0</s>"),
            "{html}"
        );
        assert!(html.contains("class=\"badge vetoed\""), "a veto is not predicted");
        assert!(html.contains("总分 0.0 分，一票否决，总分作废"));
        assert_eq!(level_text(&r), r.level.label());
    }

    #[test]
    fn the_chart_has_a_bar_per_section() {
        let r = report(&Answers::default());
        let html = section_chart(&r).to_html();
        assert_eq!(html.matches("class=\"chart-score\"").count(), r.sections.len());
        assert_eq!(html.matches("width=\"0\"").count(), r.sections.len(), "nothing scored yet");
        assert!(html.contains(&format!("viewBox=\"0 0 280 {}\"", 24 * r.sections.len() + 4)));
        assert!(html.contains(&format!(">{}</text>", r.sections[0].name)));
    }
}
