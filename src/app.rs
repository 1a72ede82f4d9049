//! The page: the whole 附件2 sheet as a form, with live totals, veto warnings and the
//! predicted level. State is one reducer over the draft ([`state`]); every figure on screen
//! is derived from it with the engine on each render.

pub mod item;
pub mod state;
pub mod summary;

use crate::answers::VetoAnswer;
use crate::rubric::Rubric;
use crate::score::{fmt_num, fmt_score, score, ItemScore};
use item::ItemCard;
use state::{Action, AppState, Draft};
use summary::{SectionChart, Summary};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Props of [`App`].
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The draft to open.
    pub draft: Draft,
    /// The current year, for the year list.
    pub this_year: i32,
}

/// Which items the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// 全部.
    All,
    /// 只看未评.
    Unassessed,
    /// 只看失分项.
    Lost,
}

impl Filter {
    fn shows(self, s: &ItemScore) -> bool {
        match self {
            Filter::All => true,
            Filter::Unassessed => !s.is_counted(),
            Filter::Lost => s.lost().is_some_and(|l| !l.is_zero()),
        }
    }
}

/// The root component.
#[component]
pub fn App(props: &AppProps) -> Html {
    let rubric = Rubric::shenmu_2024();
    let state = use_reducer_eq(|| AppState::new(props.draft.clone()));
    let filter = use_state_eq(|| Filter::All);
    let report = {
        let answers = state.draft.answers.clone();
        use_memo(answers, |answers| score(rubric, answers))
    };

    let on_item = {
        let state = state.clone();
        Callback::from(move |(id, answer)| state.dispatch(Action::SetItem(id, answer)))
    };
    let on_name = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let mut unit = state.draft.unit.clone();
            unit.name = e.target_unchecked_into::<HtmlInputElement>().value();
            state.dispatch(Action::SetUnit(unit));
        })
    };
    let on_year = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Ok(year) = e.target_unchecked_into::<HtmlSelectElement>().value().parse() {
                state.dispatch(Action::SetYear(year));
            }
        })
    };
    let years: Vec<i32> = (2024..=props.this_year.max(state.draft.year).max(2024) + 1).collect();
    let filter_radio = |value: Filter, label: &str, id: &str| {
        let current = *filter;
        let filter = filter.clone();
        let onchange = Callback::from(move |_: Event| filter.set(value));
        html! {
            <span class="tick">
                <input type="radio" name="filter" id={id.to_string()} checked={current == value} {onchange} />
                <label for={id.to_string()}>{ label }</label>
            </span>
        }
    };
    let generation = state.generation;

    html! {
        <div class="app">
            <header class="masthead">
                <div class="brand">
                    <h1>{ "星评" }<span class="sub">{ &rubric.title }</span></h1>
                    <p class="source">{ &rubric.source }{ " · 满分 " }{ fmt_num(rubric.max_total()) }{ " 分" }</p>
                </div>
                <div class="unit-fields">
                    <div class="field">
                        <label for="unit-name">{ "机构名称（站／中心名称）" }</label>
                        <input id="unit-name" type="text" maxlength="200" placeholder="如：神木市××镇便民服务中心"
                            value={state.draft.unit.name.clone()} oninput={on_name} />
                    </div>
                    <div class="field">
                        <label for="year">{ "年度" }</label>
                        <select id="year" onchange={on_year}>
                            for y in years {
                                <option value={y.to_string()} selected={y == state.draft.year}>{ format!("{y} 年") }</option>
                            }
                        </select>
                    </div>
                </div>
            </header>
            <Summary report={(*report).clone()} />
            <div class="layout">
                <aside class="side">
                    <nav class="jump" aria-label="跳转到">
                        <h2>{ "评分表" }</h2>
                        <ul>
                            for (s, sub) in rubric.sections.iter().zip(&report.sections) {
                                <li key={s.id.clone()}>
                                    <a href={format!("#sec-{}", s.id)}>{ &s.name }</a>
                                    <span class="sub-score">{ format!("{} / {}", fmt_score(sub.score), fmt_num(sub.max)) }</span>
                                </li>
                            }
                            <li><a href="#sec-veto">{ "一票否决" }</a></li>
                        </ul>
                    </nav>
                    <SectionChart report={(*report).clone()} />
                    <fieldset class="filters">
                        <legend>{ "显示" }</legend>
                        { filter_radio(Filter::All, "全部项目", "filter-all") }
                        { filter_radio(Filter::Unassessed, "只看未评", "filter-unassessed") }
                        { filter_radio(Filter::Lost, "只看失分项", "filter-lost") }
                    </fieldset>
                </aside>
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
                                                answer={state.draft.answers.items.get(&item.id).cloned().unwrap_or_default()}
                                                hidden={!filter.shows(&result)}
                                                {result} on_change={on_item.clone()} />
                                        },
                                        None => html! {},
                                    }
                                }}
                            }
                            if rubric_section_hidden(&report, section, *filter) {
                                <p class="empty">{ "本部分没有符合筛选条件的项目。" }</p>
                            }
                        </section>
                    }
                    <VetoQuestions answers={state.draft.answers.veto.clone()} on_change={{
                        let state = state.clone();
                        Callback::from(move |(id, a)| state.dispatch(Action::SetVeto(id, a)))
                    }} />
                </main>
            </div>
        </div>
    }
}

fn rubric_section_hidden(report: &crate::score::Report, section: &crate::rubric::Section, filter: Filter) -> bool {
    section.items.iter().filter_map(|i| report.item(&i.id)).all(|s| !filter.shows(s))
}

/// Props of [`VetoQuestions`].
#[derive(Properties, PartialEq, Clone)]
pub struct VetoProps {
    /// The answers so far (absent = 未答).
    pub answers: std::collections::BTreeMap<String, VetoAnswer>,
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
                        let dom = format!("{}-{:?}", v.id.replace('.', "-"), answer).to_lowercase();
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
