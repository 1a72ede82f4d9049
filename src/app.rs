//! The page: a placeholder that lists the sheet's sections until the form lands.

use crate::rubric::Rubric;
use crate::score::fmt_score;
use yew::prelude::*;

/// The root component.
#[component]
pub fn App() -> Html {
    let rubric = Rubric::shenmu_2024();
    html! {
        <main class="page">
            <h1>{ "星评 · " }{ &rubric.title }</h1>
            <ul class="sections">
                for s in &rubric.sections {
                    <li key={s.id.clone()}>{ &s.name }{ "（" }{ fmt_score(s.max) }{ " 分）" }</li>
                }
            </ul>
        </main>
    }
}
