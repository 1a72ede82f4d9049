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
pub fn sheet(report: &Report, answers: &Answers, editors: &Keyed<Editor>, filter: Filter) -> Html {
    let rubric = Rubric::shenmu_2024();
    let empty = ItemAnswer::default();
    el("main")
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
