//! STUB (being ported).
use super::html::Html;
use crate::drafts::DraftMeta;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftCommand {
    New,
    Open(String),
    Duplicate(String),
    Rename(String, String),
    Delete(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Renaming {
    pub id: String,
    pub text: String,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DraftsMsg {
    Command(DraftCommand),
    StartRename(String, String),
    RenameText(String),
    FinishRename(bool),
}

pub fn update(
    _renaming: &mut Option<Renaming>,
    _drafts: &[DraftMeta],
    _msg: DraftsMsg,
) -> (Option<DraftCommand>, Option<String>) {
    (None, None)
}

pub fn drafts_panel(_drafts: &[DraftMeta], _open: &str, _renaming: Option<&Renaming>) -> Html {
    Html::Empty
}
