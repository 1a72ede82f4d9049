//! The drafts list: name, unit, year, total, level and last change of every stored draft,
//! with create, open, duplicate, rename and delete.

use super::input_value;
use crate::drafts::DraftMeta;
use yew::prelude::*;

/// What the clerk asks of the drafts list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftCommand {
    /// Start an empty draft.
    New,
    /// Open this draft.
    Open(String),
    /// Copy this draft into a new one.
    Duplicate(String),
    /// Rename this draft.
    Rename(String, String),
    /// Delete this draft (undoable for a while).
    Delete(String),
}

/// Props of [`DraftsPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct DraftsProps {
    /// The stored drafts.
    pub drafts: Vec<DraftMeta>,
    /// The open draft's id.
    pub open: String,
    /// Called with the clerk's command.
    pub on_command: Callback<DraftCommand>,
}

/// Local time of an RFC 3339 stamp, as `YYYY-MM-DD hh:mm`.
fn when(stamp: &str) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(stamp));
    if d.get_time().is_nan() {
        return stamp.to_string();
    }
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// A rename in progress: the draft, the text typed, and why it was not taken.
#[derive(Debug, Clone, PartialEq)]
struct Renaming {
    id: String,
    text: String,
    error: Option<String>,
}

/// Why `name` cannot be the new name of draft `id`, if it cannot.
fn rename_error(drafts: &[DraftMeta], id: &str, name: &str) -> Option<String> {
    if name.is_empty() {
        Some("名称不能为空".into())
    } else if drafts.iter().any(|d| d.id != id && d.name == name) {
        Some(format!("已有名为“{name}”的草稿，请换一个名称"))
    } else {
        None
    }
}

/// The list of drafts.
#[component]
pub fn DraftsPanel(props: &DraftsProps) -> Html {
    let renaming = use_state_eq(|| None::<Renaming>);
    // The name box takes the focus when a rename starts, and gives it back to its 重命名
    // button when the rename ends (saved or cancelled).
    let renamed_id = renaming.as_ref().map(|r| r.id.clone());
    use_effect_with(renamed_id, |id| {
        if let Some(id) = id {
            super::focus(&format!("rename-{id}"));
        }
        let id = id.clone();
        move || {
            if let Some(id) = id {
                super::focus(&format!("rename-btn-{id}"));
            }
        }
    });
    let emit = |c: DraftCommand| {
        let cb = props.on_command.clone();
        Callback::from(move |_: MouseEvent| cb.emit(c.clone()))
    };
    html! {
        <section class="panel drafts" aria-labelledby="drafts-h">
            <h2 id="drafts-h" tabindex="-1">{ "草稿" }</h2>
            <p class="hint">{ "每次修改都会自动保存在本浏览器中。可为不同年度、练习或不同镇街分别建立草稿。" }</p>
            <div class="table-wrap">
            <table>
                <thead><tr>
                    <th scope="col">{ "名称" }</th><th scope="col">{ "机构" }</th><th scope="col">{ "年度" }</th>
                    <th scope="col">{ "总分" }</th><th scope="col">{ "星级" }</th><th scope="col">{ "最后修改" }</th>
                    <th scope="col">{ "操作" }</th>
                </tr></thead>
                <tbody>
                for d in &props.drafts {
                    {{
                        let is_open = d.id == props.open;
                        let editing = renaming.as_ref().filter(|r| r.id == d.id).cloned();
                        let name_cell = match editing {
                            Some(r) => {
                                let oninput = {
                                    let (renaming, id) = (renaming.clone(), d.id.clone());
                                    Callback::from(move |e: InputEvent| {
                                        renaming.set(Some(Renaming { id: id.clone(), text: input_value(&e), error: None }));
                                    })
                                };
                                // Enter saves, Escape cancels, as the buttons do.
                                let finish = {
                                    let (cb, renaming, drafts) = (props.on_command.clone(), renaming.clone(), props.drafts.clone());
                                    let r = r.clone();
                                    move |save: bool| {
                                        let name = r.text.trim().to_string();
                                        match rename_error(&drafts, &r.id, &name).filter(|_| save) {
                                            Some(error) => renaming.set(Some(Renaming { error: Some(error), ..r.clone() })),
                                            None => {
                                                if save {
                                                    cb.emit(DraftCommand::Rename(r.id.clone(), name));
                                                }
                                                renaming.set(None);
                                            }
                                        }
                                    }
                                };
                                let onkeydown = {
                                    let finish = finish.clone();
                                    Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                                        "Enter" => {
                                            e.prevent_default();
                                            finish(true);
                                        }
                                        // Escape ends the rename, not the whole panel.
                                        "Escape" => {
                                            e.prevent_default();
                                            finish(false);
                                        }
                                        _ => {}
                                    })
                                };
                                let save = {
                                    let finish = finish.clone();
                                    Callback::from(move |_: MouseEvent| finish(true))
                                };
                                let cancel = Callback::from(move |_: MouseEvent| finish(false));
                                let input_id = format!("rename-{}", d.id);
                                let error_id = format!("{input_id}-err");
                                html! {
                                    <td class="name">
                                        <label class="sr-only" for={input_id.clone()}>{ "新名称" }</label>
                                        <input type="text" id={input_id} maxlength="60" value={r.text.clone()} {oninput} {onkeydown}
                                            aria-invalid={r.error.is_some().to_string()}
                                            aria-describedby={r.error.as_ref().map(|_| error_id.clone())} />
                                        <button type="button" onclick={save}>{ "保存名称" }</button>
                                        <button type="button" class="link" onclick={cancel}>{ "取消" }</button>
                                        if let Some(error) = &r.error {
                                            <p class="field-error" id={error_id} role="alert">{ error }</p>
                                        }
                                    </td>
                                }
                            }
                            None => html! {
                                <td class="name">{ &d.name }if is_open { <span class="tag">{ "当前" }</span> }</td>
                            },
                        };
                        let start_rename = {
                            let renaming = renaming.clone();
                            let r = Renaming { id: d.id.clone(), text: d.name.clone(), error: None };
                            Callback::from(move |_: MouseEvent| renaming.set(Some(r.clone())))
                        };
                        html! {
                            <tr key={d.id.clone()} class={classes!(is_open.then_some("open"))}>
                                { name_cell }
                                <td data-label="机构">{ if d.unit.is_empty() { "（未填写）".to_string() } else { d.unit.clone() } }</td>
                                <td data-label="年度">{ d.year }</td>
                                <td class="num" data-label="总分">{ &d.total }</td>
                                <td data-label="星级">{ &d.level }<span class="hint">{ format!(" 已评 {}/21", d.assessed) }</span></td>
                                <td data-label="最后修改">{ when(&d.updated_at) }</td>
                                <td class="actions">
                                    if !is_open {
                                        <button type="button" onclick={emit(DraftCommand::Open(d.id.clone()))}
                                            aria-label={format!("打开 {}", d.name)}>{ "打开" }</button>
                                    }
                                    <button type="button" onclick={emit(DraftCommand::Duplicate(d.id.clone()))}
                                        aria-label={format!("复制 {}", d.name)}>{ "复制" }</button>
                                    <button type="button" id={format!("rename-btn-{}", d.id)} onclick={start_rename}
                                        aria-label={format!("重命名 {}", d.name)}>{ "重命名" }</button>
                                    <button type="button" class="danger" onclick={emit(DraftCommand::Delete(d.id.clone()))}
                                        aria-label={format!("删除 {}", d.name)}>{ "删除" }</button>
                                </td>
                            </tr>
                        }
                    }}
                }
                </tbody>
            </table>
            </div>
            <button type="button" class="primary" onclick={emit(DraftCommand::New)}>{ "新建草稿" }</button>
        </section>
    }
}
