//! Autosave of the open draft: at most one write per 300 ms, flushed when the page is hidden
//! or closed, with a revision check so that two tabs never overwrite each other silently.

use super::storage::{draft_key, Store, StoreError};
use crate::drafts::{Draft, StoredDraft};
use crate::rubric::Rubric;
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;

/// The wait before a change is written.
pub const DEBOUNCE_MS: u32 = 300;

/// What the save indicator shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing changed since opening.
    Idle,
    /// A change waits to be written.
    Saving,
    /// Written at this local time (hh:mm:ss).
    Saved(String),
    /// The last write failed; the previous copy is still stored.
    Failed(StoreError),
    /// No storage: nothing is saved.
    Memory,
    /// Another tab changed or deleted this draft; this tab no longer writes.
    Conflict,
}

/// The open draft's identity in storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Open {
    /// Draft id.
    pub id: String,
    /// Draft name.
    pub name: String,
    /// The revision this tab last read or wrote.
    pub known: u64,
}

struct Inner {
    store: Option<Store>,
    open: Open,
    /// The last content written (or loaded), to skip writes that change nothing.
    saved: Option<Draft>,
    /// A change not yet written.
    latest: Option<Draft>,
    timer: Option<Timeout>,
    stopped: bool,
    on_status: Rc<dyn Fn(SaveStatus)>,
}

/// Saves the open draft. Cloning shares it; equality is identity.
#[derive(Clone)]
pub struct Session(Rc<RefCell<Inner>>);

impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The current local time as `hh:mm:ss`.
pub fn clock() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}:{:02}:{:02}", d.get_hours(), d.get_minutes(), d.get_seconds())
}

/// The current time as RFC 3339 (UTC).
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// The current time as a storage-key stamp (`2026-04-01T080000000Z`), for entries kept aside.
pub fn stamp() -> String {
    now_iso().replace([':', '.'], "")
}

/// A new draft id: time and randomness, safe in a storage key.
pub fn new_id() -> String {
    let rand = (js_sys::Math::random() * 1e9) as u64;
    format!("d{}-{rand:09}", js_sys::Date::now() as u64)
}

impl Session {
    /// A session for the draft `open`, whose stored content is `saved`.
    pub fn new(store: Option<Store>, open: Open, saved: Draft) -> Session {
        Session(Rc::new(RefCell::new(Inner {
            store,
            open,
            saved: Some(saved),
            latest: None,
            timer: None,
            stopped: false,
            on_status: Rc::new(|_| {}),
        })))
    }

    /// The store, when storage works.
    pub fn store(&self) -> Option<Store> {
        self.0.borrow().store.clone()
    }

    /// The open draft.
    pub fn open(&self) -> Open {
        self.0.borrow().open.clone()
    }

    /// Whether `draft` (what the page shows) is not what was last stored: a change still
    /// waiting, or one a failed or stopped save kept.
    pub fn unsaved(&self, draft: &Draft) -> bool {
        let inner = self.0.borrow();
        inner.latest.is_some() || inner.saved.as_ref() != Some(draft)
    }

    /// Whether this tab stopped writing after a conflict.
    pub fn stopped(&self) -> bool {
        self.0.borrow().stopped
    }

    /// Where status changes go.
    pub fn listen(&self, on_status: Rc<dyn Fn(SaveStatus)>) {
        self.0.borrow_mut().on_status = on_status;
    }

    fn status(&self, status: SaveStatus) {
        let cb = self.0.borrow().on_status.clone();
        cb(status);
    }

    /// Takes a new version of the draft and writes it within [`DEBOUNCE_MS`].
    pub fn changed(&self, draft: &Draft) {
        {
            let mut inner = self.0.borrow_mut();
            if inner.saved.as_ref() == Some(draft) && inner.latest.is_none() {
                return;
            }
            inner.latest = Some(draft.clone());
            if inner.store.is_none() || inner.stopped || inner.timer.is_some() {
                return;
            }
            let me = self.clone();
            inner.timer = Some(Timeout::new(DEBOUNCE_MS, move || me.flush()));
        }
        if self.0.borrow().store.is_some() && !self.stopped() {
            self.status(SaveStatus::Saving);
        }
    }

    /// Writes the waiting change now (on a timer, `visibilitychange` or `pagehide`).
    pub fn flush(&self) {
        let result = {
            let mut inner = self.0.borrow_mut();
            inner.timer = None;
            if inner.stopped {
                return;
            }
            let Some(store) = inner.store.clone() else { return };
            let Some(draft) = inner.latest.take() else { return };
            let now = now_iso();
            let stored = StoredDraft::new(Rubric::shenmu_2024(), &inner.open.id, &inner.open.name, &draft, &now);
            match store.save(&stored, inner.open.known) {
                Ok(revision) => {
                    inner.open.known = revision;
                    inner.saved = Some(draft);
                    store.set_current(&inner.open.id);
                    Ok(())
                }
                Err(StoreError::Conflict) => {
                    inner.stopped = true;
                    inner.latest = Some(draft);
                    Err(StoreError::Conflict)
                }
                Err(e) => {
                    // Keep the change so that the next edit or flush tries again.
                    inner.latest = Some(draft);
                    Err(e)
                }
            }
        };
        self.status(match result {
            Ok(()) => SaveStatus::Saved(clock()),
            Err(StoreError::Conflict) => SaveStatus::Conflict,
            Err(e) => SaveStatus::Failed(e),
        });
    }

    /// Another tab wrote `key`: stop writing if it is this draft and not older than ours.
    pub fn storage_event(&self, key: Option<String>, new_value: Option<String>) {
        let hit = {
            let inner = self.0.borrow();
            let ours = key.as_deref() == Some(draft_key(&inner.open.id).as_str());
            // A page never receives events for its own writes, so another page's write with
            // the revision this page holds means both saved from the same revision at once.
            let newer = || match &new_value {
                Some(text) => crate::drafts::revision_of(text).unwrap_or(u64::MAX) >= inner.open.known,
                None => true, // deleted elsewhere
            };
            // Only this draft's writes are parsed, not every other draft's.
            ours && !inner.stopped && newer()
        };
        if hit {
            {
                let mut inner = self.0.borrow_mut();
                inner.stopped = true;
                inner.timer = None;
            }
            self.status(SaveStatus::Conflict);
        }
    }

    /// Switches to another draft after it was loaded (or created) and stored as `known`.
    pub fn switch(&self, open: Open, saved: Draft) {
        let stored = {
            let mut inner = self.0.borrow_mut();
            if let Some(store) = &inner.store {
                store.set_current(&open.id);
            }
            inner.open = open;
            inner.saved = Some(saved);
            inner.latest = None;
            inner.timer = None;
            inner.stopped = false;
            inner.store.is_some()
        };
        self.status(if stored { SaveStatus::Idle } else { SaveStatus::Memory });
    }

    /// Renames the open draft; written with the next save, which happens now.
    pub fn rename(&self, name: &str, draft: &Draft) {
        {
            let mut inner = self.0.borrow_mut();
            inner.open.name = name.to_string();
            inner.latest = Some(draft.clone());
        }
        self.flush();
    }
}
