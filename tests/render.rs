//! Component render tests: the page rendered to a string with `Html::to_html`, no browser.
//! They pin what a clerk sees for an empty draft, a full-marks draft and a vetoed draft, and
//! what the summary and the section chart show for a given report.

use rust_decimal_macros::dec;
use xingping::answers::{Answers, Status, VetoAnswer};
use xingping::app::state::Draft;
use xingping::app::summary::{section_chart, summary};
use xingping::app::{view, Model, Start};
use xingping::rubric::Rubric;
use xingping::score::{score, Report};

#[path = "support/answers.rs"]
mod support;
use support::{all_full_marks, A, WINDOWS};

const YEAR: i32 = 2025;

fn draft(answers: Answers) -> Draft {
    Draft { answers, ..Draft::new(YEAR) }
}

/// The page for a draft with these answers, without storage (no session, no stored drafts).
fn model(answers: Answers) -> Model {
    Model::new(Start {
        draft: draft(answers),
        this_year: YEAR,
        session: None,
        listing: Default::default(),
        notice: None,
        today: None,
    })
}

fn render_app(answers: Answers) -> String {
    view(&model(answers)).to_html()
}

/// Text escaped as `to_html` escapes it (`& < > "`), so that sheet texts can be looked up
/// verbatim.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The text content of every element carrying `data-testid="<id>"`, in document order
/// (tags inside it dropped, whitespace trimmed).
fn all_by_testid(html: &str, id: &str) -> Vec<String> {
    let needle = format!("data-testid=\"{id}\"");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        let open_start = rest[..at].rfind('<').expect("an attribute is inside a tag");
        let tag: String = rest[open_start + 1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let body_start = at + rest[at..].find('>').expect("the tag closes") + 1;
        let close = format!("</{tag}>");
        let body_end = body_start + rest[body_start..].find(&close).expect("the element closes");
        found.push(strip_tags(&rest[body_start..body_end]).trim().to_string());
        rest = &rest[body_end..];
    }
    found
}

/// The text of the one element with `data-testid="<id>"`; panics unless there is exactly one.
fn by_testid(html: &str, id: &str) -> String {
    let all = all_by_testid(html, id);
    assert_eq!(all.len(), 1, "expected one data-testid={id}, found {all:?}");
    all.into_iter().next().unwrap_or_default()
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The opening tag of the element with DOM id `id` (the attribute `id`, not `data-testid`).
fn open_tag<'a>(html: &'a str, id: &str) -> &'a str {
    let needle = format!(" id=\"{id}\"");
    let mut found = html.match_indices(&needle).map(|(at, _)| at);
    let at = found.next().unwrap_or_else(|| panic!("no element with id {id}"));
    assert!(found.next().is_none(), "more than one element with id {id}");
    let start = html[..at].rfind('<').expect("inside a tag");
    let end = at + html[at..].find('>').expect("the tag closes");
    &html[start..=end]
}

/// The attribute names of an opening tag, `<input type="radio" checked>` → `[type, checked]`
/// (quoted values skipped, so a value's text is never taken for an attribute).
fn attr_names(tag: &str) -> Vec<&str> {
    let inner = tag.trim_start_matches('<').trim_end_matches('>').trim_end_matches('/');
    let mut names = Vec::new();
    let mut rest = inner.trim_start_matches(|c: char| !c.is_whitespace()); // the tag name
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return names;
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(rest.len());
        names.push(&rest[..end]);
        rest = &rest[end..];
        if let Some(value) = rest.strip_prefix("=\"") {
            rest = &value[value.find('"').expect("the value is quoted") + 1..];
        }
    }
}

/// Whether the control with DOM id `id` is ticked: its tag has a `checked` attribute (written
/// bare by `to_html`; in HTML any `checked` attribute ticks the box).
fn is_checked(html: &str, id: &str) -> bool {
    attr_names(open_tag(html, id)).contains(&"checked")
}

fn report(answers: &Answers) -> Report {
    score(Rubric::shenmu_2024(), answers)
}

#[test]
fn an_empty_draft_shows_the_whole_sheet_unassessed() {
    let html = render_app(Answers::default());
    let rubric = Rubric::shenmu_2024();

    let mut names = 0;
    for item in rubric.items() {
        let dom = item.id.replace('.', "-");
        assert!(html.contains(&format!("id=\"item-{dom}\"")), "no card for {}", item.id);
        assert!(html.contains(&escaped(&item.name)), "name of {} missing", item.id);
        assert!(html.contains(&escaped(&item.criteria)), "评分细则 of {} missing", item.id);
        assert!(!is_checked(&html, &format!("f-{dom}-confirm")), "{} starts confirmed", item.id);
        names += 1;
    }
    assert_eq!(names, 21);
    for v in &rubric.veto.items {
        assert!(html.contains(&escaped(&v.text)), "veto text of {} missing", v.id);
        let dom = v.id.replace('.', "-");
        assert!(is_checked(&html, &format!("{dom}-unanswered")), "{} should start 未答", v.id);
        assert!(!is_checked(&html, &format!("{dom}-yes")));
        assert!(!is_checked(&html, &format!("{dom}-no")));
    }

    assert_eq!(by_testid(&html, "total"), "0.0");
    assert_eq!(by_testid(&html, "assessed"), "0/21");
    assert_eq!(by_testid(&html, "best"), "100.0");
    assert_eq!(by_testid(&html, "level"), "预测：不予评定");
    assert_eq!(by_testid(&html, "next"), "距三星还差 75.0 分");
    assert_eq!(all_by_testid(&html, "item-score"), vec!["未评"; 21]);
    for s in &rubric.sections {
        assert_eq!(by_testid(&html, &format!("subtotal-{}", s.id)), format!("0.0 / {} 分", s.max));
    }
    assert!(!html.contains("veto-banner"), "no banner before any veto is 是");
    assert!(!html.contains("<s "), "the total is not struck through");
    // The year list offers the draft's year, selected.
    assert!(html.contains("2025 年"));
}

#[test]
fn full_marks_with_both_vetoes_no_is_a_final_five_stars() {
    let html = render_app(all_full_marks());

    assert_eq!(by_testid(&html, "total"), "100.0");
    assert_eq!(by_testid(&html, "assessed"), "21/21");
    assert_eq!(by_testid(&html, "best"), "100.0");
    // Final: the level is no longer a prediction, and there is no next level.
    assert_eq!(by_testid(&html, "level"), "五星");
    assert!(all_by_testid(&html, "next").is_empty());
    let subtotals: Vec<String> = ["site", "items", "process", "management", "satisfaction"]
        .iter()
        .map(|s| by_testid(&html, &format!("subtotal-{s}")))
        .collect();
    assert_eq!(subtotals, ["20.0 / 20 分", "25.0 / 25 分", "10.0 / 10 分", "20.0 / 20 分", "25.0 / 25 分"]);

    let rubric = Rubric::shenmu_2024();
    let want: Vec<String> = rubric.items().map(|i| format!("{:.1} 分", i.max)).collect();
    assert_eq!(all_by_testid(&html, "item-score"), want);
    for item in rubric.items() {
        assert!(is_checked(&html, &format!("f-{}-confirm", item.id.replace('.', "-"))), "{} not ticked", item.id);
    }
    assert!(is_checked(&html, "veto-incident-no"));
    assert!(is_checked(&html, "veto-accident-no"));
    assert!(!html.contains("veto-banner"));
    // The ticked names are ticked: 供水 is the first utility, 助残设备设施 the sixth facility.
    assert!(is_checked(&html, "f-items-utilities-present-0"));
    assert!(is_checked(&html, "f-site-facilities-present-5"));
    // The user's own additions are listed.
    assert!(html.contains("有线电视") && html.contains("母婴室"));
}

#[test]
fn a_veto_strikes_the_total_and_shows_the_banner() {
    let mut answers = all_full_marks();
    answers.veto.insert("veto.accident".into(), VetoAnswer::Yes);
    let html = render_app(answers);
    let consequence = &Rubric::shenmu_2024().veto.consequence;

    let banner = html.find("class=\"veto-banner\"").expect("the banner is shown");
    let banner_tag = &html[html[..banner].rfind('<').unwrap_or(0)..];
    assert!(banner_tag.starts_with("<p"), "the banner is a paragraph");
    let banner_end = banner + html[banner..].find("</p>").expect("closes");
    let banner_text = strip_tags(&html[banner..banner_end]);
    assert!(banner_text.contains("一票否决："), "{banner_text}");
    assert!(banner_text.contains(&escaped(consequence)), "{banner_text}");
    assert!(banner_text.contains("总分作废。"), "{banner_text}");
    assert!(html[html[..banner].rfind('<').unwrap_or(0)..banner_end].contains("role=\"alert\""));

    // The total is still shown, struck through, and its label says it is void.
    let total_at = html.find("data-testid=\"total\"").expect("total");
    let total_open = &html[html[..total_at].rfind('<').unwrap_or(0)..];
    assert!(total_open.starts_with("<s "), "the total is inside <s>: {}", &total_open[..40.min(total_open.len())]);
    assert_eq!(by_testid(&html, "total"), "100.0");
    assert!(html.contains("100.0 分，已作废"));
    assert_eq!(by_testid(&html, "level"), "一票否决");
    assert!(all_by_testid(&html, "next").is_empty(), "no next level when vetoed");
    assert!(html.contains("is-vetoed"));
    assert!(is_checked(&html, "veto-accident-yes"));
    assert!(!is_checked(&html, "veto-accident-no"));
    assert!(is_checked(&html, "veto-incident-no"));
    // The question answered 是 is marked, the other is not.
    let marked = html.matches("veto-question yes").count();
    assert_eq!(marked, 1);
}

#[test]
fn the_summary_alone_shows_a_prediction_and_the_gap_to_the_next_level() {
    // Full marks except 规范流程 9.9 and 满意度 not yet confirmed: 100 − 0.1 − 6 = 93.9, 20/21.
    let mut answers = all_full_marks();
    answers.items.insert("process.standard".into(), A::new().dec("score", dec!(9.9)).reason("台账不全").0);
    if let Some(survey) = answers.items.get_mut("satisfaction.survey") {
        survey.status = Status::Unassessed;
    }
    let r = report(&answers);
    let html = summary(&r).to_html();

    assert_eq!(by_testid(&html, "total"), "93.9");
    assert_eq!(by_testid(&html, "assessed"), "20/21");
    assert_eq!(by_testid(&html, "best"), "99.9");
    assert_eq!(by_testid(&html, "level"), "预测：四星");
    assert_eq!(by_testid(&html, "next"), "距五星还差 1.1 分");
    assert!(html.contains("aria-label=\"自评结果\""));
    assert!(html.contains("badge four predicted"), "the badge is marked as a prediction");
    // The live line a screen reader announces carries the same figures.
    assert!(html.contains("总分 93.9 分，预测：四星"));
    assert!(!html.contains("veto-banner"));
}

#[test]
fn the_summary_at_exactly_95_is_a_final_five_stars() {
    let mut answers = all_full_marks();
    answers.items.insert("process.standard".into(), A::new().dec("score", dec!(5)).reason("流程不规范").0);
    let html = summary(&report(&answers)).to_html();
    assert_eq!(by_testid(&html, "total"), "95.0");
    assert_eq!(by_testid(&html, "level"), "五星");
    assert!(html.contains("badge five"));
    assert!(all_by_testid(&html, "next").is_empty());

    answers.items.insert("process.standard".into(), A::new().dec("score", dec!(4.9)).reason("流程不规范").0);
    let html = summary(&report(&answers)).to_html();
    assert_eq!(by_testid(&html, "total"), "94.9");
    assert_eq!(by_testid(&html, "level"), "四星");
    assert_eq!(by_testid(&html, "next"), "距五星还差 0.1 分");
}

/// The `width` of each `chart-score` bar, in order.
fn bar_widths(svg: &str) -> Vec<i32> {
    svg.split("<rect")
        .filter(|r| r.contains("chart-score"))
        .map(|r| {
            let w = r.split("width=\"").nth(1).expect("a width");
            w[..w.find('"').expect("quoted")].parse().expect("a whole number")
        })
        .collect()
}

#[test]
fn the_section_chart_draws_each_subtotal_against_its_maximum() {
    // 场地建设 10/20 (half), 事项进驻 full, 服务流程 0 (unconfirmed), the rest full.
    let mut answers = all_full_marks();
    answers
        .items
        .insert("site.windows".into(), A::new().present(WINDOWS).flag("no_notice").count("nonfunctional", 3).0);
    answers.items.remove("process.standard");
    let r = report(&answers);
    assert_eq!(r.sections[0].score, dec!(12));
    let html = section_chart(&r).to_html();

    // Bars are 130 units wide at full marks: 12/20 → 78, 25/25 → 130, 0/10 → 0.
    assert_eq!(bar_widths(&html), [78, 130, 0, 130, 130]);
    assert!(html.contains("role=\"img\""));
    assert!(html.contains("各部分得分：场地建设 12.0 / 20，事项进驻 25.0 / 25，服务流程 0.0 / 10，服务管理 20.0 / 20，服务满意度 25.0 / 25"));
    for label in ["场地建设", "事项进驻", "服务流程", "服务管理", "服务满意度"] {
        assert!(html.contains(&format!(">{label}</text>")), "{label}");
    }
    assert!(html.contains(">12.0 / 20</text>"));

    let empty = section_chart(&report(&Answers::default())).to_html();
    assert_eq!(bar_widths(&empty), [0, 0, 0, 0, 0]);
}
