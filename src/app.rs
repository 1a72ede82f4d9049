//! The page: the whole 附件2 sheet as a form, with live totals, veto warnings and the
//! predicted level; drafts saved as the clerk types; the submission file out and back in.
//!
//! State is one reducer over the draft ([`state`]); every figure on screen is derived from it
//! with the engine on each render. Saving happens in an effect through [`session::Session`].

pub mod declaration;
pub mod drafts_panel;
pub mod files;
pub mod item;
pub mod print;
pub mod session;
pub mod sheet;
pub mod state;
pub mod storage;
pub mod summary;

use crate::declaration::stale_self_assessment;
use crate::drafts::{export_file_name, safe_file_part, Draft, StoredDraft};
use crate::rubric::Rubric;
use crate::score::{fmt_num, fmt_score, score, ItemScore, Report, VOID_MARK};
use crate::submission::{open_notice, read, Loaded, ReadError, MAX_FILE_BYTES};
use declaration::DeclarationForm;
use drafts_panel::{DraftCommand, DraftsPanel};
use print::PrintView;
use session::{new_id, now_iso, stamp, Open, SaveStatus, Session};
use sheet::Sheet;
use state::{Action, AppState};
use std::rc::Rc;
use storage::{Listing, Store, StoreError, PERSIST_KEY};
use summary::{SectionChart, Summary};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

// What an input event's element holds (the listeners' one way into the DOM).

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn area_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlTextAreaElement>().value()
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// The page's element with this id, if it is there.
fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// The element that has keyboard focus, if any.
pub(crate) fn active_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.active_element()
}

/// Whether the drafts list is on the page.
fn panel_open() -> bool {
    element("drafts-h").is_some()
}

/// Whether keyboard focus is nowhere (on `<body>`), as after the focused element was removed.
pub(crate) fn focus_is_lost() -> bool {
    active_element().is_none_or(|a| a.tag_name() == "BODY")
}

/// Moves keyboard focus to the element with this id, if it is there.
pub(crate) fn focus(id: &str) {
    if let Some(element) = element(id) {
        focus_element(&element);
    }
}

/// Moves keyboard focus to `element`, if it can take it.
pub(crate) fn focus_element(element: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

fn checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

/// Props of [`App`].
#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The draft to open.
    pub draft: Draft,
    /// The current year, for the year list.
    pub this_year: i32,
    /// Saving; `None` renders without storage (server-side render tests).
    #[prop_or_default]
    pub session: Option<Session>,
    /// The stored drafts at start.
    #[prop_or_default]
    pub listing: Listing,
    /// Something the clerk must know from start-up (e.g. the last draft could not be opened).
    #[prop_or_default]
    pub notice: Option<String>,
    /// Today (year, month, day), for the declaration deadline.
    #[prop_or_default]
    pub today: Option<(i32, u32, u32)>,
}

/// What the main area shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// 自评打分: the sheet as a form.
    Form,
    /// 申报表: the 附件1 fields.
    Declaration,
    /// 打印预览: the official pages as they print.
    Print,
}

impl View {
    /// The tabs' order.
    const ALL: [View; 3] = [View::Form, View::Declaration, View::Print];

    fn name(self) -> &'static str {
        match self {
            View::Form => "form",
            View::Declaration => "declaration",
            View::Print => "print",
        }
    }
    fn tab_id(self) -> String {
        format!("tab-{}", self.name())
    }
    fn panel_id(self) -> String {
        format!("panel-{}", self.name())
    }
}

/// Which items the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// 全部.
    All,
    /// 只看未评.
    Unassessed,
    /// 只看失分项.
    Lost,
}

impl Filter {
    /// Whether an item with this outcome shows.
    pub fn shows(self, s: &ItemScore) -> bool {
        match self {
            Filter::All => true,
            Filter::Unassessed => !s.is_counted(),
            Filter::Lost => s.lost().is_some_and(|l| !l.is_zero()),
        }
    }
}

/// The panel open below the toolbar.
#[derive(Debug, Clone, PartialEq)]
enum Panel {
    None,
    Drafts,
    ExportConfirm,
    Import(Rc<Loaded>),
}

impl Panel {
    /// The ids of an open panel's heading and of the control that opened it: focus goes to
    /// the one when the panel opens and back to the other when it closes.
    fn focus_ids(&self) -> Option<(&'static str, &'static str)> {
        match self {
            Panel::None => None,
            Panel::Drafts => Some(("drafts-h", "open-drafts")),
            Panel::ExportConfirm => Some(("export-h", "open-export")),
            Panel::Import(_) => Some(("import-h", "import-file")),
        }
    }
}

/// A one-line message under the toolbar.
#[derive(Debug, Clone, PartialEq)]
enum Flash {
    Info(String),
    Error(String),
}

/// The root component.
#[component]
pub fn App(props: &AppProps) -> Html {
    let rubric = Rubric::shenmu_2024();
    let state = use_reducer_eq(|| AppState::new(props.draft.clone()));
    let filter = use_state_eq(|| Filter::All);
    let store = props.session.as_ref().and_then(Session::store);
    let status = use_state_eq(|| if store.is_some() { SaveStatus::Idle } else { SaveStatus::Memory });
    let listing = use_state_eq(|| props.listing.clone());
    let panel = use_state_eq(|| Panel::None);
    let flash = use_state_eq(|| props.notice.clone().map(Flash::Error));
    let undo = use_state_eq(|| None::<(String, String)>);
    let undo_timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    let persisted = use_state_eq(|| None::<bool>);
    let view = use_state_eq(|| View::Form);
    let with_notes = use_state_eq(|| true);
    let report: Rc<Report> = {
        let answers = state.draft.answers.clone();
        use_memo(answers, |answers| score(rubric, answers))
    };
    let open = props.session.as_ref().map(Session::open);

    // Save every change (the session debounces and checks revisions).
    {
        let session = props.session.clone();
        use_effect_with(state.draft.clone(), move |draft| {
            if let Some(s) = &session {
                s.changed(draft);
            }
        });
    }

    let refresh = {
        let listing = listing.clone();
        let store = store.clone();
        move || {
            if let Some(store) = &store {
                listing.set(store.list(rubric, &stamp()));
            }
        }
    };

    // Once: status updates, flush on hide/close, other tabs' writes, persistent storage.
    {
        let session = props.session.clone();
        let status = status.clone();
        let persisted = persisted.clone();
        let refresh = refresh.clone();
        use_effect_with((), move |_| {
            let listeners = session.map(|s| {
                s.listen(Callback::from(move |st| status.set(st)));
                watch_page(&s, refresh, persisted)
            });
            move || drop(listeners)
        });
    }

    // The drafts list shows every draft as stored now: it is read again when it opens and after
    // each save while it is open (its totals and names went stale while the clerk worked).
    {
        let refresh = refresh.clone();
        let showing = *panel == Panel::Drafts;
        use_effect_with(((*status).clone(), showing), move |(_, showing)| {
            if *showing {
                refresh();
            }
        });
    }

    let switch_to = {
        let (state, session, panel) = (state.clone(), props.session.clone(), panel.clone());
        move |stored: &StoredDraft| {
            let draft = Draft::from_submission(&stored.file);
            if let Some(s) = &session {
                s.switch(
                    Open { id: stored.id.clone(), name: stored.name.clone(), known: stored.revision },
                    draft.clone(),
                );
            }
            state.dispatch(Action::Load(draft));
            panel.set(Panel::None);
        }
    };

    // Creates a stored draft and opens it.
    let create = {
        let (store, session, flash, refresh, switch_to) =
            (store.clone(), props.session.clone(), flash.clone(), refresh.clone(), switch_to.clone());
        move |name: String, draft: Draft| {
            let Some(store) = &store else { return };
            if let Some(s) = &session {
                s.flush();
            }
            let mut stored = StoredDraft::new(rubric, &new_id(), &name, &draft, &now_iso());
            match store.save(&stored, 0) {
                Ok(revision) => {
                    stored.revision = revision;
                    switch_to(&stored);
                    refresh();
                    flash.set(Some(Flash::Info(format!("已建立草稿“{name}”。"))));
                }
                Err(e) => flash.set(Some(Flash::Error(e.to_string()))),
            }
        }
    };

    let on_command = {
        let (store, session, flash, refresh, switch_to, create, undo, undo_timer, state) = (
            store.clone(),
            props.session.clone(),
            flash.clone(),
            refresh.clone(),
            switch_to.clone(),
            create.clone(),
            undo.clone(),
            undo_timer.clone(),
            state.clone(),
        );
        let this_year = props.this_year;
        Callback::from(move |command: DraftCommand| {
            let (Some(store), Some(session)) = (&store, &session) else { return };
            session.flush();
            // A message about an earlier command (say, the copy just deleted) goes.
            flash.set(None);
            let fail = |e: StoreError| flash.set(Some(Flash::Error(e.to_string())));
            match command {
                DraftCommand::New => {
                    create(unused_name(store, (1..).map(|n| format!("草稿 {n}"))), Draft::new(this_year))
                }
                DraftCommand::Open(id) => match store.load(rubric, &id) {
                    Ok(d) => switch_to(&d),
                    Err(e) => fail(e),
                },
                DraftCommand::Duplicate(id) => match store.load(rubric, &id) {
                    Ok(d) => {
                        let copies = (1..).map(|n| {
                            if n == 1 {
                                format!("{}（副本）", d.name)
                            } else {
                                format!("{}（副本 {n}）", d.name)
                            }
                        });
                        create(unused_name(store, copies), Draft::from_submission(&d.file))
                    }
                    Err(e) => fail(e),
                },
                DraftCommand::Rename(id, name) => {
                    if id == session.open().id && session.stopped() {
                        // A stopped page writes nothing: the new name would only seem stored.
                        flash.set(Some(Flash::Error(
                            "本页已停止保存（冲突），请先在上方选择如何处理，再重命名。".into(),
                        )));
                        return;
                    }
                    if id == session.open().id {
                        session.rename(&name, &state.draft);
                    } else {
                        match store.load(rubric, &id) {
                            Ok(mut d) => {
                                let known = d.revision;
                                d.name = name;
                                if let Err(e) = store.save(&d, known) {
                                    fail(e);
                                }
                            }
                            Err(e) => fail(e),
                        }
                    }
                    refresh();
                }
                DraftCommand::Delete(id) => {
                    let name = store.load(rubric, &id).map(|d| d.name).unwrap_or_default();
                    if let Err(e) = store.delete(&id) {
                        fail(e);
                        return;
                    }
                    if id == session.open().id {
                        let next = store.list(rubric, &stamp()).drafts.into_iter().next();
                        match next.and_then(|m| store.load(rubric, &m.id).ok()) {
                            Some(d) => switch_to(&d),
                            None => create("草稿 1".into(), Draft::new(this_year)),
                        }
                    }
                    refresh();
                    // The row (and the button pressed) goes: the keyboard goes to the list's heading.
                    focus("drafts-h");
                    undo.set(Some((id, name)));
                    let undo = undo.clone();
                    *undo_timer.borrow_mut() =
                        Some(gloo_timers::callback::Timeout::new(15_000, move || undo.set(None)));
                }
            }
        })
    };

    let on_undo = {
        let (store, undo, refresh, flash) = (store.clone(), undo.clone(), refresh.clone(), flash.clone());
        Callback::from(move |_: MouseEvent| {
            let (Some(store), Some((id, name))) = (&store, (*undo).clone()) else { return };
            match store.restore(&id) {
                Ok(()) => flash.set(Some(Flash::Info(format!("已恢复草稿“{name}”。")))),
                Err(e) => flash.set(Some(Flash::Error(e.to_string()))),
            }
            undo.set(None);
            refresh();
            // The 撤销删除 button goes: the keyboard goes on from the drafts list or its button.
            focus(if panel_open() { "drafts-h" } else { "open-drafts" });
        })
    };

    // Conflict: take the other tab's version, or keep this one as a new draft.
    let on_reload = {
        let (store, session, switch_to, flash) =
            (store.clone(), props.session.clone(), switch_to.clone(), flash.clone());
        Callback::from(move |_: MouseEvent| {
            let (Some(store), Some(session)) = (&store, &session) else { return };
            match store.load(rubric, &session.open().id) {
                Ok(d) => switch_to(&d),
                Err(e) => flash.set(Some(Flash::Error(e.to_string()))),
            }
        })
    };
    let on_save_copy = {
        let (create, session, state) = (create.clone(), props.session.clone(), state.clone());
        Callback::from(move |_: MouseEvent| {
            let name = session.as_ref().map(|s| s.open().name).unwrap_or_default();
            create(format!("{name}（本页副本）"), state.draft.clone());
        })
    };

    let export_now = {
        let (state, flash, panel) = (state.clone(), flash.clone(), panel.clone());
        move || {
            let file = state.draft.to_submission(rubric, &now_iso());
            let name = export_file_name(&file);
            match files::download(&name, &file.to_json(), "application/json;charset=utf-8") {
                Ok(()) => flash.set(Some(Flash::Info(format!("已导出“{name}”。")))),
                Err(e) => flash.set(Some(Flash::Error(format!("导出失败（{e}）。")))),
            }
            panel.set(Panel::None);
        }
    };
    let on_export = {
        let (panel, report, export_now) = (panel.clone(), report.clone(), export_now.clone());
        let holding = !state.held.is_empty();
        Callback::from(move |_: MouseEvent| {
            if report.is_final && !holding {
                export_now();
            } else {
                panel.set(Panel::ExportConfirm);
            }
        })
    };

    let take_file = {
        let (panel, flash) = (panel.clone(), flash.clone());
        Callback::from(move |file: web_sys::File| {
            flash.set(None);
            // The preview of an earlier file goes: a refusal of this one must not sit above
            // the other file's 作为新草稿导入.
            if matches!(*panel, Panel::Import(_)) {
                panel.set(Panel::None);
            }
            let size = file.size();
            if size > MAX_FILE_BYTES as f64 {
                let bytes = if size.is_finite() { size as usize } else { usize::MAX };
                flash.set(Some(Flash::Error(format!("未导入：{}", ReadError::TooLarge { bytes }))));
                return;
            }
            let (panel, flash) = (panel.clone(), flash.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match files::read_bytes(file).await.map_err(|e| format!("文件无法读取（{e}）。")) {
                    Ok(bytes) => match read(rubric, &bytes) {
                        Ok(loaded) => panel.set(Panel::Import(Rc::new(loaded))),
                        Err(e) => flash.set(Some(Flash::Error(format!("未导入：{e}")))),
                    },
                    Err(e) => flash.set(Some(Flash::Error(format!("未导入：{e}")))),
                }
            });
        })
    };
    let on_pick = {
        let take_file = take_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                take_file.emit(file);
            }
            // Picking the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let on_drop = {
        let take_file = take_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                take_file.emit(file);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());

    let on_import = {
        let (create, state, panel, store, session) =
            (create.clone(), state.clone(), panel.clone(), store.clone(), props.session.clone());
        Callback::from(move |_: MouseEvent| {
            let Panel::Import(loaded) = &*panel else { return };
            let file = &loaded.submission;
            let draft = Draft::from_submission(file);
            if store.is_some() {
                let unit = if file.unit.name.trim().is_empty() { "未命名" } else { file.unit.name.trim() };
                create(format!("导入：{} {}", safe_file_part(unit), file.year), draft);
            } else {
                // No storage: there is only this page's draft; the preview said it is replaced.
                if let Some(s) = &session {
                    s.switch(s.open(), draft.clone());
                }
                state.dispatch(Action::Load(draft));
                panel.set(Panel::None);
            }
        })
    };

    let on_name = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let mut unit = state.draft.unit.clone();
            unit.name = input_value(&e);
            state.dispatch(Action::SetUnit(unit));
        })
    };
    let on_year = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Ok(year) = select_value(&e).parse() {
                state.dispatch(Action::SetYear(year));
            }
        })
    };
    let on_item = {
        let state = state.clone();
        Callback::from(move |(id, answer)| state.dispatch(Action::SetItem(id, answer)))
    };
    let on_veto = {
        let state = state.clone();
        Callback::from(move |(id, a)| state.dispatch(Action::SetVeto(id, a)))
    };
    let on_hold = {
        let state = state.clone();
        Callback::from(move |(id, held)| state.dispatch(Action::Hold(id, held)))
    };
    // Closing or reloading the page asks first while something typed is not stored: an edit
    // that failed its checks, a failed save, a page stopped by a conflict, or no storage.
    let not_stored = matches!(*status, SaveStatus::Failed(_) | SaveStatus::Conflict | SaveStatus::Memory)
        && props.session.as_ref().is_some_and(|s| s.unsaved(&state.draft));
    let at_risk = !state.held.is_empty() || not_stored;
    use_effect_with(at_risk, |holding| {
        let listener = if *holding { ask_before_leaving() } else { None };
        move || drop(listener)
    });
    // A panel takes the focus when it opens (its heading) and gives it back to the control
    // that opened it when it closes; Escape closes it.
    {
        let previous = use_mut_ref(|| None::<(&'static str, &'static str)>);
        use_effect_with(panel.focus_ids(), move |ids| {
            let before = std::mem::replace(&mut *previous.borrow_mut(), *ids);
            match (before, ids) {
                (_, Some((heading, _))) if before != *ids => focus(heading),
                // Only when the focus went with the panel: a click elsewhere keeps its place.
                (Some((_, opener)), None) if focus_is_lost() => focus(opener),
                _ => {}
            }
        });
    }
    let on_panel_key = {
        let panel = panel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && !e.default_prevented() && *panel != Panel::None {
                e.prevent_default();
                panel.set(Panel::None);
            }
        })
    };
    let toggle = |p: Panel| {
        let panel = panel.clone();
        Callback::from(move |_: MouseEvent| panel.set(if *panel == p { Panel::None } else { p.clone() }))
    };
    let close = {
        let panel = panel.clone();
        Callback::from(move |_: MouseEvent| panel.set(Panel::None))
    };
    // The plan's first year to next year, and the draft's own year if it is later: choosing the
    // last year must not add another (a list that grew under the select showed the new year).
    let years: Vec<i32> = (2024..=(props.this_year + 1).max(state.draft.year)).collect();
    // The select shows the draft's year whatever the list did (options added or taken away
    // around the selected one can move the browser's selection).
    let year_select = use_node_ref();
    {
        let year_select = year_select.clone();
        use_effect_with(state.draft.year, move |year| {
            if let Some(select) = year_select.cast::<web_sys::HtmlSelectElement>() {
                select.set_value(&year.to_string());
            }
        });
    }
    let filter_radio = |value: Filter, label: &str, id: &str| {
        let current = *filter;
        let filter = filter.clone();
        let onchange = Callback::from(move |_: Event| filter.set(value));
        html! {
            <span class="tick">
                <input type="radio" name="filter" id={id.to_string()} checked={current == value} {onchange} />
                <label for={id.to_string()}>{ label }</label>
            </span>
        }
    };
    let tab = |v: View, label: &str| {
        let current = *view == v;
        let view = view.clone();
        let onclick = Callback::from(move |_: MouseEvent| view.set(v));
        // Only the current tab is in the Tab order; the arrow keys move between tabs.
        html! {
            <button type="button" role="tab" id={v.tab_id()} aria-controls={v.panel_id()}
                class={classes!("tab", current.then_some("current"))} aria-selected={current.to_string()}
                tabindex={if current { "0" } else { "-1" }} {onclick}>{ label }</button>
        }
    };
    let on_tab_key = {
        let view = view.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Alt+← is the browser's Back; keys with a modifier are not the tabs' to take.
            if e.alt_key() || e.ctrl_key() || e.meta_key() || e.shift_key() {
                return;
            }
            let at = View::ALL.iter().position(|v| *v == *view).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => (at + 1) % View::ALL.len(),
                "ArrowLeft" => (at + View::ALL.len() - 1) % View::ALL.len(),
                "Home" => 0,
                "End" => View::ALL.len() - 1,
                _ => return,
            };
            e.prevent_default();
            let next = View::ALL[next];
            view.set(next);
            focus(&next.tab_id());
        })
    };
    let on_unit = {
        let state = state.clone();
        Callback::from(move |unit| state.dispatch(Action::SetUnit(unit)))
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let on_notes = {
        let with_notes = with_notes.clone();
        Callback::from(move |e: Event| with_notes.set(checked(&e)))
    };
    let draft_name = open.as_ref().map(|o| o.name.clone()).unwrap_or_else(|| "本页草稿".into());

    html! {
        <div class="app" ondrop={on_drop} ondragover={on_drag_over}>
            <header class="masthead">
                <div class="brand">
                    <h1>{ "星评" }<span class="sub">{ &rubric.title }</span></h1>
                    <p class="source">{ &rubric.source }{ " · 满分 " }{ fmt_num(rubric.max_total()) }{ " 分" }</p>
                </div>
                <div class="unit-fields">
                    <div class="field">
                        <label for="unit-name">{ "机构名称（站／中心名称）" }</label>
                        <input id="unit-name" type="text" maxlength="200" placeholder="如：神木市××镇便民服务中心"
                            value={state.draft.unit.name.clone()} oninput={on_name} />
                    </div>
                    <div class="field">
                        <label for="year">{ "年度" }</label>
                        <select id="year" ref={year_select} onchange={on_year}>
                            for y in years {
                                <option value={y.to_string()} selected={y == state.draft.year}>{ format!("{y} 年") }</option>
                            }
                        </select>
                    </div>
                </div>
            </header>
            <nav class="toolbar" aria-label="草稿与文件">
                <span class="draft-name">{ "草稿：" }<strong data-testid="draft-name">{ draft_name }</strong></span>
                <button type="button" id="open-drafts" onclick={toggle(Panel::Drafts)} aria-expanded={(*panel == Panel::Drafts).to_string()}>
                    { "管理草稿" }
                </button>
                <button type="button" id="open-export" onclick={on_export}>{ "导出提交文件" }</button>
                <label class="button" for="import-file">{ "导入文件" }</label>
                <input type="file" id="import-file" class="sr-only" accept=".json,application/json" onchange={on_pick} />
                { save_indicator(&status, *persisted, state.held.len()) }
            </nav>
            { storage_banner(&status, on_reload, on_save_copy) }
            if let Some(flash) = &*flash {
                {{
                    let (class, text) = match flash {
                        Flash::Info(t) => ("flash info", t.clone()),
                        Flash::Error(t) => ("flash error", t.clone()),
                    };
                    html! { <p class={class} role={if class.ends_with("error") { "alert" } else { "status" }} data-testid="flash">{ text }</p> }
                }}
            }
            if let Some((_, name)) = &*undo {
                <p class="flash info" role="status">{ format!("已删除草稿“{name}”。") }
                    <button type="button" onclick={on_undo}>{ "撤销删除" }</button></p>
            }
            { corrupt_notices(&listing, store.clone(), refresh.clone()) }
            <div class="panels" onkeydown={on_panel_key}>
                { match &*panel {
                    Panel::None => html! {},
                    Panel::Drafts => match (&store, &open) {
                        (Some(_), Some(open)) => html! {
                            <DraftsPanel drafts={listing.drafts.clone()} open={open.id.clone()} {on_command} />
                        },
                        _ => html! {
                            <section class="panel" aria-labelledby="drafts-h">
                                <h2 id="drafts-h" tabindex="-1">{ "草稿" }</h2>
                                <p>{ StoreError::Unavailable.to_string() }</p>
                            </section>
                        },
                    },
                    Panel::ExportConfirm => html! {
                        <section class="panel export" aria-labelledby="export-h" role="dialog">
                            <h2 id="export-h" tabindex="-1">{ "导出提交文件" }</h2>
                            if !state.held.is_empty() {
                                <p class="warn" data-testid="export-held">{ format!(
                                    "有 {} 项修改未通过检查，不会写入文件：文件中是这些项目上次有效的答案。",
                                    state.held.len()
                                ) }</p>
                            }
                            if !report.is_final {
                                <p class="warn">{ open_notice(&report) }</p>
                                <p>{ "导出的文件中会注明“自评结果尚未最终确定”，市办公室审核时可以看到。" }</p>
                            }
                            <button type="button" class="primary" onclick={{
                                let export_now = export_now.clone();
                                Callback::from(move |_: MouseEvent| export_now())
                            }}>{ "仍然导出" }</button>
                            <button type="button" onclick={close.clone()}>{ "取消" }</button>
                        </section>
                    },
                    Panel::Import(loaded) => import_preview(loaded, store.is_some(), on_import, close.clone()),
                } }
            </div>
            <div class="tabs" role="tablist" aria-label="页面" onkeydown={on_tab_key}>
                { tab(View::Form, "自评打分（附件2）") }
                { tab(View::Declaration, "申报表（附件1）") }
                { tab(View::Print, "打印预览") }
            </div>
            <Summary report={(*report).clone()} />
            if *view == View::Declaration {
                <div class="single" role="tabpanel" id={View::Declaration.panel_id()} aria-labelledby={View::Declaration.tab_id()}>
                    <DeclarationForm unit={state.draft.unit.clone()} year={state.draft.year} answers={state.draft.answers.clone()}
                        report={report.clone()} today={props.today} on_change={on_unit} />
                </div>
            }
            // Always there, for printing from any tab; a tab panel only while its tab is open.
            <div class={classes!("print-preview", (*view == View::Print).then_some("on"))}
                role={(*view == View::Print).then_some("tabpanel")} id={View::Print.panel_id()}
                aria-labelledby={(*view == View::Print).then(|| View::Print.tab_id())}>
                if *view == View::Print {
                    <div class="print-controls">
                        <button type="button" class="primary" onclick={on_print}>{ "打印" }</button>
                        <span class="tick">
                            <input type="checkbox" id="print-notes" checked={*with_notes} onchange={on_notes} />
                            <label for="print-notes">{ "打印附页（整改说明与佐证材料）" }</label>
                        </span>
                        <span class="hint">{ "请在打印对话框中选择 A4 纸、纵向，边距“默认”。" }</span>
                        if let Some(stale) = stale_self_assessment(rubric, &state.draft.unit, &report) {
                            <p class="warn" role="status" data-testid="print-stale">{ stale }</p>
                        }
                    </div>
                }
                <PrintView unit={state.draft.unit.clone()} answers={state.draft.answers.clone()} report={report.clone()}
                    with_notes={*with_notes} />
            </div>
            <div class="layout" hidden={*view != View::Form} role="tabpanel" id={View::Form.panel_id()}
                aria-labelledby={View::Form.tab_id()}>
                <aside class="side">
                    <nav class="jump" aria-label="跳转到">
                        <h2>{ "评分表" }</h2>
                        <ul>
                            for (s, sub) in rubric.sections.iter().zip(&report.sections) {
                                <li key={s.id.clone()}>
                                    <a href={format!("#sec-{}", s.id)}>{ &s.name }</a>
                                    <span class="sub-score">{ format!("{} / {}", fmt_score(sub.score), fmt_num(sub.max)) }</span>
                                </li>
                            }
                            <li><a href="#sec-veto">{ "一票否决" }</a></li>
                        </ul>
                    </nav>
                    <SectionChart report={(*report).clone()} />
                    <fieldset class="filters">
                        <legend>{ "显示" }</legend>
                        { filter_radio(Filter::All, "全部项目", "filter-all") }
                        { filter_radio(Filter::Unassessed, "只看未评", "filter-unassessed") }
                        { filter_radio(Filter::Lost, "只看失分项", "filter-lost") }
                    </fieldset>
                </aside>
                <Sheet report={report.clone()} answers={state.draft.answers.clone()} generation={state.generation}
                    filter={*filter} {on_item} {on_hold} {on_veto} />
            </div>
        </div>
    }
}

/// The first of `candidates` that no stored draft is called.
fn unused_name(store: &Store, mut candidates: impl Iterator<Item = String>) -> String {
    let names: Vec<String> = store.list(Rubric::shenmu_2024(), &stamp()).drafts.into_iter().map(|d| d.name).collect();
    candidates.find(|n| !names.contains(n)).unwrap_or_default()
}

fn save_indicator(status: &SaveStatus, persisted: Option<bool>, held: usize) -> Html {
    let (class, text) = match status {
        SaveStatus::Idle => ("saved", "已打开，未修改".to_string()),
        SaveStatus::Saving => ("saving", "保存中…".to_string()),
        SaveStatus::Saved(at) => ("saved", format!("已保存 {at}")),
        SaveStatus::Failed(_) => ("failed", "保存失败".to_string()),
        SaveStatus::Memory => ("failed", "未保存（存储不可用）".to_string()),
        SaveStatus::Conflict => ("failed", "已停止保存（冲突）".to_string()),
    };
    let persist = match persisted {
        Some(true) => "浏览器已允许持久保存",
        Some(false) => "浏览器未承诺持久保存，请定期导出",
        None => "",
    };
    html! {
        <span class="save-status">
            // Not a live region: it changes with every keystroke. Failures have their own alert.
            <span class={classes!("indicator", class)} data-testid="save-status">{ text }</span>
            if held > 0 {
                <span class="indicator failed" data-testid="held" role="status">
                    { format!("{held} 项有未通过检查的修改，尚未保存") }
                </span>
            }
            if !persist.is_empty() { <span class="hint" data-testid="persist">{ persist }</span> }
        </span>
    }
}

fn storage_banner(status: &SaveStatus, on_reload: Callback<MouseEvent>, on_save_copy: Callback<MouseEvent>) -> Html {
    match status {
        SaveStatus::Memory => html! {
            <p class="banner error" role="alert" data-testid="storage-banner">{ StoreError::Unavailable.to_string() }</p>
        },
        SaveStatus::Failed(e) => html! {
            <p class="banner error" role="alert" data-testid="storage-banner">{ e.to_string() }</p>
        },
        SaveStatus::Conflict => html! {
            <div class="banner error" role="alert" data-testid="conflict">
                <p>{ "另一个标签页（或窗口）修改了这份草稿。为避免互相覆盖，本页已停止保存；本页的内容仍在。请选择：" }</p>
                <button type="button" onclick={on_reload}>{ "载入另一页保存的版本" }</button>
                <button type="button" onclick={on_save_copy}>{ "将本页内容另存为新草稿" }</button>
            </div>
        },
        _ => html! {},
    }
}

fn corrupt_notices(
    listing: &UseStateHandle<Listing>,
    store: Option<Store>,
    refresh: impl Fn() + Clone + 'static,
) -> Html {
    html! {
        <>
            for c in &listing.corrupt {
                {{
                    let download = {
                        let (raw, key) = (c.raw.clone(), c.key.clone());
                        Callback::from(move |_: MouseEvent| {
                            let name = format!("星评草稿原始内容-{}.txt", safe_file_part(key.rsplit('/').next().unwrap_or("")));
                            let _ = files::download(&name, &raw, "text/plain;charset=utf-8");
                        })
                    };
                    let discard = {
                        let (store, key, refresh) = (store.clone(), c.key.clone(), refresh.clone());
                        Callback::from(move |_: MouseEvent| {
                            if let Some(store) = &store {
                                store.discard(&key);
                            }
                            refresh();
                        })
                    };
                    html! {
                        <div class="banner warn" role="alert" data-testid="corrupt" key={c.key.clone()}>
                            <p>{ format!("发现一份无法读取的草稿，原始内容已原样另存，没有被覆盖。原因：{}", c.why) }</p>
                            <button type="button" onclick={download}>{ "下载原始内容" }</button>
                            <button type="button" onclick={discard}>{ "已处理，删除这份原始内容" }</button>
                        </div>
                    }
                }}
            }
            for (key, why) in &listing.newer {
                <p class="banner warn" role="status" key={key.clone()}>{ why }</p>
            }
        </>
    }
}

fn import_preview(
    loaded: &Loaded,
    stored: bool,
    on_import: Callback<MouseEvent>,
    on_cancel: Callback<MouseEvent>,
) -> Html {
    let file = &loaded.submission;
    let r = &loaded.report;
    html! {
        <section class="panel import" aria-labelledby="import-h" role="dialog" data-testid="import-preview">
            <h2 id="import-h" tabindex="-1">{ "导入预览" }</h2>
            <dl class="facts">
                <dt>{ "机构名称" }</dt><dd>{ if file.unit.name.is_empty() { "（未填写）" } else { &file.unit.name } }</dd>
                <dt>{ "年度" }</dt><dd>{ file.year }</dd>
                <dt>{ "总分" }</dt><dd data-testid="import-total">{ fmt_score(r.total) }{ if r.vetoed() { VOID_MARK } else { "" } }</dd>
                <dt>{ "星级" }</dt><dd data-testid="import-level">{ r.level.label() }{ if r.is_final || r.vetoed() { "" } else { "（预测）" } }</dd>
                <dt>{ "未评项目" }</dt><dd>{ format!("{} 项", r.item_count - r.assessed) }</dd>
            </dl>
            if let Some(v) = loaded.migrated_from {
                <p class="hint">{ format!("该文件为旧格式（版本 {v}），已按新格式读取。") }</p>
            }
            if !loaded.mismatches.is_empty() {
                <div class="warn" data-testid="mismatches">
                    <p>{ format!("文件中记录的分数与重新计算的结果有 {} 处不一致，以重新计算的为准：", loaded.mismatches.len()) }</p>
                    <ul>
                        for m in &loaded.mismatches { <li>{ m.to_string() }</li> }
                    </ul>
                </div>
            }
            if stored {
                <p>{ "将作为一份新草稿导入，当前草稿不会被改动。" }</p>
            } else {
                <p class="warn">{ "浏览器存储不可用：导入后将替换本页当前的内容。如需保留，请先导出。" }</p>
            }
            <button type="button" class="primary" onclick={on_import}>{ "作为新草稿导入" }</button>
            <button type="button" onclick={on_cancel}>{ "取消" }</button>
        </section>
    }
}

/// Makes the browser ask before the page is closed or reloaded, for as long as the returned
/// listener lives.
fn ask_before_leaving() -> Option<gloo_events::EventListener> {
    let window = web_sys::window()?;
    let options = gloo_events::EventListenerOptions::enable_prevent_default();
    Some(gloo_events::EventListener::new_with_options(&window, "beforeunload", options, |e| {
        e.prevent_default();
        // Browsers before Chrome 119 ask only when returnValue is set.
        let _ = js_sys::Reflect::set(e, &"returnValue".into(), &"有修改尚未保存".into());
    }))
}

/// Flushes on `visibilitychange` (hidden) and `pagehide`, follows other tabs through the
/// `storage` event, and asks once for persistent storage. The listeners live as long as the
/// returned value.
fn watch_page(
    session: &Session,
    refresh: impl Fn() + 'static,
    persisted: UseStateHandle<Option<bool>>,
) -> Vec<gloo_events::EventListener> {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else { return Vec::new() };
    let Some(document) = window.document() else { return Vec::new() };
    let mut listeners = Vec::new();
    let s = session.clone();
    let doc = document.clone();
    listeners.push(gloo_events::EventListener::new(&document, "visibilitychange", move |_| {
        if doc.visibility_state() == web_sys::VisibilityState::Hidden {
            s.flush();
        }
    }));
    let s = session.clone();
    listeners.push(gloo_events::EventListener::new(&window, "pagehide", move |_| s.flush()));
    let s = session.clone();
    listeners.push(gloo_events::EventListener::new(&window, "storage", move |e| {
        if let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() {
            s.storage_event(e.key(), e.new_value());
            refresh();
        }
    }));

    if let Some(store) = session.store() {
        match store.get_raw(PERSIST_KEY).as_deref() {
            Some("granted") => persisted.set(Some(true)),
            Some(_) => persisted.set(Some(false)),
            None => {
                if let Ok(promise) = window.navigator().storage().persist() {
                    wasm_bindgen_futures::spawn_local(async move {
                        let granted = wasm_bindgen_futures::JsFuture::from(promise)
                            .await
                            .ok()
                            .and_then(|v| v.as_bool())
                            .unwrap_or(false);
                        store.set_flag(PERSIST_KEY, if granted { "granted" } else { "denied" });
                        persisted.set(Some(granted));
                    });
                }
            }
        }
    }
    listeners
}
