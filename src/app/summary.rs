//! The summary that stays in view: total, 已评 N/21, best reachable total, the predicted
//! level, points to the next level, the 一票否决 banner and a chart of the sections.

use crate::rubric::Rubric;
use crate::score::{fmt_num, fmt_score, Level, Report};
use rust_decimal::Decimal;
use yew::prelude::*;

/// Props of [`Summary`].
#[derive(Properties, PartialEq, Clone)]
pub struct SummaryProps {
    /// The scores of the current answers.
    pub report: Report,
}

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

/// The summary bar.
#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let r = &props.report;
    let vetoed = r.vetoed();
    let total = fmt_score(r.total);
    let next = r.next.as_ref().map(|n| format!("距{}还差 {} 分", n.name, fmt_score(n.needed)));
    let announce = if vetoed {
        format!("总分 {total} 分，一票否决，总分作废")
    } else {
        format!("总分 {total} 分，{}", level_text(r))
    };
    html! {
        <section class={classes!("summary", vetoed.then_some("is-vetoed"))} aria-label="自评结果">
            if vetoed {
                <p class="veto-banner" role="alert">
                    <strong>{ "一票否决：" }</strong>
                    { &Rubric::shenmu_2024().veto.consequence }{ "总分作废。" }
                </p>
            }
            <div class="figures">
                <p class="total">
                    <span class="label">{ "总分" }</span>
                    if vetoed {
                        <s class="value" data-testid="total" aria-label={format!("{total} 分，已作废")}>{ &total }</s>
                    } else {
                        <span class="value" data-testid="total">{ &total }</span>
                    }
                    <span class="unit">{ "分" }</span>
                </p>
                <p class="assessed"><span class="label">{ "已评" }</span>
                    <span data-testid="assessed">{ format!("{}/{}", r.assessed, r.item_count) }</span></p>
                <p class="best"><span class="label">{ "最高可达" }</span>
                    <span data-testid="best">{ fmt_score(r.best_reachable) }</span></p>
                <p class={classes!("badge", level_class(&r.level), (!r.is_final && !vetoed).then_some("predicted"))} data-testid="level">
                    { level_text(r) }
                </p>
                if let Some(next) = next {
                    <p class="next" data-testid="next">{ next }</p>
                }
            </div>
            <p class="sr-only" aria-live="polite" aria-atomic="true">{ announce }</p>
        </section>
    }
}

/// Props of [`SectionChart`].
#[derive(Properties, PartialEq, Clone)]
pub struct ChartProps {
    /// The scores of the current answers.
    pub report: Report,
}

/// A bar per section: its subtotal against its maximum, in plain SVG.
#[component]
pub fn SectionChart(props: &ChartProps) -> Html {
    const ROW: i32 = 24;
    const LABEL: i32 = 76;
    const BAR: i32 = 130;
    let sections = &props.report.sections;
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
    html! {
        <figure class="chart">
            <svg viewBox={format!("0 0 {} {height}", LABEL + BAR + 74)} role="img" aria-label={format!("各部分得分：{}", summary.join("，"))}>
                for (i, s) in sections.iter().enumerate() {
                    {{
                        let y = 4 + ROW * i32::try_from(i).unwrap_or(0);
                        html! {
                            <g key={s.id.clone()}>
                                <text x="0" y={(y + 15).to_string()} class="chart-label">{ &s.name }</text>
                                <rect x={LABEL.to_string()} y={y.to_string()} width={BAR.to_string()} height="18" class="chart-max" />
                                <rect x={LABEL.to_string()} y={y.to_string()} width={width(s.score, s.max).to_string()} height="18" class="chart-score" />
                                <text x={(LABEL + BAR + 6).to_string()} y={(y + 15).to_string()} class="chart-value">
                                    { format!("{} / {}", fmt_score(s.score), fmt_num(s.max)) }
                                </text>
                            </g>
                        }
                    }}
                }
            </svg>
        </figure>
    }
}
