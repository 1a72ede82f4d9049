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

/// The list of drafts.
#[component]
pub fn DraftsPanel(props: &DraftsProps) -> Html {
    let renaming = use_state(|| None::<(String, String)>);
    let emit = |c: DraftCommand| {
        let cb = props.on_command.clone();
        Callback::from(move |_: MouseEvent| cb.emit(c.clone()))
    };
    html! {
        <section class="panel drafts" aria-labelledby="drafts-h">
            <h2 id="drafts-h">{ "草稿" }</h2>
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
                        let editing = renaming.as_ref().filter(|(id, _)| *id == d.id).map(|(_, n)| n.clone());
                        let name_cell = match editing {
                            Some(text) => {
                                let renaming2 = renaming.clone();
                                let id = d.id.clone();
                                let oninput = Callback::from(move |e: InputEvent| {
                                    renaming2.set(Some((id.clone(), input_value(&e))));
                                });
                                let save = {
                                    let cb = props.on_command.clone();
                                    let renaming = renaming.clone();
                                    let id = d.id.clone();
                                    let text = text.clone();
                                    Callback::from(move |_: MouseEvent| {
                                        if !text.trim().is_empty() {
                                            cb.emit(DraftCommand::Rename(id.clone(), text.trim().to_string()));
                                        }
                                        renaming.set(None);
                                    })
                                };
                                let cancel = {
                                    let renaming = renaming.clone();
                                    Callback::from(move |_: MouseEvent| renaming.set(None))
                                };
                                html! {
                                    <td class="name">
                                        <label class="sr-only" for={format!("rename-{}", d.id)}>{ "新名称" }</label>
                                        <input type="text" id={format!("rename-{}", d.id)} maxlength="60" value={text} {oninput} />
                                        <button type="button" onclick={save}>{ "保存名称" }</button>
                                        <button type="button" class="link" onclick={cancel}>{ "取消" }</button>
                                    </td>
                                }
                            }
                            None => html! {
                                <td class="name">{ &d.name }if is_open { <span class="tag">{ "当前" }</span> }</td>
                            },
                        };
                        let start_rename = {
                            let renaming = renaming.clone();
                            let c = (d.id.clone(), d.name.clone());
                            Callback::from(move |_: MouseEvent| renaming.set(Some(c.clone())))
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
                                    <button type="button" onclick={start_rename} aria-label={format!("重命名 {}", d.name)}>{ "重命名" }</button>
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
