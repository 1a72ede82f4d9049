//! STUB (being ported).
use super::html::Html;
use crate::score::Report;

pub fn summary(_report: &Report) -> Html {
    Html::Empty
}
pub fn section_chart(_report: &Report) -> Html {
    Html::Empty
}
