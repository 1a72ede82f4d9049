//! 星评 (xingping): self-scoring against the 神木市 附件2 sheet.
//!
//! Data flows one way: the sheet as data ([`rubric`]) → what the clerk entered ([`answers`])
//! → scores ([`score`]) → the submission file ([`submission`]) and the page ([`app`]).
//! The first four modules are pure Rust with no browser code, shared by the page and the
//! `xingping` command line.

pub mod answers;
pub mod app;
pub mod rubric;
pub mod score;
pub mod submission;
