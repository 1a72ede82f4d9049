//! 星评 (xingping): self-scoring against the 神木市 附件2 sheet.
//!
//! Data flows one way: the sheet as data ([`rubric`]) → what the clerk entered ([`answers`])
//! → scores ([`score`]) → the submission file ([`submission`]), drafts ([`drafts`]) and the
//! page ([`app`]). All but [`app`] are pure Rust with no browser code, shared by the page and the
//! `xingping` command line.

pub mod answers;
pub mod app;
pub mod declaration;
pub mod drafts;
pub mod json;
pub mod keyed;
pub mod rubric;
pub mod score;
pub mod submission;
