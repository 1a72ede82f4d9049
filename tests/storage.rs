#![cfg(target_arch = "wasm32")]
//! The storage module against the browser's real `localStorage`, in headless Chromium:
//! round trip and revisions, a full store, a corrupt entry kept aside, the `xingping/v1/`
//! namespace, migration of an old entry, and delete → restore.
//!
//! Run the way `scripts/test.sh` does:
//! `CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=tests/webdriver.json
//!  cargo test --target wasm32-unknown-unknown --test storage`.
//!
//! Every test runs in the same page, one after another, so each starts by clearing what the
//! tests write (this app's namespace and the `test-filler/` keys) and nothing else.

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use std::collections::BTreeMap;
use wasm_bindgen_test::wasm_bindgen_test;
use xingping::answers::{ItemAnswer, Status};
use xingping::app::storage::{draft_key, Store, StoreError, CURRENT_KEY, NAMESPACE, PERSIST_KEY, UNDO_MS};
use xingping::drafts::{Draft, DraftError, StoredDraft};
use xingping::rubric::Rubric;

/// Keys the quota test writes to fill the store; they belong to "another app" on purpose.
const FILLER: &str = "test-filler/";

fn local() -> web_sys::Storage {
    web_sys::window().expect("window").local_storage().expect("no SecurityError").expect("localStorage")
}

/// Every key and value in `localStorage`.
fn snapshot() -> BTreeMap<String, String> {
    let s = local();
    let n = s.length().expect("length");
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .map(|k| {
            let v = s.get_item(&k).ok().flatten().unwrap_or_default();
            (k, v)
        })
        .collect()
}

/// Removes what these tests write: this app's keys and the filler. Foreign keys a test set
/// on purpose are removed by that test.
fn clean() {
    let s = local();
    for key in snapshot().into_keys() {
        if key.starts_with(NAMESPACE) || key.starts_with(FILLER) {
            s.remove_item(&key).expect("remove");
        }
    }
}

fn rubric() -> &'static Rubric {
    Rubric::shenmu_2024()
}

/// A draft with a unit name and one confirmed item (site.signage without a sign: 1.0 of 3).
fn sample(id: &str, name: &str, note: &str) -> StoredDraft {
    let mut draft = Draft::new(2026);
    draft.unit.name = "神木市某镇便民服务中心".into();
    draft.answers.items.insert(
        "site.signage".into(),
        ItemAnswer {
            status: Status::Confirmed,
            flags: [("no_sign".to_string(), true)].into(),
            note: note.to_string(),
            ..ItemAnswer::default()
        },
    );
    StoredDraft::new(rubric(), id, name, &draft, "2026-04-01T08:00:00.000Z")
}

/// Fills `localStorage` with foreign keys until not even one more character fits.
/// Returns how many filler keys were written.
fn fill_storage() -> usize {
    let s = local();
    let mut chunk = 1usize << 20;
    let mut keys = 0usize;
    while chunk > 0 {
        let key = format!("{FILLER}{keys}");
        if s.set_item(&key, &"x".repeat(chunk)).is_ok() {
            keys += 1;
        } else {
            chunk /= 2;
        }
    }
    // Proof that the store is really full: the smallest possible foreign write fails.
    assert!(s.set_item(&format!("{FILLER}probe"), "x").is_err(), "storage should be full");
    keys
}

fn remove_filler() {
    let s = local();
    for key in snapshot().into_keys().filter(|k| k.starts_with(FILLER)) {
        s.remove_item(&key).expect("remove filler");
    }
}

#[wasm_bindgen_test]
fn it_round_trips_a_draft_and_counts_revisions() {
    clean();
    let store = Store::open().expect("storage works in the test browser");
    let first = sample("rt", "往返", "第一次");

    assert_eq!(store.save(&first, 0), Ok(1));
    let loaded = store.load(rubric(), "rt").expect("loads");
    assert_eq!(loaded, StoredDraft { revision: 1, ..first.clone() });
    assert_eq!(store.stored_revision("rt"), 1);

    let second = sample("rt", "往返", "第二次");
    assert_eq!(store.save(&second, 1), Ok(2));
    let loaded = store.load(rubric(), "rt").expect("loads");
    assert_eq!(loaded.revision, 2);
    assert_eq!(loaded.file.answers.items["site.signage"].note, "第二次");

    // A tab that still knows revision 1 (or nothing at all) must not overwrite revision 2.
    let stale = sample("rt", "往返", "旧标签页");
    assert_eq!(store.save(&stale, 1), Err(StoreError::Conflict));
    assert_eq!(store.save(&stale, 0), Err(StoreError::Conflict));
    let kept = store.load(rubric(), "rt").expect("loads");
    assert_eq!((kept.revision, kept.file.answers.items["site.signage"].note.as_str()), (2, "第二次"));

    // The listing shows it with its figures.
    let listing = store.list(rubric(), "stamp");
    assert_eq!(listing.drafts.len(), 1);
    assert_eq!((listing.drafts[0].id.as_str(), listing.drafts[0].total.as_str()), ("rt", "1.0"));
    assert!(listing.corrupt.is_empty());

    store.set_current("rt");
    assert_eq!(store.current().as_deref(), Some("rt"));
    assert_eq!(store.load(rubric(), "nope"), Err(StoreError::Missing));
    clean();
}

#[wasm_bindgen_test]
fn it_reports_a_full_store_and_keeps_the_saved_copy() {
    clean();
    let store = Store::open().expect("storage works");
    let saved = sample("full", "满", "短");
    assert_eq!(store.save(&saved, 0), Ok(1));
    let before = local().get_item(&draft_key("full")).expect("read").expect("stored");

    let filler_keys = fill_storage();
    assert!(filler_keys > 0);
    // A longer version of the same draft no longer fits.
    let longer = sample("full", "满", &"整改说明".repeat(400));
    let result = store.save(&longer, 1);
    let after = local().get_item(&draft_key("full")).expect("read");
    // The stored copy must be checked before the filler goes, and the filler must go even
    // when an assertion fails below.
    remove_filler();

    assert_eq!(result, Err(StoreError::Quota));
    assert_eq!(after.as_deref(), Some(before.as_str()), "the previous copy is intact");
    assert_eq!(store.load(rubric(), "full").map(|d| d.revision), Ok(1));
    assert!(snapshot().keys().all(|k| !k.starts_with(FILLER)), "filler cleaned up");
    // With room again, the same save goes through.
    assert_eq!(store.save(&longer, 1), Ok(2));
    assert!(StoreError::Quota.to_string().contains("存储空间已满"));
    clean();
}

#[wasm_bindgen_test]
fn it_keeps_a_corrupt_entry_aside_and_reports_it() {
    clean();
    let store = Store::open().expect("storage works");
    let garbage = "{\"format\":\"xingping-draft\",\"revision\":4,\"file\":{截断";
    local().set_item(&draft_key("broken"), garbage).expect("write garbage");
    assert_eq!(store.save(&sample("good", "好的", ""), 0), Ok(1));

    let listing = store.list(rubric(), "20260401T080000000Z");
    let aside = format!("{NAMESPACE}corrupt/broken-20260401T080000000Z");
    assert_eq!(listing.corrupt.len(), 1, "{listing:?}");
    assert_eq!(listing.corrupt[0].key, aside);
    assert_eq!(listing.corrupt[0].raw, garbage);
    assert!(listing.corrupt[0].why.contains("草稿数据已损坏"), "{}", listing.corrupt[0].why);
    assert_eq!(local().get_item(&aside).expect("read").as_deref(), Some(garbage), "raw text kept");
    assert_eq!(local().get_item(&draft_key("broken")).expect("read"), None);
    assert_eq!(listing.drafts.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["good"]);

    // The next scan still reports it, from where it was put, and does not move it again.
    let again = store.list(rubric(), "later");
    assert_eq!(again.corrupt.len(), 1);
    assert_eq!((again.corrupt[0].key.as_str(), again.corrupt[0].raw.as_str()), (aside.as_str(), garbage));
    assert_eq!(local().get_item(&aside).expect("read").as_deref(), Some(garbage));

    // Only discarding it (the clerk's choice) removes it.
    store.discard(&aside);
    assert!(store.list(rubric(), "x").corrupt.is_empty());
    clean();
}

#[wasm_bindgen_test]
fn it_leaves_a_corrupt_entry_in_place_when_there_is_no_room_to_copy_it() {
    clean();
    let store = Store::open().expect("storage works");
    let garbage = "not json at all";
    local().set_item(&draft_key("stuck"), garbage).expect("write garbage");
    fill_storage();
    let listing = store.list(rubric(), "stamp");
    let still = local().get_item(&draft_key("stuck")).expect("read");
    remove_filler();

    assert_eq!(still.as_deref(), Some(garbage), "not removed without a copy");
    assert_eq!(listing.corrupt.len(), 1);
    assert_eq!(
        (listing.corrupt[0].key.as_str(), listing.corrupt[0].raw.as_str()),
        (draft_key("stuck").as_str(), garbage)
    );
    clean();
}

#[wasm_bindgen_test]
fn it_never_touches_keys_outside_its_namespace() {
    clean();
    let s = local();
    s.set_item("other-app/settings", "{\"theme\":\"dark\"}").expect("write");
    s.set_item("xingping-old", "不是本命名空间").expect("write");
    s.set_item("xingping/v0/draft/x", "旧版本的键").expect("write");
    let foreign_before: BTreeMap<String, String> =
        snapshot().into_iter().filter(|(k, _)| !k.starts_with(NAMESPACE)).collect();
    assert!(foreign_before.contains_key("other-app/settings"));

    let store = Store::open().expect("storage works");
    let _ = store.list(rubric(), "a");
    assert_eq!(store.save(&sample("ns", "命名空间", ""), 0), Ok(1));
    store.set_current("ns");
    store.set_flag(PERSIST_KEY, "granted");
    store.set_flag("other-app/settings", "overwritten");
    store.discard("other-app/settings");
    store.discard("xingping/v0/draft/x");
    store.delete("ns").expect("delete");
    store.restore("ns").expect("restore");
    store.delete("ns").expect("delete");
    store.empty_trash();
    local().set_item(&draft_key("junk"), "junk").expect("write");
    let _ = store.list(rubric(), "b");

    let after = snapshot();
    let foreign_after: BTreeMap<String, String> =
        after.iter().filter(|(k, _)| !k.starts_with(NAMESPACE)).map(|(k, v)| (k.clone(), v.clone())).collect();
    assert_eq!(foreign_after, foreign_before, "foreign keys unchanged, none added");
    // What the app did write is all under its namespace.
    assert_eq!(after.get(CURRENT_KEY).map(String::as_str), Some("ns"));
    assert_eq!(after.get(PERSIST_KEY).map(String::as_str), Some("granted"));
    assert!(after.contains_key(&format!("{NAMESPACE}corrupt/junk-b")));

    for key in ["other-app/settings", "xingping-old", "xingping/v0/draft/x"] {
        s.remove_item(key).expect("remove");
    }
    clean();
}

#[wasm_bindgen_test]
fn it_opens_an_old_entry_as_format_v1() {
    clean();
    // A draft saved by an early build: its file is in the v0 layout `submission::migrate`
    // documents (bare rubric id, unit_name, confirmed: bool, veto as true/false/null).
    let raw = r#"{"format":"xingping-draft","format_version":1,"id":"old","name":"旧草稿","revision":3,
        "updated_at":"2025-01-01T00:00:00Z","file":{"format":"xingping-submission","format_version":0,
        "rubric":"shenmu-2024","unit_name":"某镇","year":2025,
        "items":{"site.signage":{"confirmed":true,"flags":{"no_sign":true}},"site.areas":{"confirmed":false}},
        "veto":{"veto.incident":false,"veto.accident":null}}}"#;
    local().set_item(&draft_key("old"), raw).expect("write");
    let store = Store::open().expect("storage works");

    let listing = store.list(rubric(), "stamp");
    assert!(listing.corrupt.is_empty(), "{:?}", listing.corrupt);
    assert_eq!(listing.drafts.len(), 1);
    let d = store.load(rubric(), "old").expect("migrates");
    assert_eq!((d.format_version, d.file.format_version), (1, 1));
    assert_eq!((d.file.rubric.id.as_str(), d.file.unit.name.as_str(), d.file.year), ("shenmu-2024", "某镇", 2025));
    assert_eq!(d.file.answers.items["site.signage"].status, Status::Confirmed);
    assert_eq!(d.file.answers.items["site.areas"].status, Status::Unassessed);
    assert_eq!((d.revision, d.meta().total.as_str()), (3, "1.0"));
    assert!(d.file.result.is_some(), "the result is computed on reading");

    // Saving it on top (the tab knows revision 3) writes the v1 layout.
    assert_eq!(store.save(&d, 3), Ok(4));
    let text = local().get_item(&draft_key("old")).expect("read").expect("stored");
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(value["file"]["format_version"], 1);
    assert_eq!(value["file"]["unit"]["name"], "某镇");

    // An entry from a newer 星评 is neither opened nor moved.
    let newer = sample("new", "新版", "").encode().replace(r#""format_version":1,"id""#, r#""format_version":9,"id""#);
    local().set_item(&draft_key("new"), &newer).expect("write");
    assert_eq!(store.load(rubric(), "new"), Err(StoreError::Draft(DraftError::Newer(9))));
    let listing = store.list(rubric(), "stamp2");
    assert_eq!(listing.newer.len(), 1);
    assert_eq!(local().get_item(&draft_key("new")).expect("read").as_deref(), Some(newer.as_str()));
    clean();
}

#[wasm_bindgen_test]
fn it_restores_a_deleted_draft() {
    clean();
    let store = Store::open().expect("storage works");
    let d = sample("del", "要删的", "备注");
    assert_eq!(store.save(&d, 0), Ok(1));
    let stored = store.load(rubric(), "del").expect("loads");

    store.delete("del").expect("delete");
    assert_eq!(store.load(rubric(), "del"), Err(StoreError::Missing));
    assert!(store.list(rubric(), "s").drafts.is_empty());
    assert!(local().get_item(&format!("{NAMESPACE}trash/del")).expect("read").is_some());
    assert_eq!(store.delete("del"), Err(StoreError::Missing));

    store.restore("del").expect("restore");
    assert_eq!(store.load(rubric(), "del"), Ok(stored));
    assert_eq!(local().get_item(&format!("{NAMESPACE}trash/del")).expect("read"), None);
    assert_eq!(store.restore("del"), Err(StoreError::Missing));

    // Another page starting up empties the trash, but not of a draft this page may still
    // offer to restore (deleted less than UNDO_MS ago).
    store.delete("del").expect("delete");
    store.empty_trash();
    assert_eq!(store.restore("del"), Ok(()));

    // Past the window (or with no deletion time, as written before there was one) it goes.
    store.delete("del").expect("delete");
    let long_ago = (js_sys::Date::now() - UNDO_MS - 1_000.0).to_string();
    local().set_item(&format!("{NAMESPACE}trash-at/del"), &long_ago).expect("write");
    local().set_item(&format!("{NAMESPACE}trash/untimed"), &sample("untimed", "旧", "").encode()).expect("write");
    store.empty_trash();
    assert_eq!(store.restore("del"), Err(StoreError::Missing));
    assert_eq!(store.restore("untimed"), Err(StoreError::Missing));
    assert_eq!(store.load(rubric(), "del"), Err(StoreError::Missing));
    let left: Vec<String> = snapshot().into_keys().filter(|k| k.starts_with(NAMESPACE)).collect();
    assert!(left.iter().all(|k| !k.contains("trash")), "{left:?}");
    clean();
}
