//! The page's state: the draft being scored, changed only through [`Action`]s by one pure
//! reducer. Totals and levels are never stored here; the page derives them with
//! [`crate::score::score`].

use crate::answers::{ItemAnswer, VetoAnswer};
pub use crate::drafts::Draft;
use crate::keyed::Names;
use crate::submission::Unit;
use std::rc::Rc;

/// The page's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppState {
    /// The draft being scored.
    pub draft: Draft,
    /// Bumped when a whole draft is loaded, so item editors drop what they held.
    pub generation: u32,
    /// Items whose editor holds an edit that did not pass the checks: it is not in the
    /// draft, so it is not saved (the page says so, and asks before it is closed).
    pub held: Names,
}

impl AppState {
    /// The state for a draft that was just opened.
    pub fn new(draft: Draft) -> AppState {
        AppState { draft, generation: 0, held: Names::new() }
    }
}

/// A change the clerk makes.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Replace one item's answer (already checked by the editor).
    SetItem(String, ItemAnswer),
    /// Answer a veto question.
    SetVeto(String, VetoAnswer),
    /// Replace the 附件1 fields.
    SetUnit(Unit),
    /// Change the year.
    SetYear(i32),
    /// Open another draft whole.
    Load(Draft),
    /// An item's editor holds (true) or no longer holds (false) an edit that failed its checks.
    Hold(String, bool),
}

impl AppState {
    /// The state after `action`: the same `Rc` when nothing changed.
    pub fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetItem(id, answer) => {
                if answer == ItemAnswer::default() {
                    next.draft.answers.items.remove(&id);
                } else {
                    next.draft.answers.items.insert(id, answer);
                }
            }
            Action::SetVeto(id, answer) => {
                if answer == VetoAnswer::Unanswered {
                    next.draft.answers.veto.remove(&id);
                } else {
                    next.draft.answers.veto.insert(id, answer);
                }
            }
            Action::SetUnit(unit) => next.draft.unit = unit,
            Action::SetYear(year) => next.draft.year = year,
            Action::Load(draft) => {
                next.draft = draft;
                next.generation = self.generation.wrapping_add(1);
                next.held = Names::new();
            }
            Action::Hold(id, true) => {
                next.held.insert(id);
            }
            Action::Hold(id, false) => {
                next.held.remove(&id);
            }
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Status;

    #[test]
    fn it_returns_the_same_state_when_nothing_changes() {
        let state = Rc::new(AppState::new(Draft::new(2026)));
        let same = state.clone().reduce(Action::SetYear(2026));
        assert!(Rc::ptr_eq(&state, &same));
        let same = state.clone().reduce(Action::SetItem("site.areas".into(), ItemAnswer::default()));
        assert!(Rc::ptr_eq(&state, &same));
    }

    #[test]
    fn it_keeps_an_item_answer_and_forgets_an_empty_one() {
        let state = Rc::new(AppState::new(Draft::new(2026)));
        let answer = ItemAnswer { status: Status::Confirmed, ..ItemAnswer::default() };
        let state = state.reduce(Action::SetItem("site.signage".into(), answer.clone()));
        assert_eq!(state.draft.answers.items.get("site.signage"), Some(&answer));
        let state = state.reduce(Action::SetItem("site.signage".into(), ItemAnswer::default()));
        assert!(state.draft.answers.items.is_empty());
        let state = state.reduce(Action::SetVeto("veto.accident".into(), VetoAnswer::Yes));
        assert_eq!(state.draft.answers.veto.get("veto.accident"), Some(&VetoAnswer::Yes));
        let loaded = state.clone().reduce(Action::Load(Draft::new(2025)));
        assert_eq!(loaded.generation, state.generation + 1);
        assert_eq!(loaded.draft.year, 2025);
    }

    #[test]
    fn it_counts_each_held_item_once_and_forgets_them_on_load() {
        let state = Rc::new(AppState::new(Draft::new(2026)));
        let state = state.reduce(Action::Hold("site.signage".into(), true));
        let state = state.reduce(Action::Hold("site.signage".into(), true));
        let state = state.reduce(Action::Hold("process.standard".into(), true));
        assert_eq!(state.held.iter().collect::<Vec<_>>(), ["process.standard", "site.signage"]);
        let state = state.reduce(Action::Hold("site.signage".into(), false));
        assert_eq!(state.held.iter().collect::<Vec<_>>(), ["process.standard"]);
        let same = state.clone().reduce(Action::Hold("site.areas".into(), false));
        assert!(Rc::ptr_eq(&state, &same));
        assert!(state.reduce(Action::Load(Draft::new(2026))).held.is_empty());
    }
}
