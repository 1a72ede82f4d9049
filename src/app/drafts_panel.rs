//! The drafts list: name, unit, year, total, level and last change of every stored draft,
//! with create, open, duplicate, rename and delete. A view function of the list and the
//! rename in progress ([`Renaming`]), and [`update`] for what is done in it.

use super::html::{self, el, key_of, El, Html};
use super::Msg;
use crate::drafts::DraftMeta;

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

/// A rename in progress: the draft, the text typed, and why it was not taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Renaming {
    /// The draft's id.
    pub id: String,
    /// The name typed so far.
    pub text: String,
    /// Why the name was refused, if it was.
    pub error: Option<String>,
}

/// Something done in the drafts list.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftsMsg {
    /// A command for the app to run.
    Command(DraftCommand),
    /// 重命名 on a draft (its id and its name now).
    StartRename(String, String),
    /// The text in the name box.
    RenameText(String),
    /// The rename ends: saved (保存名称, Enter) or not (取消, Escape).
    FinishRename(bool),
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

/// Acts on `msg`: the command to run, if any, and the id of the element to focus once the
/// page shows the change. The name box takes the focus when a rename starts, and gives it
/// back to its 重命名 button when the rename ends (saved or cancelled); a refused name keeps
/// the rename open with its message.
pub fn update(
    renaming: &mut Option<Renaming>,
    drafts: &[DraftMeta],
    msg: DraftsMsg,
) -> (Option<DraftCommand>, Option<String>) {
    match msg {
        DraftsMsg::Command(c) => (Some(c), None),
        DraftsMsg::StartRename(id, text) => {
            // Already renaming this draft: its text starts over, the focus stays.
            let focus = (renaming.as_ref().map(|r| &r.id) != Some(&id)).then(|| format!("rename-{id}"));
            *renaming = Some(Renaming { id, text, error: None });
            (None, focus)
        }
        DraftsMsg::RenameText(text) => {
            if let Some(r) = renaming {
                r.text = text;
                r.error = None;
            }
            (None, None)
        }
        DraftsMsg::FinishRename(save) => {
            let Some(r) = renaming.take() else { return (None, None) };
            let name = r.text.trim().to_string();
            match rename_error(drafts, &r.id, &name).filter(|_| save) {
                Some(error) => {
                    *renaming = Some(Renaming { error: Some(error), ..r });
                    (None, None)
                }
                None => {
                    let focus = Some(format!("rename-btn-{}", r.id));
                    (save.then_some(DraftCommand::Rename(r.id, name)), focus)
                }
            }
        }
    }
}

/// A button that sends `msg`.
fn button(label: &'static str, msg: DraftsMsg) -> El {
    html::button(label, Msg::Drafts(msg))
}

/// A row's button for `label` (打开, 复制…), named for the draft.
fn action(label: &'static str, name: &str, msg: DraftsMsg) -> El {
    button(label, msg).attr("aria-label", format!("{label} {name}"))
}

/// The name cell of the draft being renamed: the name box, 保存名称, 取消 and the message.
fn rename_cell(r: &Renaming) -> El {
    let input_id = format!("rename-{}", r.id);
    let error_id = format!("{input_id}-err");
    el("td")
        .attr("class", "name")
        .child(el("label").attr("class", "sr-only").attr("for", input_id.clone()).text("新名称"))
        .child(
            el("input")
                .attr("type", "text")
                .id(input_id)
                .attr("maxlength", "60")
                .attr("value", r.text.clone())
                .on_input(|t| Msg::Drafts(DraftsMsg::RenameText(t)))
                .on("keydown", |e| {
                    // Enter saves, Escape cancels, as the buttons do. Escape ends the rename,
                    // not the whole panel: the panel's own handler skips an event already
                    // default-prevented.
                    let save = match key_of(e).as_str() {
                        "Enter" => true,
                        "Escape" => false,
                        _ => return None,
                    };
                    e.prevent_default();
                    Some(Msg::Drafts(DraftsMsg::FinishRename(save)))
                })
                .attr("aria-invalid", if r.error.is_some() { "true" } else { "false" })
                .attr_opt("aria-describedby", r.error.as_ref().map(|_| error_id.clone())),
        )
        .child(button("保存名称", DraftsMsg::FinishRename(true)))
        .child(button("取消", DraftsMsg::FinishRename(false)).attr("class", "link"))
        .child(
            r.error
                .clone()
                .map(|error| el("p").attr("class", "field-error").id(error_id).attr("role", "alert").text(error)),
        )
}

/// The list of drafts.
pub fn drafts_panel(drafts: &[DraftMeta], open: &str, renaming: Option<&Renaming>) -> Html {
    let rows = drafts.iter().map(|d| {
        let is_open = d.id == open;
        let name_cell = match renaming.filter(|r| r.id == d.id) {
            Some(r) => rename_cell(r),
            None => el("td")
                .attr("class", "name")
                .text(d.name.clone())
                .child(is_open.then(|| el("span").attr("class", "tag").text("当前"))),
        };
        let command = |c: fn(String) -> DraftCommand| DraftsMsg::Command(c(d.id.clone()));
        let cell = |label: &'static str, text: String| el("td").attr("data-label", label).text(text);
        el("tr")
            .key(d.id.clone())
            .attr_opt("class", is_open.then_some("open"))
            .child(name_cell)
            .child(cell("机构", if d.unit.is_empty() { "（未填写）".to_string() } else { d.unit.clone() }))
            .child(cell("年度", d.year.to_string()))
            .child(cell("总分", d.total.clone()).attr("class", "num"))
            .child(
                cell("星级", d.level.clone())
                    .child(el("span").attr("class", "hint").text(format!(" 已评 {}/21", d.assessed))),
            )
            .child(cell("最后修改", when(&d.updated_at)))
            .child(
                el("td")
                    .attr("class", "actions")
                    .child((!is_open).then(|| action("打开", &d.name, command(DraftCommand::Open))))
                    .child(action("复制", &d.name, command(DraftCommand::Duplicate)))
                    .child(
                        action("重命名", &d.name, DraftsMsg::StartRename(d.id.clone(), d.name.clone()))
                            .id(format!("rename-btn-{}", d.id)),
                    )
                    .child(action("删除", &d.name, command(DraftCommand::Delete)).attr("class", "danger")),
            )
    });
    let heads = ["名称", "机构", "年度", "总分", "星级", "最后修改", "操作"];
    el("section")
        .attr("class", "panel drafts")
        .attr("aria-labelledby", "drafts-h")
        .child(el("h2").id("drafts-h").attr("tabindex", "-1").text("草稿"))
        .child(
            el("p")
                .attr("class", "hint")
                .text("每次修改都会自动保存在本浏览器中。可为不同年度、练习或不同镇街分别建立草稿。"),
        )
        .child(
            el("div").attr("class", "table-wrap").child(
                el("table")
                    .child(el("thead").child(el("tr").kids(heads.map(|h| el("th").attr("scope", "col").text(h)))))
                    .child(el("tbody").kids(rows)),
            ),
        )
        .child(button("新建草稿", DraftsMsg::Command(DraftCommand::New)).attr("class", "primary"))
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(id: &str, name: &str) -> DraftMeta {
        DraftMeta {
            id: id.into(),
            name: name.into(),
            unit: String::new(),
            year: 2025,
            total: "0.0".into(),
            level: "不予评定".into(),
            assessed: 0,
            updated_at: "2025-04-01T08:00:00Z".into(),
            revision: 1,
        }
    }

    fn start(renaming: &mut Option<Renaming>, drafts: &[DraftMeta]) {
        let (command, focus) = update(renaming, drafts, DraftsMsg::StartRename("a".into(), "草稿 1".into()));
        assert_eq!(command, None);
        assert_eq!(focus.as_deref(), Some("rename-a"), "the name box takes the focus");
    }

    #[test]
    fn a_rename_is_saved_trimmed_and_the_focus_goes_back_to_its_button() {
        let drafts = [meta("a", "草稿 1"), meta("b", "草稿 2")];
        let mut renaming = None;
        start(&mut renaming, &drafts);
        update(&mut renaming, &drafts, DraftsMsg::RenameText("  年度申报 ".into()));
        assert_eq!(renaming.as_ref().map(|r| r.text.as_str()), Some("  年度申报 "));
        let (command, focus) = update(&mut renaming, &drafts, DraftsMsg::FinishRename(true));
        assert_eq!(command, Some(DraftCommand::Rename("a".into(), "年度申报".into())));
        assert_eq!(focus.as_deref(), Some("rename-btn-a"));
        assert_eq!(renaming, None);
    }

    #[test]
    fn a_refused_name_keeps_the_rename_open_with_its_message() {
        let drafts = [meta("a", "草稿 1"), meta("b", "草稿 2")];
        let mut renaming = None;
        start(&mut renaming, &drafts);
        update(&mut renaming, &drafts, DraftsMsg::RenameText("草稿 2".into()));
        assert_eq!(update(&mut renaming, &drafts, DraftsMsg::FinishRename(true)), (None, None));
        let r = renaming.clone().expect("still renaming");
        assert_eq!(r.error.as_deref(), Some("已有名为“草稿 2”的草稿，请换一个名称"));
        assert_eq!(rename_error(&drafts, "a", ""), Some("名称不能为空".into()));
        assert_eq!(rename_error(&drafts, "a", "草稿 1"), None, "its own name is fine");

        // Typing again clears the message; cancelling runs nothing, even with a refused name.
        update(&mut renaming, &drafts, DraftsMsg::RenameText(" ".into()));
        assert_eq!(renaming.as_ref().and_then(|r| r.error.clone()), None);
        let (command, focus) = update(&mut renaming, &drafts, DraftsMsg::FinishRename(false));
        assert_eq!((command, focus.as_deref()), (None, Some("rename-btn-a")));
        assert_eq!(renaming, None);
    }

    #[test]
    fn commands_pass_through() {
        let mut renaming = None;
        let (command, focus) = update(&mut renaming, &[], DraftsMsg::Command(DraftCommand::Delete("a".into())));
        assert_eq!((command, focus), (Some(DraftCommand::Delete("a".into())), None));
        assert_eq!(update(&mut renaming, &[], DraftsMsg::FinishRename(true)), (None, None), "no rename open");
    }

    #[test]
    fn the_name_box_shows_its_message() {
        let r = Renaming {
            id: "a".into(),
            text: "草稿 2".into(),
            error: Some("已有名为“草稿 2”的草稿，请换一个名称".into()),
        };
        let html = Html::from(rename_cell(&r)).to_html();
        assert!(html.contains("<label class=\"sr-only\" for=\"rename-a\">新名称</label>"), "{html}");
        assert!(html.contains("<input type=\"text\" id=\"rename-a\" maxlength=\"60\" value=\"草稿 2\" aria-invalid=\"true\" aria-describedby=\"rename-a-err\">"), "{html}");
        assert!(html.contains("<button type=\"button\" class=\"link\">取消</button><p class=\"field-error\" id=\"rename-a-err\" role=\"alert\">"));
    }

    #[test]
    fn an_empty_list_still_offers_a_new_draft() {
        let html = drafts_panel(&[], "a", None).to_html();
        assert!(html.starts_with("<section class=\"panel drafts\" aria-labelledby=\"drafts-h\"><h2 id=\"drafts-h\" tabindex=\"-1\">草稿</h2>"), "{html}");
        assert_eq!(html.matches("<th scope=\"col\">").count(), 7);
        assert!(html.contains("<tbody></tbody>"));
        assert!(html.ends_with("<button type=\"button\" class=\"primary\">新建草稿</button></section>"));
    }
}
