//! STUB (being ported).
use super::html::Html;
use super::item::Editor;
use super::Filter;
use crate::answers::Answers;
use crate::keyed::Keyed;
use crate::score::Report;

pub fn sheet(_report: &Report, _answers: &Answers, _editors: &Keyed<Editor>, _filter: Filter) -> Html {
    Html::Empty
}
