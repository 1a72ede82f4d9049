//! STUB (being ported).
use super::html::Html;
use crate::answers::Answers;
use crate::declaration::Field;
use crate::score::Report;
use crate::submission::Unit;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeclUi {
    pub confirming: bool,
    pub touched: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DeclMsg {
    Set(Field, String),
    Ask,
    Cancel,
    Fill(String),
}

pub fn update(_ui: &mut DeclUi, _unit: &Unit, _msg: DeclMsg) -> Option<Unit> {
    None
}

pub fn declaration_form(
    _ui: &DeclUi,
    _unit: &Unit,
    _year: i32,
    _answers: &Answers,
    _report: &Report,
    _today: Option<(i32, u32, u32)>,
) -> Html {
    Html::Empty
}
