//! The sheet itself: the five sections with their items, and the 一票否决 questions.

use super::html::{el, when, El, Html};
use super::item::{item_card, radio, Editor};
use super::state::Action;
use super::{Filter, Msg};
use crate::answers::{Answers, ItemAnswer, VetoAnswer};
use crate::keyed::Keyed;
use crate::rubric::{Rubric, Section};
use crate::score::{fmt_num, fmt_score, Report};

/// The sections, items and veto questions: `report` is the scores of `answers` (the stored
/// answers), `editors` the item editors in use (an item without one shows its stored answer)
/// and `filter` which items show.
///
/// `generation` counts the drafts opened: another draft gets a sheet built afresh, so nothing
/// the clerk did in the last one stays (a folded text, the browser's undo history of a box).
pub fn sheet(report: &Report, answers: &Answers, editors: &Keyed<Editor>, filter: Filter, generation: u32) -> Html {
    let rubric = Rubric::shenmu_2024();
    let empty = ItemAnswer::default();
    el("main")
        .key(generation.to_string())
        .attr("class", "sheet")
        .kids(rubric.sections.iter().zip(&report.sections).map(|(section, sub)| {
            let id = &section.id;
            el("section")
                .attr("class", "section")
                .id(format!("sec-{id}"))
                .key(id.as_str())
                .attr("aria-labelledby", format!("sec-h-{id}"))
                .child(el("h2").id(format!("sec-h-{id}")).text(&section.name).child(
                    el("span").attr("class", "sub-score").attr("data-testid", format!("subtotal-{id}")).text(format!(
                        "{} / {} 分",
                        fmt_score(sub.score),
                        fmt_num(sub.max)
                    )),
                ))
                .kids(section.items.iter().map(|item| {
                    let Some(result) = report.item(&item.id) else { return Html::Empty };
                    let stored = answers.items.get(&item.id).unwrap_or(&empty);
                    let fresh;
                    let editor = match editors.get(&item.id) {
                        Some(e) => e,
                        None => {
                            fresh = Editor::new(stored);
                            &fresh
                        }
                    };
                    item_card(item, editor, stored, result, !filter.shows(result))
                }))
                .child(when(section_hidden(report, section, filter), || {
                    el("p").attr("class", "empty").text("本部分没有符合筛选条件的项目。").into()
                }))
        }))
        .child(veto_questions(&answers.veto).key("veto"))
        .into()
}

fn section_hidden(report: &Report, section: &Section, filter: Filter) -> bool {
    section.items.iter().filter_map(|i| report.item(&i.id)).all(|s| !filter.shows(s))
}

/// The two 一票否决 questions, each 未答 / 否 / 是; `answers` are the answers so far
/// (absent = 未答).
fn veto_questions(answers: &Keyed<VetoAnswer>) -> El {
    let rubric = Rubric::shenmu_2024();
    el("section")
        .attr("class", "section veto")
        .id("sec-veto")
        .attr("aria-labelledby", "sec-h-veto")
        .child(el("h2").id("sec-h-veto").text("一票否决"))
        .child(el("p").attr("class", "consequence").text(&rubric.veto.consequence))
        .kids(rubric.veto.items.iter().map(|v| {
            let current = answers.get(&v.id).copied().unwrap_or_default();
            let choice = |answer: VetoAnswer, label: &'static str| {
                let dom = format!("{}-{}", v.id.replace('.', "-"), answer.key());
                let msg = Msg::Act(Action::SetVeto(v.id.clone(), answer));
                radio(&v.id, dom, current == answer, msg, label)
            };
            el("fieldset")
                .class(&[Some("field"), Some("veto-question"), (current == VetoAnswer::Yes).then_some("yes")])
                .child(el("legend").child(el("strong").text(&v.name)).text("：").text(&v.text))
                .child(choice(VetoAnswer::Unanswered, "未答"))
                .child(choice(VetoAnswer::No, "否"))
                .child(choice(VetoAnswer::Yes, "是"))
        }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::item::Edit;
    use crate::score::score;

    fn render(answers: &Answers, editors: &Keyed<Editor>, filter: Filter) -> String {
        sheet(&score(Rubric::shenmu_2024(), answers), answers, editors, filter, 0).to_html()
    }

    #[test]
    fn the_sheet_shows_every_section_item_and_veto_question() {
        let html = render(&Answers::default(), &Keyed::new(), Filter::All);
        assert!(html.starts_with("<main class=\"sheet\"><section class=\"section\" id=\"sec-site\" aria-labelledby=\"sec-h-site\"><h2 id=\"sec-h-site\">"));
        assert_eq!(html.matches("<article ").count(), 21);
        assert_eq!(html.matches("<section class=\"section\" ").count(), 5);
        assert!(!html.contains(" hidden"));
        assert!(!html.contains("class=\"empty\""));
        assert!(html.contains("data-testid=\"subtotal-site\">0.0 / "));
        assert!(html.contains("<section class=\"section veto\" id=\"sec-veto\" aria-labelledby=\"sec-h-veto\"><h2 id=\"sec-h-veto\">一票否决</h2><p class=\"consequence\">"));
        assert!(html.contains("<input type=\"radio\" name=\"veto.incident\" id=\"veto-incident-unanswered\" checked>"));
        assert!(html.contains("<input type=\"radio\" name=\"veto.incident\" id=\"veto-incident-yes\">"));
        assert_eq!(html.matches("<fieldset class=\"field veto-question\">").count(), 2);
    }

    #[test]
    fn the_filter_hides_cards_and_says_when_a_section_has_none() {
        let mut answers = Answers::default();
        answers.veto.insert("veto.accident".into(), VetoAnswer::Yes);
        let html = render(&answers, &Keyed::new(), Filter::Lost);
        assert_eq!(html.matches("<article ").count(), 21, "hidden cards stay on the page");
        assert_eq!(html.matches("\" hidden ").count(), 21);
        assert_eq!(html.matches("<p class=\"empty\">本部分没有符合筛选条件的项目。</p>").count(), 5);
        assert!(html.contains("<fieldset class=\"field veto-question yes\">"));
        assert!(html.contains("id=\"veto-accident-yes\" checked>"));
    }

    #[test]
    fn an_item_shows_its_editor_when_it_has_one() {
        let answers = Answers::default();
        let mut editors = Keyed::new();
        let mut editor = Editor::new(&ItemAnswer::default());
        editor.apply(Edit::Count("hall".into(), "x".into()));
        editors.insert("site.signage".to_string(), editor);
        let html = render(&answers, &editors, Filter::All);
        assert!(html.contains("id=\"f-site-signage-hall\" value=\"x\""));
        assert_eq!(html.matches("class=\"unsaved\"").count(), 1);
    }
}
