//! Drafts in `localStorage`, under keys namespaced and versioned as `xingping/v1/…`. Through
//! `web_sys::Storage` directly: gloo-storage's calls throw when the browser has no usable
//! storage, and its typed ones bring serde_json into the page. This module never clears
//! storage and never touches a key outside the namespace: the page may share its origin with
//! other tools.
//!
//! Keys: `xingping/v1/draft/<id>` (a [`StoredDraft`]), `xingping/v1/current` (the open draft's
//! id), `xingping/v1/trash/<id>` (a deleted draft while it can be restored) with
//! `xingping/v1/trash-at/<id>` (when it was deleted, in ms since the epoch),
//! `xingping/v1/corrupt/<id>-<time>` (the raw text of an entry that did not parse, kept aside),
//! `xingping/v1/persist` (the answer to the persistent-storage request).

use crate::drafts::{revision_of, DraftError, DraftMeta, StoredDraft};
use crate::rubric::Rubric;

/// Every key of this app starts with this.
pub const NAMESPACE: &str = "xingping/v1/";
/// The id of the open draft.
pub const CURRENT_KEY: &str = "xingping/v1/current";
/// The answer to `navigator.storage.persist()`.
pub const PERSIST_KEY: &str = "xingping/v1/persist";
const PROBE_KEY: &str = "xingping/v1/probe";

/// The key of a draft.
pub fn draft_key(id: &str) -> String {
    format!("{NAMESPACE}draft/{id}")
}

fn trash_key(id: &str) -> String {
    format!("{NAMESPACE}trash/{id}")
}

fn trash_time_key(id: &str) -> String {
    format!("{NAMESPACE}trash-at/{id}")
}

/// How long a deleted draft stays restorable (the page offers 撤销删除 for as long).
pub const UNDO_MS: f64 = 15_000.0;

/// Why storage could not do what was asked. Each variant reads as one Chinese sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// No `localStorage` (private mode, disabled, `SecurityError`).
    Unavailable,
    /// The browser's storage quota is used up; the previous saved copy is kept.
    Quota,
    /// Another tab saved this draft after this tab last did.
    Conflict,
    /// The draft is not in storage (deleted elsewhere).
    Missing,
    /// The stored draft could not be read.
    Draft(DraftError),
    /// Any other failure reported by the browser.
    Other(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unavailable => {
                write!(
                    f,
                    "浏览器禁止本页保存数据（如无痕模式），填写内容只在本页内存中，关闭即丢失，请及时导出提交文件。"
                )
            }
            StoreError::Quota => write!(
                f,
                "浏览器存储空间已满，本次修改未能保存（上次保存的版本仍在），请导出提交文件或删除不用的草稿。"
            ),
            StoreError::Conflict => write!(f, "另一个标签页已修改此草稿，本页已停止保存。"),
            StoreError::Missing => write!(f, "此草稿已不在浏览器存储中（可能已在其他标签页删除）。"),
            StoreError::Draft(e) => write!(f, "{e}"),
            StoreError::Other(why) => write!(f, "保存失败：{why}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// A stored entry that did not parse, kept aside under its `corrupt/` key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrupt {
    /// Where the raw text is kept.
    pub key: String,
    /// The raw text.
    pub raw: String,
    /// Why it did not parse.
    pub why: String,
}

/// What a scan of storage found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Listing {
    /// Drafts that open, newest change first.
    pub drafts: Vec<DraftMeta>,
    /// Entries kept aside as corrupt.
    pub corrupt: Vec<Corrupt>,
    /// Drafts written by a newer 星评, left untouched (key, message).
    pub newer: Vec<(String, String)>,
}

/// Access to `localStorage`, once it is known to work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    _private: (),
}

fn raw() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

impl Store {
    /// Opens storage after checking that it can be used.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`] when there is no usable `localStorage`.
    pub fn open() -> Result<Store, StoreError> {
        let storage = raw().ok_or(StoreError::Unavailable)?;
        // Reading and removing a key proves access; writing may fail only for a full store,
        // which saving reports by itself.
        storage.get_item(PROBE_KEY).map_err(|_| StoreError::Unavailable)?;
        let _ = storage.set_item(PROBE_KEY, "1");
        storage.remove_item(PROBE_KEY).map_err(|_| StoreError::Unavailable)?;
        Ok(Store { _private: () })
    }

    /// The raw text under `key`, if any.
    pub fn get_raw(&self, key: &str) -> Option<String> {
        raw()?.get_item(key).ok().flatten()
    }

    fn set_raw(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let storage = raw().ok_or(StoreError::Unavailable)?;
        storage.set_item(key, value).map_err(|e| {
            let text = super::files::error_text(&e);
            if text.starts_with("QuotaExceededError") || text.contains("Quota") || text.contains("quota") {
                StoreError::Quota
            } else if text.starts_with("SecurityError:") {
                // The browser forbids this page to store (a policy or private mode).
                StoreError::Unavailable
            } else {
                StoreError::Other(text)
            }
        })
    }

    fn remove(&self, key: &str) {
        if let Some(storage) = raw() {
            let _ = storage.remove_item(key);
        }
    }

    /// Every key of this app.
    fn keys(&self) -> Vec<String> {
        let Some(storage) = raw() else { return Vec::new() };
        let n = storage.length().unwrap_or(0);
        (0..n).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with(NAMESPACE)).collect()
    }

    /// Lists the drafts; an entry that does not parse is moved under `corrupt/` (only after
    /// its copy there is written) and reported.
    pub fn list(&self, rubric: &Rubric, now_stamp: &str) -> Listing {
        let mut listing = Listing::default();
        let draft_prefix = format!("{NAMESPACE}draft/");
        for key in self.keys() {
            if let Some(id) = key.strip_prefix(&draft_prefix) {
                let Some(text) = self.get_raw(&key) else { continue };
                match StoredDraft::decode(rubric, &text) {
                    Ok(d) => listing.drafts.push(d.meta()),
                    Err(e @ DraftError::Newer(_)) => listing.newer.push((key.clone(), e.to_string())),
                    Err(e) => {
                        // Never over an earlier copy kept aside under the same stamp.
                        let mut aside = format!("{NAMESPACE}corrupt/{id}-{now_stamp}");
                        let mut n = 1;
                        while self.get_raw(&aside).is_some() {
                            n += 1;
                            aside = format!("{NAMESPACE}corrupt/{id}-{now_stamp}-{n}");
                        }
                        if self.set_raw(&aside, &text).is_ok() {
                            self.remove(&key);
                            listing.corrupt.push(Corrupt { key: aside, raw: text, why: e.to_string() });
                        } else {
                            // No room to keep a copy: leave the entry where it is, untouched.
                            listing.corrupt.push(Corrupt { key, raw: text, why: e.to_string() });
                        }
                    }
                }
            } else if key.starts_with(&format!("{NAMESPACE}corrupt/")) {
                if let Some(text) = self.get_raw(&key) {
                    let why = StoredDraft::decode(rubric, &text).err().map(|e| e.to_string()).unwrap_or_default();
                    listing.corrupt.push(Corrupt { key, raw: text, why });
                }
            }
        }
        listing.drafts.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id)));
        listing
    }

    /// Opens a draft.
    ///
    /// # Errors
    /// [`StoreError::Missing`] or [`StoreError::Draft`].
    pub fn load(&self, rubric: &Rubric, id: &str) -> Result<StoredDraft, StoreError> {
        let text = self.get_raw(&draft_key(id)).ok_or(StoreError::Missing)?;
        StoredDraft::decode(rubric, &text).map_err(StoreError::Draft)
    }

    /// The revision stored for a draft (0 when absent).
    pub fn stored_revision(&self, id: &str) -> u64 {
        self.get_raw(&draft_key(id)).and_then(|t| revision_of(&t)).unwrap_or(0)
    }

    /// Saves `draft` as revision `known + 1`, unless another tab saved since `known`.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the stored revision is newer than `known`,
    /// [`StoreError::Quota`] when storage is full (the stored copy stays as it was).
    pub fn save(&self, draft: &StoredDraft, known: u64) -> Result<u64, StoreError> {
        if self.stored_revision(&draft.id) > known {
            return Err(StoreError::Conflict);
        }
        let mut next = draft.clone();
        next.revision = known + 1;
        self.set_raw(&draft_key(&draft.id), &next.encode())?;
        Ok(next.revision)
    }

    /// The id of the draft that was open last.
    pub fn current(&self) -> Option<String> {
        self.get_raw(CURRENT_KEY)
    }

    /// Remembers the open draft.
    pub fn set_current(&self, id: &str) {
        let _ = self.set_raw(CURRENT_KEY, id);
    }

    /// Moves a draft to the trash, from where [`Store::restore`] brings it back.
    ///
    /// # Errors
    /// [`StoreError::Missing`], or a write failure (the draft then stays where it was).
    pub fn delete(&self, id: &str) -> Result<(), StoreError> {
        let text = self.get_raw(&draft_key(id)).ok_or(StoreError::Missing)?;
        self.set_raw(&trash_key(id), &text)?;
        // Without the time (store full) the entry only goes at the next start-up, as before.
        let _ = self.set_raw(&trash_time_key(id), &(js_sys::Date::now() as i64).to_string());
        self.remove(&draft_key(id));
        Ok(())
    }

    /// Brings a deleted draft back.
    ///
    /// # Errors
    /// [`StoreError::Missing`] when it is no longer in the trash, or a write failure.
    pub fn restore(&self, id: &str) -> Result<(), StoreError> {
        let text = self.get_raw(&trash_key(id)).ok_or(StoreError::Missing)?;
        self.set_raw(&draft_key(id), &text)?;
        self.remove(&trash_key(id));
        self.remove(&trash_time_key(id));
        Ok(())
    }

    /// Empties the trash (at start-up), except drafts deleted less than [`UNDO_MS`] ago: another
    /// page may still be offering to restore them.
    pub fn empty_trash(&self) {
        let now = js_sys::Date::now();
        let prefix = format!("{NAMESPACE}trash/");
        let time_prefix = format!("{NAMESPACE}trash-at/");
        for key in self.keys() {
            if let Some(id) = key.strip_prefix(&prefix) {
                let at = self.get_raw(&trash_time_key(id)).and_then(|t| t.parse::<i64>().ok()).map(|t| t as f64);
                if at.is_some_and(|at| (0.0..UNDO_MS).contains(&(now - at))) {
                    continue;
                }
                self.remove(&key);
                self.remove(&trash_time_key(id));
            } else if let Some(id) = key.strip_prefix(&time_prefix) {
                if self.get_raw(&trash_key(id)).is_none() {
                    self.remove(&key);
                }
            }
        }
    }

    /// Forgets a corrupt entry the clerk has dealt with.
    pub fn discard(&self, key: &str) {
        if key.starts_with(NAMESPACE) {
            self.remove(key);
        }
    }

    /// Stores a small flag of this app (e.g. the persistence answer).
    pub fn set_flag(&self, key: &str, value: &str) {
        if key.starts_with(NAMESPACE) {
            let _ = self.set_raw(key, value);
        }
    }
}
