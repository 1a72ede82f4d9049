//! The page's entry point (wasm32): opens storage, loads the draft that was open last (or
//! starts one), and starts [`xingping::app`] with it.

fn main() {
    #[cfg(target_arch = "wasm32")]
    web::start();
}

#[cfg(target_arch = "wasm32")]
mod web {
    use xingping::app::session::{new_id, now_iso, stamp, Open, Session};
    use xingping::app::storage::{Listing, Store, NAMESPACE};
    use xingping::app::Start;
    use xingping::drafts::{Draft, StoredDraft};
    use xingping::rubric::Rubric;

    pub fn start() {
        let now = js_sys::Date::new_0();
        let this_year = now.get_full_year() as i32;
        let today = Some((this_year, now.get_month() + 1, now.get_date()));
        let mut start = match Store::open() {
            Ok(store) => with_storage(store, this_year),
            Err(_) => {
                let draft = Draft::new(this_year);
                let open = Open { id: new_id(), name: "本页草稿".into(), known: 0 };
                let session = Session::new(None, open, draft.clone());
                Start {
                    draft,
                    this_year,
                    session: Some(session),
                    listing: Listing::default(),
                    notice: None,
                    today: None,
                }
            }
        };
        start.today = today;
        xingping::app::start(start);
    }

    fn with_storage(store: Store, this_year: i32) -> Start {
        let rubric = Rubric::shenmu_2024();
        store.empty_trash();
        // Listing first moves any unreadable entry aside, so it is never overwritten.
        let mut listing = store.list(rubric, &stamp());
        let wanted_id = store.current().or_else(|| listing.drafts.first().map(|d| d.id.clone()));
        let mut notice = None;
        let opened = match wanted_id.as_ref().map(|id| store.load(rubric, id)) {
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => {
                let kept_aside = wanted_id.as_deref().is_some_and(|id| {
                    let prefix = format!("{NAMESPACE}corrupt/{id}-");
                    listing.corrupt.iter().any(|c| c.key.starts_with(&prefix))
                });
                notice = Some(if kept_aside {
                    "上次打开的草稿无法载入：它已损坏，原始内容已原样另存，见下方提示。".to_string()
                } else {
                    format!("上次打开的草稿无法载入：{e}")
                });
                listing.drafts.first().and_then(|m| store.load(rubric, &m.id).ok())
            }
            None => None,
        };
        // A first visit starts a draft, stored at once (and then listed).
        let stored = opened.unwrap_or_else(|| {
            let mut d = StoredDraft::new(rubric, &new_id(), "草稿 1", &Draft::new(this_year), &now_iso());
            d.revision = store.save(&d, 0).unwrap_or(0);
            listing.drafts = store.list(rubric, &stamp()).drafts;
            d
        });
        store.set_current(&stored.id);
        let open = Open { id: stored.id.clone(), name: stored.name.clone(), known: stored.revision };
        let draft = Draft::from_submission(&stored.file);
        let session = Session::new(Some(store), open, draft.clone());
        Start { draft, this_year, session: Some(session), listing, notice, today: None }
    }
}
