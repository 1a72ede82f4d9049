//! The page's frame as a view of the [`Model`]: the masthead with the unit's name and year,
//! the toolbar (drafts, export, import, the save indicator), banners and messages, the panel
//! open below the toolbar (drafts list, export question, import preview), the tabs, the
//! summary, and the three tab panels, which the other view modules draw.

use super::html::{self, el, list, when, El, Html};
use super::session::{SaveStatus, Session};
use super::state::Action;
use super::storage::{Listing, StoreError};
use super::{declaration, drafts_panel, item, print, sheet, summary, Filter, Flash, Model, Msg, Panel, View};
use crate::declaration::stale_self_assessment;
use crate::rubric::Rubric;
use crate::score::{fmt_num, fmt_score, Report, VOID_MARK};
use crate::submission::{open_notice, Loaded};
use wasm_bindgen::JsCast;

/// The whole page for `m`.
pub fn view(m: &Model) -> Html {
    page(m, &m.report())
}

/// The whole page for `m`, whose answers score `report`.
pub(super) fn page(m: &Model, report: &Report) -> Html {
    let rubric = Rubric::shenmu_2024();
    let draft = &m.state.draft;
    let store = m.store();
    let open = m.session.as_ref().map(Session::open);
    let draft_name = open.as_ref().map(|o| o.name.clone()).unwrap_or_else(|| "本页草稿".into());
    // The plan's first year to next year, and the draft's own year if it is later: choosing
    // the last year must not add another.
    let years = 2024..=(m.this_year + 1).max(draft.year);
    let unit = draft.unit.clone();
    let drafts_open = matches!(m.panel, Panel::Drafts);

    let masthead = el("header")
        .attr("class", "masthead")
        .child(
            el("div")
                .attr("class", "brand")
                .child(el("h1").text("星评").child(el("span").attr("class", "sub").text(rubric.title.as_str())))
                .child(
                    el("p")
                        .attr("class", "source")
                        .text(rubric.source.as_str())
                        .text(format!(" · 满分 {} 分", fmt_num(rubric.max_total()))),
                ),
        )
        .child(
            el("div")
                .attr("class", "unit-fields")
                .child(
                    el("div")
                        .attr("class", "field")
                        .child(el("label").attr("for", "unit-name").text("机构名称（站／中心名称）"))
                        .child(
                            el("input")
                                .id("unit-name")
                                .attr("type", "text")
                                .attr("maxlength", "200")
                                .attr("placeholder", "如：神木市××镇便民服务中心")
                                .attr("value", draft.unit.name.clone())
                                .on_input(move |name| {
                                    Msg::Act(Action::SetUnit(crate::submission::Unit { name, ..unit.clone() }))
                                }),
                        ),
                )
                .child(
                    el("div").attr("class", "field").child(el("label").attr("for", "year").text("年度")).child(
                        el("select")
                            .id("year")
                            .on("change", |e| html::value_of(e).parse().ok().map(|y| Msg::Act(Action::SetYear(y))))
                            .kids(years.map(|y| {
                                el("option")
                                    .attr("value", y.to_string())
                                    .flag("selected", y == draft.year)
                                    .text(format!("{y} 年"))
                            }))
                            // The select shows the draft's year whatever the list did.
                            .attr("value", draft.year.to_string()),
                    ),
                ),
        );

    let toolbar = el("nav")
        .attr("class", "toolbar")
        .attr("aria-label", "草稿与文件")
        .child(
            el("span")
                .attr("class", "draft-name")
                .text("草稿：")
                .child(el("strong").attr("data-testid", "draft-name").text(draft_name)),
        )
        .child(
            html::button("管理草稿", Msg::ToggleDrafts)
                .id("open-drafts")
                .attr("aria-expanded", drafts_open.to_string()),
        )
        .child(html::button("导出提交文件", Msg::Export).id("open-export"))
        .child(el("label").attr("class", "button").attr("for", "import-file").text("导入文件"))
        .child(
            el("input")
                .attr("type", "file")
                .id("import-file")
                .attr("class", "sr-only")
                .attr("accept", ".json,application/json")
                .on("change", |e| {
                    let input: web_sys::HtmlInputElement = e.target()?.unchecked_into();
                    let file = input.files().and_then(|f| f.get(0));
                    // Picking the same file again must fire `change` again.
                    input.set_value("");
                    file.map(Msg::TakeFile)
                }),
        )
        .child(save_indicator(&m.status, m.persisted, m.state.held.len()));

    let flash = m.flash.as_ref().map(|f| {
        let (class, role, t) = match f {
            Flash::Info(t) => ("flash info", "status", t),
            Flash::Error(t) => ("flash error", "alert", t),
        };
        el("p").attr("class", class).attr("role", role).attr("data-testid", "flash").text(t.clone())
    });
    let undo = m.undo.as_ref().map(|(_, name)| {
        el("p")
            .attr("class", "flash info")
            .attr("role", "status")
            .text(format!("已删除草稿“{name}”。"))
            .child(html::button("撤销删除", Msg::Undo))
    });

    let panel: Html = match &m.panel {
        Panel::None => Html::Empty,
        Panel::Drafts => match (&store, &open) {
            (Some(_), Some(open)) => drafts_panel::drafts_panel(&m.listing.drafts, &open.id, m.renaming.as_ref()),
            _ => el("section")
                .attr("class", "panel")
                .attr("aria-labelledby", "drafts-h")
                .child(el("h2").id("drafts-h").attr("tabindex", "-1").text("草稿"))
                .child(el("p").text(StoreError::Unavailable.to_string()))
                .into(),
        },
        Panel::ExportConfirm => el("section")
            .attr("class", "panel export")
            .attr("aria-labelledby", "export-h")
            .attr("role", "dialog")
            .child(el("h2").id("export-h").attr("tabindex", "-1").text("导出提交文件"))
            .child(when(!m.state.held.is_empty(), || {
                el("p")
                    .attr("class", "warn")
                    .attr("data-testid", "export-held")
                    .text(format!(
                        "有 {} 项修改未通过检查，不会写入文件：文件中是这些项目上次有效的答案。",
                        m.state.held.len()
                    ))
                    .into()
            }))
            .child(when(!report.is_final, || {
                list([
                    el("p").attr("class", "warn").text(open_notice(report)).into(),
                    el("p").text("导出的文件中会注明“自评结果尚未最终确定”，市办公室审核时可以看到。").into(),
                ])
            }))
            .child(html::button("仍然导出", Msg::ExportNow).attr("class", "primary"))
            .child(html::button("取消", Msg::Close))
            .into(),
        Panel::Import(loaded) => import_preview(loaded, store.is_some()),
    };

    let tab = |v: View, label: &'static str| {
        let current = m.view == v;
        // Only the current tab is in the Tab order; the arrow keys move between tabs.
        el("button")
            .attr("type", "button")
            .attr("role", "tab")
            .id(v.tab_id())
            .attr("aria-controls", v.panel_id())
            .class(&[Some("tab"), current.then_some("current")])
            .attr("aria-selected", current.to_string())
            .attr("tabindex", if current { "0" } else { "-1" })
            .on_click(Msg::View(v, false))
            .text(label)
    };
    let at = View::ALL.iter().position(|v| *v == m.view).unwrap_or(0);
    let tabs = el("div")
        .attr("class", "tabs")
        .attr("role", "tablist")
        .attr("aria-label", "页面")
        .on("keydown", move |e| {
            // Alt+← is the browser's Back; keys with a modifier are not the tabs' to take.
            if html::modified(e) {
                return None;
            }
            let n = View::ALL.len();
            let next = match html::key_of(e).as_str() {
                "ArrowRight" => (at + 1) % n,
                "ArrowLeft" => (at + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                _ => return None,
            };
            e.prevent_default();
            Some(Msg::View(View::ALL[next], true))
        })
        .child(tab(View::Form, "自评打分（附件2）"))
        .child(tab(View::Declaration, "申报表（附件1）"))
        .child(tab(View::Print, "打印预览"));

    let on_print = m.view == View::Print;
    let print = el("div")
        .class(&[Some("print-preview"), on_print.then_some("on")])
        .attr_opt("role", on_print.then_some("tabpanel"))
        .id(View::Print.panel_id())
        .attr_opt("aria-labelledby", on_print.then(|| View::Print.tab_id()))
        .child(when(on_print, || {
            el("div")
                .attr("class", "print-controls")
                .child(html::button("打印", Msg::Print).attr("class", "primary"))
                .child(
                    el("span")
                        .attr("class", "tick")
                        .child(
                            el("input")
                                .attr("type", "checkbox")
                                .id("print-notes")
                                .flag("checked", m.with_notes)
                                .on_change(|e| Msg::Notes(html::checked_of(e))),
                        )
                        .child(el("label").attr("for", "print-notes").text("打印附页（整改说明与佐证材料）")),
                )
                .child(el("span").attr("class", "hint").text("请在打印对话框中选择 A4 纸、纵向，边距“默认”。"))
                .child(stale_self_assessment(rubric, &draft.unit, report).map(|stale| {
                    el("p").attr("class", "warn").attr("role", "status").attr("data-testid", "print-stale").text(stale)
                }))
                .into()
        }))
        .child(print::print_view(&draft.unit, &draft.answers, report, m.with_notes));

    let form = el("div")
        .attr("class", "layout")
        .flag("hidden", m.view != View::Form)
        .attr("role", "tabpanel")
        .id(View::Form.panel_id())
        .attr("aria-labelledby", View::Form.tab_id())
        .child(
            el("aside")
                .attr("class", "side")
                .child(
                    el("nav").attr("class", "jump").attr("aria-label", "跳转到").child(el("h2").text("评分表")).child(
                        el("ul")
                            .kids(rubric.sections.iter().zip(&report.sections).map(|(s, sub)| {
                                el("li")
                                    .key(s.id.as_str())
                                    .child(el("a").attr("href", format!("#sec-{}", s.id)).text(s.name.as_str()))
                                    .child(el("span").attr("class", "sub-score").text(format!(
                                        "{} / {}",
                                        fmt_score(sub.score),
                                        fmt_num(sub.max)
                                    )))
                            }))
                            .child(el("li").key("veto").child(el("a").attr("href", "#sec-veto").text("一票否决"))),
                    ),
                )
                .child(summary::section_chart(report))
                .child(
                    el("fieldset")
                        .attr("class", "filters")
                        .child(el("legend").text("显示"))
                        .child(filter_radio(m.filter, Filter::All, "全部项目", "filter-all"))
                        .child(filter_radio(m.filter, Filter::Unassessed, "只看未评", "filter-unassessed"))
                        .child(filter_radio(m.filter, Filter::Lost, "只看失分项", "filter-lost")),
                ),
        )
        .child(sheet::sheet(report, &draft.answers, &m.editors, m.filter, m.state.generation));

    el("div")
        .attr("class", "app")
        .on("drop", |e| {
            e.prevent_default();
            let file = e.dyn_ref::<web_sys::DragEvent>()?.data_transfer()?.files()?.get(0)?;
            Some(Msg::TakeFile(file))
        })
        .on("dragover", |e| {
            e.prevent_default();
            None
        })
        .child(masthead)
        .child(toolbar)
        .child(storage_banner(&m.status))
        .child(flash)
        .child(undo)
        .child(corrupt_notices(&m.listing))
        .child(
            el("div")
                .attr("class", "panels")
                .on("keydown", |e| {
                    // Escape closes the panel (a rename's Escape is the rename's own).
                    if html::key_of(e) == "Escape" && !e.default_prevented() {
                        e.prevent_default();
                        return Some(Msg::Close);
                    }
                    None
                })
                .child(panel),
        )
        .child(tabs)
        .child(summary::summary(report))
        .child(when(m.view == View::Declaration, || {
            el("div")
                .attr("class", "single")
                .attr("role", "tabpanel")
                .id(View::Declaration.panel_id())
                .attr("aria-labelledby", View::Declaration.tab_id())
                .child(declaration::declaration_form(&m.decl, &draft.unit, draft.year, &draft.answers, report, m.today))
                .into()
        }))
        // Always there, for printing from any tab; a tab panel only while its tab is open.
        .child(print)
        .child(form)
        .into()
}

fn filter_radio(current: Filter, value: Filter, label: &'static str, id: &'static str) -> El {
    item::radio("filter", id.to_string(), current == value, Msg::Filter(value), label)
}

fn save_indicator(status: &SaveStatus, persisted: Option<bool>, held: usize) -> El {
    let (class, t) = match status {
        SaveStatus::Idle => ("indicator saved", "已打开，未修改".to_string()),
        SaveStatus::Saving => ("indicator saving", "保存中…".to_string()),
        SaveStatus::Saved(at) => ("indicator saved", format!("已保存 {at}")),
        SaveStatus::Failed(_) => ("indicator failed", "保存失败".to_string()),
        SaveStatus::Memory => ("indicator failed", "未保存（存储不可用）".to_string()),
        SaveStatus::Conflict => ("indicator failed", "已停止保存（冲突）".to_string()),
    };
    let persist = match persisted {
        Some(true) => "浏览器已允许持久保存",
        Some(false) => "浏览器未承诺持久保存，请定期导出",
        None => "",
    };
    el("span")
        .attr("class", "save-status")
        // Not a live region: it changes with every keystroke. Failures have their own alert.
        .child(el("span").attr("class", class).attr("data-testid", "save-status").text(t))
        .child((held > 0).then(|| {
            el("span")
                .attr("class", "indicator failed")
                .attr("data-testid", "held")
                .attr("role", "status")
                .text(format!("{held} 项有未通过检查的修改，尚未保存"))
        }))
        .child(
            (!persist.is_empty())
                .then(|| el("span").attr("class", "hint").attr("data-testid", "persist").text(persist)),
        )
}

fn storage_banner(status: &SaveStatus) -> Html {
    let alert = |t: String| {
        el("p").attr("class", "banner error").attr("role", "alert").attr("data-testid", "storage-banner").text(t).into()
    };
    match status {
        SaveStatus::Memory => alert(StoreError::Unavailable.to_string()),
        SaveStatus::Failed(e) => alert(e.to_string()),
        SaveStatus::Conflict => {
            el("div")
                .attr("class", "banner error")
                .attr("role", "alert")
                .attr("data-testid", "conflict")
                .child(el("p").text(
                    "另一个标签页（或窗口）修改了这份草稿。为避免互相覆盖，本页已停止保存；本页的内容仍在。请选择：",
                ))
                .child(html::button("载入另一页保存的版本", Msg::Reload))
                .child(html::button("将本页内容另存为新草稿", Msg::SaveCopy))
                .into()
        }
        _ => Html::Empty,
    }
}

fn corrupt_notices(listing: &Listing) -> Html {
    let corrupt = listing.corrupt.iter().map(|c| -> Html {
        el("div")
            .attr("class", "banner warn")
            .attr("role", "alert")
            .attr("data-testid", "corrupt")
            .child(el("p").text(format!("发现一份无法读取的草稿，原始内容已原样另存，没有被覆盖。原因：{}", c.why)))
            .child(html::button("下载原始内容", Msg::DownloadRaw(c.key.clone())))
            .child(html::button("已处理，删除这份原始内容", Msg::Discard(c.key.clone())))
            .into()
    });
    let newer = listing.newer.iter().map(|(_, why)| -> Html {
        el("p").attr("class", "banner warn").attr("role", "status").text(why.clone()).into()
    });
    list(corrupt.chain(newer))
}

fn import_preview(loaded: &Loaded, stored: bool) -> Html {
    let file = &loaded.submission;
    let r = &loaded.report;
    let fact = |dt: &'static str, dd: El| list([el("dt").text(dt).into(), dd.into()]);
    el("section")
        .attr("class", "panel import")
        .attr("aria-labelledby", "import-h")
        .attr("role", "dialog")
        .attr("data-testid", "import-preview")
        .child(el("h2").id("import-h").attr("tabindex", "-1").text("导入预览"))
        .child(
            el("dl")
                .attr("class", "facts")
                .child(fact(
                    "机构名称",
                    el("dd").text(if file.unit.name.is_empty() {
                        "（未填写）".to_string()
                    } else {
                        file.unit.name.clone()
                    }),
                ))
                .child(fact("年度", el("dd").text(file.year.to_string())))
                .child(fact(
                    "总分",
                    el("dd").attr("data-testid", "import-total").text(fmt_score(r.total)).text(if r.vetoed() {
                        VOID_MARK
                    } else {
                        ""
                    }),
                ))
                .child(fact(
                    "星级",
                    el("dd")
                        .attr("data-testid", "import-level")
                        .text(r.level.label().to_string())
                        .text(if r.is_final || r.vetoed() { "" } else { "（预测）" }),
                ))
                .child(fact("未评项目", el("dd").text(format!("{} 项", r.item_count - r.assessed)))),
        )
        .child(
            loaded
                .migrated_from
                .map(|v| el("p").attr("class", "hint").text(format!("该文件为旧格式（版本 {v}），已按新格式读取。"))),
        )
        .child(when(!loaded.mismatches.is_empty(), || {
            el("div")
                .attr("class", "warn")
                .attr("data-testid", "mismatches")
                .child(el("p").text(format!(
                    "文件中记录的分数与重新计算的结果有 {} 处不一致，以重新计算的为准：",
                    loaded.mismatches.len()
                )))
                .child(el("ul").kids(loaded.mismatches.iter().map(|mm| el("li").text(mm.to_string()))))
                .into()
        }))
        .child(if stored {
            el("p").text("将作为一份新草稿导入，当前草稿不会被改动。")
        } else {
            el("p").attr("class", "warn").text("浏览器存储不可用：导入后将替换本页当前的内容。如需保留，请先导出。")
        })
        .child(html::button("作为新草稿导入", Msg::Import).attr("class", "primary"))
        .child(html::button("取消", Msg::Close))
        .into()
}
