//! The page: the whole 附件2 sheet as a form, with live totals, veto warnings and the
//! predicted level; drafts saved as the clerk types; the submission file out and back in.
//!
//! One loop drives it, as in the Elm architecture: a [`Msg`] (from an event, a timer, storage
//! or a file read) goes through [`Model::update`], which changes the state and does the I/O;
//! then [`view`] ([`page`]) builds the whole page as [`html::Html`] from the state, and the page is
//! patched to match. Every figure on screen is derived from the draft with the engine on each
//! render. Saving goes through [`session::Session`].

pub mod declaration;
pub mod drafts_panel;
pub mod files;
pub mod html;
pub mod item;
pub mod page;
pub mod print;
pub mod session;
pub mod sheet;
pub mod state;
pub mod storage;
pub mod summary;

use crate::drafts::{export_file_name, safe_file_part, Draft, StoredDraft};
use crate::keyed::Keyed;
use crate::rubric::Rubric;
use crate::score::{score, ItemScore, Report};
use crate::submission::{read, Loaded, ReadError, MAX_FILE_BYTES};
use declaration::{DeclMsg, DeclUi};
use drafts_panel::{DraftCommand, DraftsMsg, Renaming};
use html::Mounted;
use item::{Edit, Editor};
use page::page;
pub use page::view;
use session::{new_id, now_iso, stamp, Open, SaveStatus, Session};
use state::{Action, AppState};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use storage::{Listing, Store, PERSIST_KEY};
use wasm_bindgen::JsCast;

/// The page's element with this id, if it is there.
fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// The element that has keyboard focus, if any.
pub(crate) fn active_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.active_element()
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
    // HTML and SVG elements alike have focus(); no instanceof check needed.
    let _ = element.unchecked_ref::<web_sys::HtmlElement>().focus();
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
#[derive(Clone)]
pub enum Panel {
    /// None.
    None,
    /// 管理草稿.
    Drafts,
    /// The question before exporting an unfinished sheet.
    ExportConfirm,
    /// A file read and checked, before it is imported.
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

/// Something that happened: the clerk's doing, a timer's, storage's or a file read's.
#[derive(Clone)]
pub enum Msg {
    /// A change to the draft.
    Act(Action),
    /// An edit in an item's editor (the item's id).
    Edit(&'static str, Edit),
    /// Something done in the 附件1 form.
    Decl(DeclMsg),
    /// Something done in the drafts list.
    Drafts(DraftsMsg),
    /// The filter of the item list.
    Filter(Filter),
    /// Show a tab; `true` also moves the keyboard to it (arrow keys).
    View(View, bool),
    /// 管理草稿: open the drafts list, or close it when it is open.
    ToggleDrafts,
    /// Close the panel.
    Close,
    /// 导出提交文件.
    Export,
    /// 仍然导出.
    ExportNow,
    /// A file picked or dropped, to read.
    TakeFile(web_sys::File),
    /// The file read and checked, or why not.
    FileRead(Result<Rc<Loaded>, String>),
    /// 作为新草稿导入.
    Import,
    /// Conflict: 载入另一页保存的版本.
    Reload,
    /// Conflict: 将本页内容另存为新草稿.
    SaveCopy,
    /// 撤销删除.
    Undo,
    /// The time to undo a deletion is over.
    UndoExpired,
    /// The save indicator's new state.
    Status(SaveStatus),
    /// Whether the browser keeps this site's storage.
    Persisted(bool),
    /// Another tab wrote: read the drafts list again.
    Refresh,
    /// Download a damaged draft's raw content (its storage key).
    DownloadRaw(String),
    /// Delete a damaged draft's raw content (its storage key).
    Discard(String),
    /// Print the notes page too.
    Notes(bool),
    /// 打印.
    Print,
}

/// Everything the page knows.
pub struct Model {
    /// The draft and the items held back.
    pub state: AppState,
    /// The item editors that have been used since the draft was opened.
    editors: Keyed<Editor>,
    filter: Filter,
    session: Option<Session>,
    status: SaveStatus,
    listing: Listing,
    panel: Panel,
    flash: Option<Flash>,
    /// The draft just deleted (id, name), while it can be restored.
    undo: Option<(String, String)>,
    undo_timer: Option<gloo_timers::callback::Timeout>,
    persisted: Option<bool>,
    view: View,
    with_notes: bool,
    renaming: Option<Renaming>,
    decl: DeclUi,
    this_year: i32,
    today: Option<(i32, u32, u32)>,
    /// Elements to focus once the page shows the change (ids).
    focus_next: Vec<String>,
}

/// How the page starts.
pub struct Start {
    /// The draft to open.
    pub draft: Draft,
    /// The current year, for the year list.
    pub this_year: i32,
    /// Saving; `None` renders without storage (render tests).
    pub session: Option<Session>,
    /// The stored drafts at start.
    pub listing: Listing,
    /// Something the clerk must know from start-up (e.g. the last draft could not be opened).
    pub notice: Option<String>,
    /// Today (year, month, day), for the declaration deadline.
    pub today: Option<(i32, u32, u32)>,
}

impl Model {
    /// The page's state at start.
    pub fn new(start: Start) -> Model {
        let stored = start.session.as_ref().and_then(Session::store).is_some();
        Model {
            state: AppState::new(start.draft),
            editors: Keyed::new(),
            filter: Filter::All,
            session: start.session,
            status: if stored { SaveStatus::Idle } else { SaveStatus::Memory },
            listing: start.listing,
            panel: Panel::None,
            flash: start.notice.map(Flash::Error),
            undo: None,
            undo_timer: None,
            persisted: None,
            view: View::Form,
            with_notes: true,
            renaming: None,
            decl: DeclUi::default(),
            this_year: start.this_year,
            today: start.today,
            focus_next: Vec::new(),
        }
    }

    fn store(&self) -> Option<Store> {
        self.session.as_ref().and_then(Session::store)
    }

    fn report(&self) -> Report {
        score(Rubric::shenmu_2024(), &self.state.draft.answers)
    }

    /// Changes the draft; a changed draft is saved (the session waits a moment and checks
    /// revisions).
    fn act(&mut self, action: Action) {
        let before = Rc::new(self.state.clone());
        let after = before.clone().reduce(action);
        if Rc::ptr_eq(&before, &after) {
            return;
        }
        let loaded = after.generation != self.state.generation;
        self.state = Rc::unwrap_or_clone(after);
        if loaded {
            self.editors.clear();
        }
        if let Some(s) = &self.session {
            s.changed(&self.state.draft);
        }
    }

    fn refresh(&mut self) {
        if let Some(store) = self.store() {
            self.listing = store.list(Rubric::shenmu_2024(), &stamp());
        }
    }

    fn fail(&mut self, e: impl ToString) {
        self.flash = Some(Flash::Error(e.to_string()));
    }

    fn switch_to(&mut self, stored: &StoredDraft) {
        let draft = Draft::from_submission(&stored.file);
        if let Some(s) = &self.session {
            s.switch(Open { id: stored.id.clone(), name: stored.name.clone(), known: stored.revision }, draft.clone());
        }
        self.act(Action::Load(draft));
        self.panel = Panel::None;
    }

    /// Creates a stored draft and opens it.
    fn create(&mut self, name: String, draft: Draft) {
        let Some(store) = self.store() else { return };
        if let Some(s) = &self.session {
            s.flush();
        }
        let mut stored = StoredDraft::new(Rubric::shenmu_2024(), &new_id(), &name, &draft, &now_iso());
        match store.save(&stored, 0) {
            Ok(revision) => {
                stored.revision = revision;
                self.switch_to(&stored);
                self.refresh();
                self.flash = Some(Flash::Info(format!("已建立草稿“{name}”。")));
            }
            Err(e) => self.fail(e),
        }
    }

    /// Acts on `msg`.
    pub fn update(&mut self, msg: Msg) {
        self.handle(msg);
        // A rename is the drafts list's own: it ends when the list closes.
        if !matches!(self.panel, Panel::Drafts) {
            self.renaming = None;
        }
    }

    fn handle(&mut self, msg: Msg) {
        let rubric = Rubric::shenmu_2024();
        match msg {
            Msg::Act(action) => self.act(action),
            Msg::Edit(id, edit) => {
                let Some(item) = rubric.item(id) else { return };
                let stored = self.state.draft.answers.items.get(id).cloned().unwrap_or_default();
                let editor = self.editors.get_or_insert(id, Editor::new(&stored));
                editor.apply(edit);
                let (accepted, held) = editor.status(item, &stored);
                let pending = editor.pending().clone();
                // An accepted edit goes into the draft; a refused one stays in the editor with
                // its messages, and the page counts it as not saved.
                if accepted && pending != stored {
                    self.act(Action::SetItem(id.to_string(), pending));
                }
                self.act(Action::Hold(id.to_string(), held));
            }
            Msg::Decl(m) => {
                let (unit, focus_id) = declaration::update(&mut self.decl, &self.state.draft.unit, m);
                self.focus_next.extend(focus_id.map(String::from));
                if let Some(unit) = unit {
                    self.act(Action::SetUnit(unit));
                }
            }
            Msg::Drafts(m) => {
                let (command, focus_id) = drafts_panel::update(&mut self.renaming, &self.listing.drafts, m);
                self.focus_next.extend(focus_id);
                if let Some(c) = command {
                    self.command(c);
                }
            }
            Msg::Filter(f) => self.filter = f,
            Msg::View(v, move_focus) => {
                if v != View::Declaration {
                    // The 附件1 form starts afresh each time its tab opens.
                    self.decl = DeclUi::default();
                }
                self.view = v;
                if move_focus {
                    self.focus_next.push(v.tab_id());
                }
            }
            Msg::ToggleDrafts => {
                if matches!(self.panel, Panel::Drafts) {
                    self.panel = Panel::None;
                } else {
                    self.panel = Panel::Drafts;
                    self.refresh();
                }
            }
            Msg::Close => self.panel = Panel::None,
            Msg::Export => {
                if self.report().is_final && self.state.held.is_empty() {
                    self.export_now();
                } else {
                    self.panel = Panel::ExportConfirm;
                }
            }
            Msg::ExportNow => self.export_now(),
            Msg::TakeFile(file) => self.take_file(file),
            Msg::FileRead(Ok(loaded)) => self.panel = Panel::Import(loaded),
            Msg::FileRead(Err(e)) => self.fail(format!("未导入：{e}")),
            Msg::Import => self.import(),
            Msg::Reload => {
                let (Some(store), Some(session)) = (self.store(), self.session.clone()) else { return };
                match store.load(rubric, &session.open().id) {
                    Ok(d) => self.switch_to(&d),
                    Err(e) => self.fail(e),
                }
            }
            Msg::SaveCopy => {
                let name = self.session.as_ref().map(|s| s.open().name).unwrap_or_default();
                self.create(format!("{name}（本页副本）"), self.state.draft.clone());
            }
            Msg::Undo => {
                let (Some(store), Some((id, name))) = (self.store(), self.undo.take()) else { return };
                match store.restore(&id) {
                    Ok(()) => self.flash = Some(Flash::Info(format!("已恢复草稿“{name}”。"))),
                    Err(e) => self.fail(e),
                }
                self.undo_timer = None;
                self.refresh();
                // The 撤销删除 button goes: the keyboard goes on from the drafts list or its button.
                let to = if matches!(self.panel, Panel::Drafts) { "drafts-h" } else { "open-drafts" };
                self.focus_next.push(to.into());
            }
            Msg::UndoExpired => {
                self.undo = None;
                self.undo_timer = None;
            }
            Msg::Status(st) => {
                self.status = st;
                // The drafts list shows every draft as stored now: its totals and names go
                // stale while the clerk works.
                if matches!(self.panel, Panel::Drafts) {
                    self.refresh();
                }
            }
            Msg::Persisted(on) => self.persisted = Some(on),
            Msg::Refresh => self.refresh(),
            Msg::DownloadRaw(key) => {
                if let Some(c) = self.listing.corrupt.iter().find(|c| c.key == key) {
                    let name = format!("星评草稿原始内容-{}.txt", safe_file_part(key.rsplit('/').next().unwrap_or("")));
                    let _ = files::download(&name, &c.raw, "text/plain;charset=utf-8");
                }
            }
            Msg::Discard(key) => {
                if let Some(store) = self.store() {
                    store.discard(&key);
                }
                self.refresh();
            }
            Msg::Notes(on) => self.with_notes = on,
            Msg::Print => {
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            }
        }
    }

    fn command(&mut self, command: DraftCommand) {
        let rubric = Rubric::shenmu_2024();
        let (Some(store), Some(session)) = (self.store(), self.session.clone()) else { return };
        session.flush();
        // A message about an earlier command (say, the copy just deleted) goes.
        self.flash = None;
        match command {
            DraftCommand::New => {
                let name = unused_name(&store, (1..).map(|n| format!("草稿 {n}")));
                self.create(name, Draft::new(self.this_year));
            }
            DraftCommand::Open(id) => match store.load(rubric, &id) {
                Ok(d) => self.switch_to(&d),
                Err(e) => self.fail(e),
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
                    let name = unused_name(&store, copies);
                    self.create(name, Draft::from_submission(&d.file));
                }
                Err(e) => self.fail(e),
            },
            DraftCommand::Rename(id, name) => {
                if id == session.open().id && session.stopped() {
                    // A stopped page writes nothing: the new name would only seem stored.
                    self.fail("本页已停止保存（冲突），请先在上方选择如何处理，再重命名。");
                    return;
                }
                if id == session.open().id {
                    session.rename(&name, &self.state.draft);
                } else {
                    match store.load(rubric, &id) {
                        Ok(mut d) => {
                            let known = d.revision;
                            d.name = name;
                            if let Err(e) = store.save(&d, known) {
                                self.fail(e);
                            }
                        }
                        Err(e) => self.fail(e),
                    }
                }
                self.refresh();
            }
            DraftCommand::Delete(id) => {
                let name = store.load(rubric, &id).map(|d| d.name).unwrap_or_default();
                if let Err(e) = store.delete(&id) {
                    self.fail(e);
                    return;
                }
                if id == session.open().id {
                    let next = store.list(rubric, &stamp()).drafts.into_iter().next();
                    match next.and_then(|m| store.load(rubric, &m.id).ok()) {
                        Some(d) => self.switch_to(&d),
                        None => self.create("草稿 1".into(), Draft::new(self.this_year)),
                    }
                }
                self.refresh();
                // The row (and the button pressed) goes: the keyboard goes to the list's heading.
                self.focus_next.push("drafts-h".into());
                self.undo = Some((id, name));
                self.undo_timer = Some(gloo_timers::callback::Timeout::new(15_000, || dispatch(Msg::UndoExpired)));
            }
        }
    }

    fn export_now(&mut self) {
        let file = self.state.draft.to_submission(Rubric::shenmu_2024(), &now_iso());
        let name = export_file_name(&file);
        match files::download(&name, &file.to_json(), "application/json;charset=utf-8") {
            Ok(()) => self.flash = Some(Flash::Info(format!("已导出“{name}”。"))),
            Err(e) => self.fail(format!("导出失败（{e}）。")),
        }
        self.panel = Panel::None;
    }

    fn take_file(&mut self, file: web_sys::File) {
        self.flash = None;
        // The preview of an earlier file goes: a refusal of this one must not sit above the
        // other file's 作为新草稿导入.
        if matches!(self.panel, Panel::Import(_)) {
            self.panel = Panel::None;
        }
        let size = file.size();
        if size > MAX_FILE_BYTES as f64 {
            let bytes = if size.is_finite() { size as usize } else { usize::MAX };
            self.fail(format!("未导入：{}", ReadError::TooLarge { bytes }));
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            let read = match files::read_bytes(file).await {
                Ok(bytes) => read(Rubric::shenmu_2024(), &bytes).map(Rc::new).map_err(|e| e.to_string()),
                Err(e) => Err(format!("文件无法读取（{e}）。")),
            };
            dispatch(Msg::FileRead(read));
        });
    }

    fn import(&mut self) {
        let Panel::Import(loaded) = self.panel.clone() else { return };
        let file = &loaded.submission;
        let draft = Draft::from_submission(file);
        if self.store().is_some() {
            let unit = if file.unit.name.trim().is_empty() { "未命名" } else { file.unit.name.trim() };
            self.create(format!("导入：{} {}", safe_file_part(unit), file.year), draft);
        } else {
            // No storage: there is only this page's draft; the preview said it is replaced.
            if let Some(s) = &self.session {
                s.switch(s.open(), draft.clone());
            }
            self.act(Action::Load(draft));
            self.panel = Panel::None;
        }
    }

    /// Whether closing the page now would lose something shown: an edit that failed its
    /// checks, a failed save, a page stopped by a conflict, or no storage.
    fn at_risk(&self) -> bool {
        let not_stored = matches!(self.status, SaveStatus::Failed(_) | SaveStatus::Conflict | SaveStatus::Memory)
            && self.session.as_ref().is_some_and(|s| s.unsaved(&self.state.draft));
        !self.state.held.is_empty() || not_stored
    }

    /// Which items the filter shows.
    fn shown(&self, report: &Report) -> Vec<bool> {
        report.items.iter().map(|s| self.filter.shows(s)).collect()
    }
}

/// The first of `candidates` that no stored draft is called.
fn unused_name(store: &Store, mut candidates: impl Iterator<Item = String>) -> String {
    let names: Vec<String> = store.list(Rubric::shenmu_2024(), &stamp()).drafts.into_iter().map(|d| d.name).collect();
    candidates.find(|n| !names.contains(n)).unwrap_or_default()
}

// ---- The loop ------------------------------------------------------------------------------

/// The running page: its state, what is on the page, and the messages waiting.
struct Runtime {
    model: RefCell<Model>,
    mounted: RefCell<Option<Mounted>>,
    queue: RefCell<VecDeque<Msg>>,
    busy: Cell<bool>,
    /// Which items the page shows (the filter), as last drawn.
    shown: RefCell<Vec<bool>>,
    /// The question before closing the page, while something shown is not stored.
    leave_guard: RefCell<Option<gloo_events::EventListener>>,
    listeners: RefCell<Vec<gloo_events::EventListener>>,
}

thread_local! {
    static PAGE: RefCell<Option<Rc<Runtime>>> = const { RefCell::new(None) };
}

/// Hands `msg` to the page. Messages sent while one is being handled wait their turn; the
/// page is drawn once they are all handled.
pub fn dispatch(msg: Msg) {
    let Some(rt) = PAGE.with(|p| p.borrow().clone()) else { return };
    rt.queue.borrow_mut().push_back(msg);
    if rt.busy.replace(true) {
        return;
    }
    // A message sent while the page is drawn (by an event a focus move fires) gets a round of
    // its own.
    while !rt.queue.borrow().is_empty() {
        let panel_before = rt.model.borrow().panel.focus_ids();
        loop {
            // Popped in a statement of its own: `update` may send messages (the queue's borrow
            // must be over by then).
            let next = rt.queue.borrow_mut().pop_front();
            let Some(msg) = next else { break };
            rt.model.borrow_mut().update(msg);
        }
        // The scores once per drawing: for the page, and for which items it shows.
        let (html, shown) = {
            let m = rt.model.borrow();
            let report = m.report();
            (page(&m, &report), m.shown(&report))
        };
        if let Some(m) = rt.mounted.borrow_mut().as_mut() {
            m.patch(html);
        }
        let shown_before = rt.shown.replace(shown.clone());
        after_render(&rt, panel_before, &shown_before, &shown);
    }
    rt.busy.set(false);
}

/// What follows a change once the page shows it: focus, and the question before leaving.
fn after_render(
    rt: &Runtime,
    panel_before: Option<(&'static str, &'static str)>,
    shown_before: &[bool],
    shown_after: &[bool],
) {
    let (panel_after, focus_next, at_risk) = {
        let mut m = rt.model.borrow_mut();
        (m.panel.focus_ids(), std::mem::take(&mut m.focus_next), m.at_risk())
    };
    // A panel takes the focus when it opens (its heading) and gives it back to the control
    // that opened it when it closes, if the focus went with it (a click elsewhere keeps its place).
    match (panel_before, panel_after) {
        (_, Some((heading, _))) if panel_before != panel_after => focus(heading),
        (Some((_, opener)), None) if focus_is_lost() => focus(opener),
        _ => {}
    }
    // A filter can hide the card the clerk is working in (只看未评, then 确认本项): the
    // keyboard goes on to the next item shown rather than back to the top of the page.
    let items = Rubric::shenmu_2024().items();
    for ((shown, item), before) in shown_after.iter().zip(items).zip(shown_before) {
        if *before && !*shown {
            if let Some(card) = element(&format!("item-{}", item.id.replace('.', "-"))) {
                if focus_is_lost() || active_element().is_some_and(|f| card.contains(Some(&f))) {
                    item::focus_after(&card);
                }
            }
        }
    }
    for id in focus_next {
        focus(&id);
    }
    let mut guard = rt.leave_guard.borrow_mut();
    if at_risk != guard.is_some() {
        *guard = if at_risk { ask_before_leaving() } else { None };
    }
}

/// Starts the page in `<body>`.
pub fn start(start: Start) {
    let Some(window) = web_sys::window() else { return };
    let Some(body) = window.document().and_then(|d| d.body()) else { return };
    // What index.html shows until the page is there (the loading line, <noscript>) goes.
    body.set_inner_html("");
    let session = start.session.clone();
    let model = Model::new(start);
    let report = model.report();
    let shown = model.shown(&report);
    let Some(mounted) = Mounted::mount(&body, page(&model, &report)) else { return };
    let root = mounted.node().clone();
    let rt = Rc::new(Runtime {
        model: RefCell::new(model),
        mounted: RefCell::new(Some(mounted)),
        queue: RefCell::new(VecDeque::new()),
        busy: Cell::new(false),
        shown: RefCell::new(shown),
        leave_guard: RefCell::new(None),
        listeners: RefCell::new(Vec::new()),
    });
    PAGE.with(|p| *p.borrow_mut() = Some(rt.clone()));
    let mut listeners = Vec::new();
    for event in ["click", "input", "change", "keydown", "dragover", "drop"] {
        // Not passive: handlers call prevent_default (keys they take, a file dropped).
        let options = gloo_events::EventListenerOptions::enable_prevent_default();
        listeners
            .push(gloo_events::EventListener::new_with_options(&root, event, options, move |e| on_event(e, event)));
    }
    if let Some(s) = session {
        s.listen(Rc::new(|st| dispatch(Msg::Status(st))));
        listeners.extend(watch_page(&s));
    }
    *rt.listeners.borrow_mut() = listeners;
}

/// Runs the handlers an event reaches, innermost first, and hands on their messages.
fn on_event(e: &web_sys::Event, event: &str) {
    let Some(rt) = PAGE.with(|p| p.borrow().clone()) else { return };
    // The root's listeners hear events of the page's own nodes only.
    let Some(target) = e.target().map(|t| t.unchecked_into::<web_sys::Node>()) else { return };
    // An event the page's own patching fires (removing a focused box that was typed in fires
    // `change`) is not the clerk's doing: the tree is being changed, and the event is let go.
    let Ok(mounted) = rt.mounted.try_borrow() else { return };
    let handlers = mounted.as_ref().map(|m| m.handlers(&target, event)).unwrap_or_default();
    drop(mounted);
    for h in handlers {
        if let Some(msg) = h(e) {
            dispatch(msg);
        }
        if e.cancel_bubble() {
            break;
        }
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
fn watch_page(session: &Session) -> Vec<gloo_events::EventListener> {
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
        let e = e.unchecked_ref::<web_sys::StorageEvent>();
        s.storage_event(e.key(), e.new_value());
        dispatch(Msg::Refresh);
    }));

    if let Some(store) = session.store() {
        match store.get_raw(PERSIST_KEY).as_deref() {
            Some("granted") => dispatch(Msg::Persisted(true)),
            Some(_) => dispatch(Msg::Persisted(false)),
            None => {
                if let Ok(promise) = window.navigator().storage().persist() {
                    wasm_bindgen_futures::spawn_local(async move {
                        let granted = wasm_bindgen_futures::JsFuture::from(promise)
                            .await
                            .ok()
                            .and_then(|v| v.as_bool())
                            .unwrap_or(false);
                        store.set_flag(PERSIST_KEY, if granted { "granted" } else { "denied" });
                        dispatch(Msg::Persisted(granted));
                    });
                }
            }
        }
    }
    listeners
}
