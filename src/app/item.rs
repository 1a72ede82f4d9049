//! STUB (being ported).
use super::html::Html;
use crate::answers::{Honour, ItemAnswer};
use crate::rubric::Item;
use crate::score::ItemScore;

/// What an edit changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Flag(String, bool),
    Count(String, String),
    Step(String, i64),
    Decimal(String, String),
    Tick(String, bool),
    NewOther(String),
    AddOther(&'static [String]),
    RemoveOther(usize),
    Reason(String),
    Note(String),
    Confirm(bool),
    SurveyByCounts(bool),
    AddHonour(String),
    SetHonour(usize, Honour),
    RemoveHonour(usize),
}

/// An item's editor.
#[derive(Debug, Clone, PartialEq)]
pub struct Editor {
    pending: ItemAnswer,
}

impl Editor {
    pub fn new(answer: &ItemAnswer) -> Editor {
        Editor { pending: answer.clone() }
    }
    pub fn apply(&mut self, _edit: Edit) {}
    pub fn pending(&self) -> &ItemAnswer {
        &self.pending
    }
    pub fn status(&self, _item: &Item, _stored: &ItemAnswer) -> (bool, bool) {
        (true, false)
    }
}

pub fn item_card(
    _item: &'static Item,
    _editor: &Editor,
    _stored: &ItemAnswer,
    _result: &ItemScore,
    _hidden: bool,
) -> Html {
    Html::Empty
}

pub fn focus_after(_card: &web_sys::Element) {}
