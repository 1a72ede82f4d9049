//! The sheet itself: the five sections with their items, and the 一票否决 questions.

use super::item::ItemCard;
use super::Filter;
use crate::answers::{Answers, ItemAnswer, VetoAnswer};
use crate::rubric::{Rubric, Section};
use crate::score::{fmt_num, fmt_score, Report};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`Sheet`].
#[derive(Properties, PartialEq, Clone)]
pub struct SheetProps {
    /// The scores of `answers`.
    pub report: Rc<Report>,
    /// The stored answers.
    pub answers: Answers,
    /// Bumped when a whole draft is loaded (item editors start afresh).
    pub generation: u32,
    /// Which items show.
    pub filter: Filter,
    /// An item's accepted answer.
    pub on_item: Callback<(String, ItemAnswer)>,
    /// Called when an item's editor starts or stops holding an edit that failed its checks.
    pub on_hold: Callback<(String, bool)>,
    /// A veto question's answer.
    pub on_veto: Callback<(String, VetoAnswer)>,
}

/// The sections, items and veto questions.
#[component]
pub fn Sheet(props: &SheetProps) -> Html {
    let rubric = Rubric::shenmu_2024();
    let report = &props.report;
    let filter = props.filter;
    let generation = props.generation;
    html! {
                <main class="sheet">
                    for (section, sub) in rubric.sections.iter().zip(&report.sections) {
                        <section class="section" id={format!("sec-{}", section.id)} key={section.id.clone()}
                            aria-labelledby={format!("sec-h-{}", section.id)}>
                            <h2 id={format!("sec-h-{}", section.id)}>
                                { &section.name }
                                <span class="sub-score" data-testid={format!("subtotal-{}", section.id)}>
                                    { format!("{} / {} 分", fmt_score(sub.score), fmt_num(sub.max)) }
                                </span>
                            </h2>
                            for item in &section.items {
                                {{
                                    let result = report.item(&item.id).cloned();
                                    match result {
                                        Some(result) => html! {
                                            <ItemCard key={format!("{generation}-{}", item.id)} {item}
                                                answer={props.answers.items.get(&item.id).cloned().unwrap_or_default()}
                                                hidden={!filter.shows(&result)}
                                                {result} on_change={props.on_item.clone()} on_hold={props.on_hold.clone()} />
                                        },
                                        None => html! {},
                                    }
                                }}
                            }
                            if section_hidden(report, section, filter) {
                                <p class="empty">{ "本部分没有符合筛选条件的项目。" }</p>
                            }
                        </section>
                    }
                    <VetoQuestions answers={props.answers.veto.clone()} on_change={props.on_veto.clone()} />
                </main>
    }
}

fn section_hidden(report: &Report, section: &Section, filter: Filter) -> bool {
    section.items.iter().filter_map(|i| report.item(&i.id)).all(|s| !filter.shows(s))
}

/// Props of [`VetoQuestions`].
#[derive(Properties, PartialEq, Clone)]
pub struct VetoProps {
    /// The answers so far (absent = 未答).
    pub answers: crate::keyed::Keyed<VetoAnswer>,
    /// Called with a question's new answer.
    pub on_change: Callback<(String, VetoAnswer)>,
}

/// The two 一票否决 questions, each 未答 / 否 / 是.
#[component]
pub fn VetoQuestions(props: &VetoProps) -> Html {
    let rubric = Rubric::shenmu_2024();
    html! {
        <section class="section veto" id="sec-veto" aria-labelledby="sec-h-veto">
            <h2 id="sec-h-veto">{ "一票否决" }</h2>
            <p class="consequence">{ &rubric.veto.consequence }</p>
            for v in &rubric.veto.items {
                {{
                    let current = props.answers.get(&v.id).copied().unwrap_or_default();
                    let choice = |answer: VetoAnswer, label: &str| {
                        let on_change = props.on_change.clone();
                        let id = v.id.clone();
                        let dom = format!("{}-{}", v.id.replace('.', "-"), answer.key());
                        let onchange = Callback::from(move |_: Event| on_change.emit((id.clone(), answer)));
                        html! {
                            <span class="tick">
                                <input type="radio" name={v.id.clone()} id={dom.clone()} checked={current == answer} {onchange} />
                                <label for={dom}>{ label }</label>
                            </span>
                        }
                    };
                    html! {
                        <fieldset class={classes!("field", "veto-question", (current == VetoAnswer::Yes).then_some("yes"))} key={v.id.clone()}>
                            <legend><strong>{ &v.name }</strong>{ "：" }{ &v.text }</legend>
                            { choice(VetoAnswer::Unanswered, "未答") }
                            { choice(VetoAnswer::No, "否") }
                            { choice(VetoAnswer::Yes, "是") }
                        </fieldset>
                    }
                }}
            }
        </section>
    }
}
