//! One item of the sheet: its official texts, the inputs its rule needs, its score and
//! explanation, the 确认本项 control and the note.
//!
//! The editor keeps the clerk's latest edit (`pending`) and each number field's text as typed
//! (with why it does not parse, if it does not). An edit replaces the stored answer only when
//! the engine accepts it, so a bad value shows its message beside the field while the item
//! keeps its last valid score.
//!
//! The page keeps an item's [`Editor`] once the clerk edits it and applies each [`Edit`] to
//! it ([`Msg::Edit`]); [`item_card`] draws the card from the editor and the stored answer.

use super::html::{self, checked_of, el, key_of, list, value_of, El, Html};
use super::Msg;
use crate::answers::{input, parse_count, parse_decimal, Honour, InputError, ItemAnswer, Status, MAX_TEXT};
use crate::keyed::Keyed;
use crate::rubric::{Item, Rule, Term};
use crate::score::{check_item, fmt_num, fmt_score, honour_errors, other_error, ItemScore};
use rust_decimal::Decimal;

/// What an edit changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Flag(String, bool),
    Count(String, String),
    /// −/+ and the arrow keys: from the count stored at the time, not the one shown when the
    /// page last drew (two presses before a redraw then add two).
    Step(String, i64),
    Decimal(String, String),
    Tick(String, bool),
    NewOther(String),
    /// Add the name typed, if the engine would take it beside the item's list (given here).
    AddOther(&'static [String]),
    RemoveOther(usize),
    Reason(String),
    Note(String),
    Confirm(bool),
    SurveyByCounts(bool),
    AddHonour(String),
    SetHonour(usize, Honour),
    RemoveHonour(usize),
}

/// An item's editor: the clerk's latest edit and how its fields were typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Editor {
    pending: ItemAnswer,
    /// Number fields as typed: field → (text, why it does not parse). The box shows this text,
    /// not the number read from it, so "9." stays while the clerk types 9.5.
    texts: Keyed<(String, Option<InputError>)>,
    /// 群众满意度 entered as questionnaire counts rather than a rate.
    survey_by_counts: bool,
    /// The name being typed for the "其他" list.
    new_other: String,
    /// Why that name was not added.
    other_error: Option<InputError>,
}

impl Editor {
    /// The editor of an item whose stored answer is `answer`, before any edit.
    pub fn new(answer: &ItemAnswer) -> Editor {
        Editor {
            pending: answer.clone(),
            texts: Keyed::new(),
            survey_by_counts: answer.counts.contains_key(input::VALID) || answer.counts.contains_key(input::SATISFIED),
            new_other: String::new(),
            other_error: None,
        }
    }

    fn set_count(&mut self, id: String, text: String) {
        match parse_count(&text) {
            Ok(n) => {
                self.texts.insert(id.clone(), (text, None));
                self.pending.counts.insert(id, n);
            }
            Err(e) => {
                self.texts.insert(id, (text, Some(e)));
            }
        }
    }

    /// Applies an edit.
    pub fn apply(&mut self, edit: Edit) {
        // A name refused at 添加 is refused for as long as nothing else happens.
        self.other_error = None;
        let a = &mut self.pending;
        match edit {
            Edit::Flag(id, on) => {
                a.flags.insert(id, on);
            }
            Edit::Count(id, text) => self.set_count(id, text),
            Edit::Step(id, delta) => {
                let n = a.counts.get(&id).copied().unwrap_or(0);
                self.set_count(id, n.saturating_add(delta).max(0).to_string());
            }
            Edit::Decimal(id, text) => match parse_decimal(&text) {
                Ok(d) => {
                    self.texts.insert(id.clone(), (text, None));
                    a.decimals.insert(id, d);
                }
                // An emptied optional rate is simply not entered.
                Err(InputError::Missing) if id == input::RATE => {
                    self.texts.insert(id.clone(), (text, None));
                    a.decimals.remove(&id);
                }
                Err(e) => {
                    self.texts.insert(id, (text, Some(e)));
                }
            },
            Edit::Tick(name, on) => {
                if on {
                    a.present.insert(name);
                } else {
                    a.present.remove(&name);
                }
            }
            Edit::NewOther(text) => self.new_other = text,
            Edit::AddOther(names) => match other_error(names, &a.others, &self.new_other) {
                Some(e) => self.other_error = Some(e),
                None => {
                    a.others.push(self.new_other.trim().to_string());
                    self.new_other.clear();
                }
            },
            Edit::RemoveOther(i) => {
                if i < a.others.len() {
                    a.others.remove(i);
                }
            }
            Edit::Reason(text) => a.reason = text,
            Edit::Note(text) => a.note = text,
            Edit::Confirm(on) => a.status = if on { Status::Confirmed } else { Status::Unassessed },
            Edit::SurveyByCounts(by_counts) => {
                self.survey_by_counts = by_counts;
                // One way of entering the survey at a time: the other's values go.
                if by_counts {
                    a.decimals.remove(input::RATE);
                    self.texts.remove(input::RATE);
                } else {
                    for id in [input::SATISFIED, input::VALID] {
                        a.counts.remove(id);
                        self.texts.remove(id);
                    }
                }
            }
            Edit::AddHonour(kind) => a.honours.push(Honour { kind, date: String::new(), source: String::new() }),
            Edit::SetHonour(i, h) => {
                if let Some(slot) = a.honours.get_mut(i) {
                    *slot = h;
                }
            }
            Edit::RemoveHonour(i) => {
                if i < a.honours.len() {
                    a.honours.remove(i);
                }
            }
        }
    }

    /// The clerk's latest answer, accepted or not.
    pub fn pending(&self) -> &ItemAnswer {
        &self.pending
    }

    /// Whether a field's text does not parse.
    fn unreadable(&self) -> bool {
        self.texts.values().any(|(_, e)| e.is_some())
    }

    /// Whether the pending answer is accepted (the page stores it), and whether the editor
    /// holds an edit that failed its checks (not saved) where the stored answer is `stored`.
    pub fn status(&self, item: &Item, stored: &ItemAnswer) -> (bool, bool) {
        // Text that does not parse holds the item back as well: otherwise ticking 确认本项 (or
        // any other edit) would count the last valid value while the field visibly says
        // something else.
        let unreadable = self.unreadable();
        let accepted = check_item(item, &self.pending).is_ok() && !unreadable;
        // An edit that failed its checks is not saved: the page counts such items and says so.
        let held = (self.pending != *stored || unreadable) && !accepted;
        (accepted, held)
    }
}

/// The DOM id of an item's field.
fn field_id(item: &str, field: &str) -> String {
    format!("f-{}-{}", item.replace('.', "-"), field)
}

/// One item of the sheet with its inputs: `editor` holds the clerk's edits, `stored` is the
/// stored (valid) answer and `result` the engine's outcome for it. A card hidden by the filter
/// stays on the page, so that unsaved edits stay in its fields.
pub fn item_card(item: &'static Item, editor: &Editor, stored: &ItemAnswer, result: &ItemScore, hidden: bool) -> Html {
    let mut errors: Keyed<String> = Keyed::new();
    if let Err(found) = check_item(item, &editor.pending) {
        for e in found {
            if !errors.contains_key(&e.field) {
                errors.insert(e.field, e.error.to_string());
            }
        }
    }
    for (field, (_, e)) in &editor.texts {
        if let Some(e) = e {
            errors.insert(field.clone(), e.to_string());
        }
    }
    let ctx = Ctx { item, editor, errors };

    let inputs: Html = match &item.rule {
        Rule::Deduct { terms } => list(terms.iter().map(|t| deduct_term(&ctx, t))),
        Rule::Add { label, names, others, points, cap } => Html::List(vec![
            ticks(&ctx, label, names, format!("每项得 {} 分，上限 {} 分", fmt_num(*points), fmt_num(*cap))),
            if *others { others_list(&ctx, names).into() } else { Html::Empty },
        ]),
        Rule::Award { id, label } => yes_no(&ctx, id, label, format!("是则得 {} 分", fmt_num(item.max))).into(),
        Rule::Discretionary { honours, reason_below_max, .. } => Html::List(vec![
            decimal_field(&ctx, input::SCORE, "得分", format!("0 到 {} 分，步长 0.1", fmt_num(item.max))),
            reason_field(&ctx, if *reason_below_max { "理由（低于满分时必填）" } else { "理由（选填）" }),
            if honours.is_empty() { Html::Empty } else { honours_list(&ctx, honours).into() },
        ]),
        Rule::Survey { step_percent, step_points, rectify_points } => {
            survey_inputs(&ctx, *step_percent, *step_points, *rectify_points)
        }
    };

    let (score_text, explanation, state_class) = match (&result.outcome, result.confirmed) {
        (Ok(s), true) => (format!("{} 分", fmt_score(s.score)), s.explanation.clone(), "assessed"),
        (Ok(s), false) => ("未评".to_string(), format!("预览：{}（确认后计入总分）", s.explanation), "unassessed"),
        (Err(_), _) => ("未评".to_string(), "尚未填写完整".to_string(), "unassessed"),
    };
    let lost = result.lost().is_some_and(|l| !l.is_zero());
    let dom = item.id.replace('.', "-");
    let key = item.id.as_str();
    let confirm_id = ctx.id("confirm");
    let note_id = ctx.id(input::NOTE);
    el("article")
        .class(&[Some("item"), Some(state_class), lost.then_some("lost")])
        .id(format!("item-{dom}"))
        .flag("hidden", hidden)
        .attr("aria-labelledby", format!("h-{dom}"))
        .child(
            el("header")
                .attr("class", "item-head")
                .child(
                    el("h3")
                        .id(format!("h-{dom}"))
                        .text(&item.name)
                        .text(" ")
                        .child(el("span").attr("class", "max").text(format!("{} 分", fmt_num(item.max)))),
                )
                .child(
                    el("p")
                        .class(&[Some("item-score"), Some(state_class)])
                        .attr("data-testid", "item-score")
                        .text(score_text),
                ),
        )
        .child(
            el("details")
                .attr("class", "texts")
                .flag("open", true)
                .child(el("summary").text("评分要求与评分细则"))
                .child(
                    el("dl")
                        .child(el("dt").text("评分要求"))
                        .child(el("dd").text(&item.requirement))
                        .child(el("dt").text("评分细则"))
                        .child(el("dd").text(&item.criteria)),
                ),
        )
        .child(el("div").attr("class", "inputs").child(inputs))
        .child(el("p").attr("class", "explanation").attr("data-testid", "explanation").text(explanation))
        .child(editor.status(item, stored).1.then(|| {
            el("p")
                .attr("class", "unsaved")
                .attr("role", "status")
                .text("有未通过检查的修改（尚未保存），本项仍按上次有效的答案计分。")
        }))
        .child(
            el("div")
                .attr("class", "field note")
                .child(label(&note_id).text("整改说明 / 佐证材料（选填）").child(of_item(item)))
                .child(
                    el("textarea")
                        .id(note_id)
                        .attr("maxlength", MAX_TEXT.to_string())
                        .attr("rows", "2")
                        .attr("value", editor.pending.note.clone())
                        .on_input(move |t| Msg::Edit(key, Edit::Note(t))),
                )
                .child(error_of(&ctx, input::NOTE)),
        )
        .child(
            el("div")
                .attr("class", "confirm")
                .child(checkbox(&confirm_id, editor.pending.status == Status::Confirmed, key, Edit::Confirm))
                .child(label(&confirm_id).text("确认本项（核实后勾选，未确认的项目按 0 分计）").child(of_item(item))),
        )
        .into()
}

/// Focuses the first control of the next item shown after `card` (in its section, then in the
/// sections after it), or the 只看未评 filter when no item is left.
pub fn focus_after(card: &web_sys::Element) {
    const SHOWN: &str = "article.item:not([hidden])";
    let mut next = card.next_element_sibling();
    while let Some(e) = &next {
        if e.matches(SHOWN).unwrap_or(false) {
            break;
        }
        next = e.next_element_sibling();
    }
    let mut section = card.parent_element().and_then(|s| s.next_element_sibling());
    while next.is_none() {
        let Some(s) = section else { break };
        next = s.query_selector(SHOWN).ok().flatten();
        section = s.next_element_sibling();
    }
    let control = next.and_then(|n| n.query_selector("input, textarea, select, button").ok().flatten());
    match control {
        Some(c) => super::focus_element(&c),
        None => super::focus("filter-unassessed"),
    }
}

/// The item's name for screen readers, inside a label that reads the same on every item
/// (确认本项, 整改说明, 得分, 理由): 21 controls of one name cannot be told apart.
fn of_item(item: &Item) -> El {
    el("span").attr("class", "sr-only").text(format!("：{}", item.name))
}

/// What the input helpers share.
struct Ctx<'a> {
    item: &'static Item,
    editor: &'a Editor,
    /// The message to show beside each field that has one.
    errors: Keyed<String>,
}

impl Ctx<'_> {
    fn id(&self, field: &str) -> String {
        field_id(&self.item.id, field)
    }
    fn error(&self, field: &str) -> Option<&String> {
        self.errors.get(field)
    }
    /// The item's id, for its messages.
    fn key(&self) -> &'static str {
        self.item.id.as_str()
    }
    /// The id of the message shown beside `field`, if there is one.
    fn described_by(&self, field: &str) -> Option<String> {
        self.error(field).map(|_| format!("{}-err", self.id(field)))
    }
}

/// `<label for=…>`.
fn label(dom: &str) -> El {
    el("label").attr("for", dom.to_string())
}

/// The hint after a label: `（hint）`.
fn hint(hint: &str) -> El {
    el("span").attr("class", "hint").text(format!("（{hint}）"))
}

/// A message beside a field (`id` ends in `-err`).
fn field_error(id: String, msg: String) -> El {
    el("p").attr("class", "field-error").id(id).attr("role", "alert").text(msg)
}

/// Marks a control as invalid when there is a message about it (`err`, its id).
fn aria_invalid(control: El, err: Option<String>) -> El {
    control.attr("aria-invalid", if err.is_some() { "true" } else { "false" }).attr_opt("aria-describedby", err)
}

fn error_of(ctx: &Ctx, field: &str) -> Option<El> {
    ctx.error(field).map(|msg| field_error(format!("{}-err", ctx.id(field)), msg.clone()))
}

/// A checkbox that sends the edit `edit` makes of whether it is ticked.
fn checkbox(dom: &str, on: bool, key: &'static str, edit: impl Fn(bool) -> Edit + 'static) -> El {
    el("input")
        .attr("type", "checkbox")
        .id(dom.to_string())
        .flag("checked", on)
        .on_change(move |e| Msg::Edit(key, edit(checked_of(e))))
}

/// A radio button with its label in a `<span class="tick">`, sending `msg` when chosen.
pub(super) fn radio(name: &str, dom: String, on: bool, msg: Msg, text: &'static str) -> El {
    el("span")
        .attr("class", "tick")
        .child(
            el("input")
                .attr("type", "radio")
                .attr("name", name.to_string())
                .id(dom.clone())
                .flag("checked", on)
                .on("change", move |_| Some(msg.clone())),
        )
        .child(el("label").attr("for", dom).text(text))
}

fn deduct_term(ctx: &Ctx, term: &'static Term) -> Html {
    match term {
        Term::Flag { id, label, points } => yes_no(ctx, id, label, format!("是则扣 {} 分", fmt_num(*points))).into(),
        Term::Count { id, label, unit, points, .. } => {
            let hint = if points.is_zero() {
                "只作记录".to_string()
            } else {
                format!("每{unit}扣 {} 分", fmt_num(*points))
            };
            count_field(ctx, id, label, unit, hint).into()
        }
        Term::Missing { label, names, points } => {
            ticks(ctx, label, names, format!("每缺少一项扣 {} 分", fmt_num(*points)))
        }
        Term::Points { id, label, max, .. } => Html::List(vec![
            decimal_field(ctx, id, label, format!("0 到 {} 分，步长 0.1", fmt_num(*max))),
            reason_field(ctx, "扣分理由（有扣分时必填）"),
        ]),
    }
}

fn yes_no(ctx: &Ctx, id: &'static str, text: &'static str, h: String) -> El {
    let dom = ctx.id(id);
    let on = ctx.editor.pending.flags.get(id).copied().unwrap_or(false);
    el("div")
        .attr("class", "field check")
        .child(checkbox(&dom, on, ctx.key(), move |on| Edit::Flag(id.to_string(), on)))
        .child(label(&dom).text(text).child(hint(&h)))
}

fn count_field(ctx: &Ctx, id: &'static str, text: &'static str, unit: &'static str, h: String) -> El {
    let dom = ctx.id(id);
    let value = ctx.editor.pending.counts.get(id).copied().unwrap_or(0);
    let typed = ctx.editor.texts.get(id).map_or_else(|| value.to_string(), |(t, _)| t.clone());
    let key = ctx.key();
    let step = |delta: i64, sign: &'static str, name: &str| {
        el("button")
            .attr("type", "button")
            .attr("tabindex", "-1")
            .attr("aria-label", format!("{text} {name}"))
            .on_click(Msg::Edit(key, Edit::Step(id.to_string(), delta)))
            .text(sign)
    };
    let invalid = ctx.error(id).is_some();
    // Keyed by field: the survey's two modes show other fields in the same place, and each
    // gets boxes of its own (the browser's undo history stays with the box it was typed in).
    el("div")
        .key(dom.clone())
        .class(&[Some("field"), Some("count"), invalid.then_some("invalid")])
        .child(label(&dom).text(text).child(hint(&h)))
        .child(
            el("div")
                .attr("class", "stepper")
                .child(step(-1, "−", "减一"))
                .child(aria_invalid(
                    el("input")
                        .attr("type", "text")
                        .attr("inputmode", "numeric")
                        .id(dom)
                        .attr("value", typed)
                        .on_input(move |t| Msg::Edit(key, Edit::Count(id.to_string(), t)))
                        .on("keydown", move |e| {
                            let delta = match key_of(e).as_str() {
                                "ArrowUp" => 1,
                                "ArrowDown" => -1,
                                _ => return None,
                            };
                            e.prevent_default();
                            Some(Msg::Edit(key, Edit::Step(id.to_string(), delta)))
                        }),
                    ctx.described_by(id),
                ))
                .child(step(1, "+", "加一"))
                .child(el("span").attr("class", "unit").text(unit)),
        )
        .child(error_of(ctx, id))
}

fn decimal_field(ctx: &Ctx, id: &'static str, text: &'static str, h: String) -> Html {
    let dom = ctx.id(id);
    let typed = match ctx.editor.texts.get(id) {
        Some((t, _)) => t.clone(),
        None => ctx.editor.pending.decimals.get(id).map(|d| fmt_num(*d)).unwrap_or_default(),
    };
    let key = ctx.key();
    let invalid = ctx.error(id).is_some();
    el("div")
        .key(dom.clone())
        .class(&[Some("field"), Some("decimal"), invalid.then_some("invalid")])
        .child(label(&dom).text(text).child(of_item(ctx.item)).child(hint(&h)))
        .child(aria_invalid(
            el("input")
                .attr("type", "text")
                .attr("inputmode", "decimal")
                .id(dom)
                .attr("value", typed)
                .on_input(move |t| Msg::Edit(key, Edit::Decimal(id.to_string(), t))),
            ctx.described_by(id),
        ))
        .child(error_of(ctx, id))
        .into()
}

fn reason_field(ctx: &Ctx, text: &'static str) -> Html {
    let dom = ctx.id(input::REASON);
    let key = ctx.key();
    let invalid = ctx.error(input::REASON).is_some();
    el("div")
        .class(&[Some("field"), Some("reason"), invalid.then_some("invalid")])
        .child(label(&dom).text(text).child(of_item(ctx.item)))
        .child(aria_invalid(
            el("textarea")
                .id(dom)
                .attr("rows", "2")
                .attr("maxlength", MAX_TEXT.to_string())
                .attr("value", ctx.editor.pending.reason.clone())
                .on_input(move |t| Msg::Edit(key, Edit::Reason(t))),
            ctx.described_by(input::REASON),
        ))
        .child(error_of(ctx, input::REASON))
        .into()
}

fn ticks(ctx: &Ctx, text: &'static str, names: &'static [String], h: String) -> Html {
    let key = ctx.key();
    el("fieldset")
        .class(&[Some("field"), Some("ticks"), ctx.error(input::PRESENT).map(|_| "invalid")])
        .child(el("legend").text(text).child(hint(&format!("勾选实际具备的；{h}"))))
        .child(el("div").attr("class", "tick-grid").kids(names.iter().enumerate().map(|(i, name)| {
            let dom = ctx.id(&format!("present-{i}"));
            el("span")
                .attr("class", "tick")
                .child(checkbox(&dom, ctx.editor.pending.present.contains(name), key, move |on| {
                    Edit::Tick(name.clone(), on)
                }))
                .child(label(&dom).text(name))
        })))
        .child(error_of(ctx, input::PRESENT))
        .into()
}

fn others_list(ctx: &Ctx, names: &'static [String]) -> El {
    let dom = ctx.id("other-new");
    let key = ctx.key();
    let refused = ctx.editor.other_error.as_ref().map(|e| (e.to_string(), format!("{dom}-err")));
    el("div")
        .class(&[Some("field"), Some("others"), ctx.error(input::OTHERS).map(|_| "invalid")])
        .child(label(&dom).text("其他（评分表写“等”，可添加未列出的）"))
        .child(el("ul").attr("class", "other-list").kids(ctx.editor.pending.others.iter().enumerate().map(
            |(i, name)| {
                let new_box = dom.clone();
                // The row (and this button) goes: the keyboard goes to the name box, not on to
                // the next row's 删除, where a second Enter would delete that one too.
                let remove = move |_: &web_sys::Event| {
                    super::focus(&new_box);
                    Some(Msg::Edit(key, Edit::RemoveOther(i)))
                };
                el("li").key(name.clone()).text(name.clone()).child(
                    el("button")
                        .attr("type", "button")
                        .attr("class", "link")
                        .attr("aria-label", format!("删除 {name}"))
                        .on("click", remove)
                        .text("删除"),
                )
            },
        )))
        .child(
            el("div")
                .attr("class", "row")
                .child(aria_invalid(
                    el("input")
                        .attr("type", "text")
                        .id(dom)
                        .attr("maxlength", "50")
                        .attr("placeholder", "名称，按回车添加")
                        .attr("value", ctx.editor.new_other.clone())
                        .on_input(move |t| Msg::Edit(key, Edit::NewOther(t)))
                        .on("keydown", move |e| {
                            if key_of(e) != "Enter" {
                                return None;
                            }
                            e.prevent_default();
                            Some(Msg::Edit(key, Edit::AddOther(names)))
                        }),
                    refused.as_ref().map(|(_, id)| id.clone()),
                ))
                .child(html::button("添加", Msg::Edit(key, Edit::AddOther(names)))),
        )
        .child(refused.map(|(msg, id)| field_error(id, format!("未添加：{msg}"))))
        .child(error_of(ctx, input::OTHERS))
}

fn honours_list(ctx: &Ctx, kinds: &'static [String]) -> El {
    let first = kinds.first().cloned().unwrap_or_default();
    // A wrong value shows beside its row; only what is about the whole list shows below it.
    let honours = &ctx.editor.pending.honours;
    let rows: Vec<Vec<(&'static str, InputError)>> = honours.iter().map(|h| honour_errors(h, kinds)).collect();
    let list_error = ctx.error(input::HONOURS).filter(|_| rows.iter().all(Vec::is_empty));
    el("fieldset")
        .class(&[Some("field"), Some("honours"), list_error.map(|_| "invalid")])
        .child(el("legend").text("荣誉与成效（表彰、通报表扬、媒体刊登播出、领导批示）"))
        .child(
            el("ol").attr("class", "honour-list").kids(
                honours.iter().enumerate().zip(&rows).map(|((i, h), errors)| honour_row(ctx, kinds, i, h, errors)),
            ),
        )
        .child(html::button("添加一条荣誉", Msg::Edit(ctx.key(), Edit::AddHonour(first))).id(ctx.id("honour-add")))
        .child(list_error.and_then(|_| error_of(ctx, input::HONOURS)))
}

/// The handler of an honour's field: the row `h` with the field's new value set by `set`.
fn set_honour(
    key: &'static str,
    i: usize,
    h: &Honour,
    set: fn(&mut Honour, String),
) -> impl Fn(&web_sys::Event) -> Option<Msg> + 'static {
    let h = h.clone();
    move |e| {
        let mut h = h.clone();
        set(&mut h, value_of(e));
        Some(Msg::Edit(key, Edit::SetHonour(i, h)))
    }
}

fn honour_row(ctx: &Ctx, kinds: &'static [String], i: usize, h: &Honour, errors: &[(&'static str, InputError)]) -> El {
    let key = ctx.key();
    let dom = ctx.id(&format!("honour-{i}"));
    let described = |part: &str| errors.iter().any(|(p, _)| *p == part).then(|| format!("{dom}-{part}-err"));
    let kind = format!("{dom}-kind");
    let date = format!("{dom}-date");
    let source = format!("{dom}-source");
    // The row (and this button) goes: the keyboard goes to 添加一条荣誉.
    let add = ctx.id("honour-add");
    el("li")
        .attr("class", "honour")
        .child(label(&kind).text("类别"))
        .child(aria_invalid(
            el("select")
                .id(kind)
                .on("change", set_honour(key, i, h, |h, v| h.kind = v))
                .kids(kinds.iter().map(|k| el("option").attr("value", k).flag("selected", *k == h.kind).text(k))),
            described("kind"),
        ))
        .child(label(&date).text("日期"))
        .child(aria_invalid(
            el("input")
                .attr("type", "date")
                .id(date)
                .attr("value", h.date.clone())
                .on("input", set_honour(key, i, h, |h, v| h.date = v)),
            described("date"),
        ))
        .child(label(&source).text("授予或刊登单位"))
        .child(aria_invalid(
            el("input")
                .attr("type", "text")
                .id(source)
                .attr("maxlength", "200")
                .attr("value", h.source.clone())
                .on("input", set_honour(key, i, h, |h, v| h.source = v)),
            described("source"),
        ))
        .child(
            el("button")
                .attr("type", "button")
                .attr("class", "link")
                .on("click", move |_| {
                    super::focus(&add);
                    Some(Msg::Edit(key, Edit::RemoveHonour(i)))
                })
                .attr("aria-label", format!("删除第 {} 条荣誉", i + 1))
                .text("删除"),
        )
        .kids(errors.iter().map(|(part, e)| field_error(format!("{dom}-{part}-err"), e.to_string())))
}

fn survey_inputs(ctx: &Ctx, step_percent: Decimal, step_points: Decimal, rectify_points: Decimal) -> Html {
    let by_counts = ctx.editor.survey_by_counts;
    let name = ctx.id("mode");
    let mode = |counts: bool, suffix: &str, text: &'static str| {
        let msg = Msg::Edit(ctx.key(), Edit::SurveyByCounts(counts));
        radio(&name, format!("{name}-{suffix}"), by_counts == counts, msg, text)
    };
    let a = &ctx.editor.pending;
    let shown_rate = match (a.counts.get(input::SATISFIED), a.counts.get(input::VALID)) {
        (Some(&s), Some(&v)) if v > 0 && s >= 0 && s <= v => {
            Some((Decimal::from(s) * Decimal::ONE_HUNDRED / Decimal::from(v)).round_dp(2))
        }
        _ => None,
    };
    let rule = format!(
        "以 100% 为基准，每降 {}% 扣 {} 分；未按要求整改每次扣 {} 分",
        fmt_num(step_percent),
        fmt_num(step_points),
        fmt_num(rectify_points)
    );
    Html::List(vec![
        el("fieldset")
            .attr("class", "field mode")
            .child(el("legend").text("满意度的填写方式").child(hint(&rule)))
            .child(mode(false, "rate", "填写满意率（%）"))
            .child(mode(true, "counts", "填写问卷份数"))
            .into(),
        if by_counts {
            Html::List(vec![
                count_field(ctx, input::SATISFIED, "满意份数", "份", "问卷中表示满意的份数".into()).into(),
                count_field(ctx, input::VALID, "有效问卷份数", "份", "回收的有效问卷".into()).into(),
                el("p")
                    .attr("class", "derived")
                    .attr("data-testid", "survey-rate")
                    .text(shown_rate.map_or_else(|| "满意率：—".to_string(), |r| format!("满意率：{}%", fmt_num(r))))
                    .into(),
            ])
        } else {
            decimal_field(ctx, input::RATE, "满意率（%）", "0 到 100，最多两位小数".into())
        },
        count_field(ctx, input::UNRECTIFIED, "未按要求整改", "次", format!("每次扣 {} 分", fmt_num(rectify_points)))
            .into(),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answers;
    use crate::rubric::Rubric;
    use crate::score::score;

    /// The card of item `id` as HTML, with `stored` as the stored answer.
    fn card(id: &str, editor: &Editor, stored: &ItemAnswer, hidden: bool) -> String {
        let rubric = Rubric::shenmu_2024();
        let item = rubric.item(id).expect("the item is on the sheet");
        let mut answers = Answers::default();
        answers.items.insert(id.to_string(), stored.clone());
        let report = score(rubric, &answers);
        item_card(item, editor, stored, report.item(id).expect("scored"), hidden).to_html()
    }

    /// The opening tag of the element with DOM id `id`.
    fn tag<'a>(html: &'a str, id: &str) -> &'a str {
        let at = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no element {id} in {html}"));
        let start = html[..at].rfind('<').expect("inside a tag");
        &html[start..at + html[at..].find('>').expect("the tag closes") + 1]
    }

    fn edited(stored: &ItemAnswer, edits: impl IntoIterator<Item = Edit>) -> Editor {
        let mut e = Editor::new(stored);
        edits.into_iter().for_each(|edit| e.apply(edit));
        e
    }

    #[test]
    fn a_fresh_card_shows_the_item_unassessed_with_its_fields() {
        let stored = ItemAnswer::default();
        let html = card("site.signage", &Editor::new(&stored), &stored, false);
        assert!(html.starts_with(
            "<article class=\"item unassessed\" id=\"item-site-signage\" aria-labelledby=\"h-site-signage\">"
        ));
        assert!(html.contains("<h3 id=\"h-site-signage\">"));
        assert!(html.contains("<p class=\"item-score unassessed\" data-testid=\"item-score\">未评</p>"));
        assert!(html.contains("<details class=\"texts\" open>"));
        assert!(tag(&html, "f-site-signage-no_sign").contains("type=\"checkbox\""));
        assert!(!tag(&html, "f-site-signage-no_sign").contains("checked"));
        assert_eq!(tag(&html, "f-site-signage-hall").matches("aria-invalid=\"false\"").count(), 1);
        assert!(tag(&html, "f-site-signage-hall").contains("value=\"0\""));
        assert!(html.contains(
            "<button type=\"button\" tabindex=\"-1\" aria-label=\"大厅内未按要求设置标识、功能区不明显等 减一\">−</button>"
        ));
        assert!(html.contains("<span class=\"hint\">（每项扣 0.2 分）</span>"));
        assert!(
            tag(&html, "f-site-signage-note").starts_with("<textarea id=\"f-site-signage-note\" maxlength=\"2000\"")
        );
        assert!(!tag(&html, "f-site-signage-confirm").contains("checked"));
        assert!(!html.contains("unsaved"), "nothing is held");
        assert!(!html.contains("field-error"));
        assert_eq!(
            Editor::new(&stored).status(Rubric::shenmu_2024().item("site.signage").unwrap(), &stored),
            (true, false)
        );

        let hidden = card("site.signage", &Editor::new(&stored), &stored, true);
        assert!(tag(&hidden, "item-site-signage").contains(" hidden "));
    }

    #[test]
    fn a_bad_decimal_is_held_with_its_message_and_a_good_one_is_accepted() {
        let rubric = Rubric::shenmu_2024();
        let item = rubric.item("process.standard").expect("on the sheet");
        let stored = ItemAnswer::default();
        let editor = edited(&stored, [Edit::Decimal(input::SCORE.into(), "abc".into())]);
        assert_eq!(editor.status(item, &stored), (false, true));
        let html = card("process.standard", &editor, &stored, false);
        let field = tag(&html, "f-process-standard-score");
        assert!(field.contains("value=\"abc\""), "the text stays as typed: {field}");
        assert!(field.contains("aria-invalid=\"true\" aria-describedby=\"f-process-standard-score-err\""));
        assert!(html.contains("<div class=\"field decimal invalid\">"));
        assert!(tag(&html, "f-process-standard-score-err").contains("role=\"alert\""));
        assert!(html.contains("<p class=\"unsaved\" role=\"status\">"));

        // Above the maximum: the engine's message.
        let editor = edited(&stored, [Edit::Decimal(input::SCORE.into(), "99".into())]);
        assert_eq!(editor.status(item, &stored), (false, true));
        assert!(card("process.standard", &editor, &stored, false).contains("id=\"f-process-standard-score-err\""));

        // Below full marks without a reason: the reason's message.
        let mut editor = edited(
            &stored,
            [Edit::Decimal(input::SCORE.into(), "abc".into()), Edit::Decimal(input::SCORE.into(), "8".into())],
        );
        assert_eq!(editor.status(item, &stored), (false, true));
        let html = card("process.standard", &editor, &stored, false);
        assert!(html.contains("<div class=\"field reason invalid\">"));
        assert!(tag(&html, "f-process-standard-reason").contains("aria-describedby=\"f-process-standard-reason-err\""));
        assert!(!html.contains("id=\"f-process-standard-score-err\""));

        editor.apply(Edit::Reason("流程图未上墙".into()));
        assert_eq!(editor.status(item, &stored), (true, false));
        let html = card("process.standard", &editor, editor.pending(), false);
        assert!(!html.contains("field-error") && !html.contains("unsaved"), "{html}");
        assert!(tag(&html, "f-process-standard-score").contains("value=\"8\""));
    }

    #[test]
    fn steps_count_from_the_pending_answer_and_bad_counts_show_a_message() {
        let stored = ItemAnswer::default();
        let id = "hall".to_string();
        let editor =
            edited(&stored, [Edit::Step(id.clone(), 1), Edit::Step(id.clone(), 1), Edit::Step(id.clone(), -5)]);
        assert_eq!(editor.pending().counts.get("hall"), Some(&0), "a count does not go below 0");
        let editor = edited(&stored, [Edit::Step(id.clone(), 1), Edit::Step(id.clone(), 1)]);
        assert_eq!(editor.pending().counts.get("hall"), Some(&2));
        assert!(tag(&card("site.signage", &editor, &stored, false), "f-site-signage-hall").contains("value=\"2\""));

        let editor = edited(&stored, [Edit::Count(id, "x".into())]);
        let html = card("site.signage", &editor, &stored, false);
        assert!(html.contains("<div class=\"field count invalid\">"));
        assert!(tag(&html, "f-site-signage-hall").contains("value=\"x\""));
        assert!(html.contains("id=\"f-site-signage-hall-err\""));
        assert!(html.contains("class=\"unsaved\""));
    }

    #[test]
    fn others_are_added_or_refused_with_a_message() {
        let stored = ItemAnswer::default();
        let names = match &Rubric::shenmu_2024().item("items.utilities").expect("on the sheet").rule {
            Rule::Add { names, .. } => names.as_slice(),
            _ => panic!("items.utilities adds"),
        };
        let refused = edited(&stored, [Edit::AddOther(names)]);
        let html = card("items.utilities", &refused, &stored, false);
        assert!(
            tag(&html, "f-items-utilities-other-new").contains("aria-describedby=\"f-items-utilities-other-new-err\"")
        );
        assert!(tag(&html, "f-items-utilities-other-new-err").starts_with("<p class=\"field-error\""));
        assert!(html.contains("未添加："));

        let added = edited(&stored, [Edit::NewOther("有线电视".into()), Edit::AddOther(names)]);
        assert_eq!(added.pending().others, vec!["有线电视".to_string()]);
        let html = card("items.utilities", &added, &stored, false);
        assert!(html.contains(
            "<li>有线电视<button type=\"button\" class=\"link\" aria-label=\"删除 有线电视\">删除</button></li>"
        ));
        assert!(tag(&html, "f-items-utilities-other-new").contains("value=\"\""));
        assert!(!html.contains("未添加："));

        // The same name again is refused; the next edit clears the refusal.
        let mut again = edited(
            &stored,
            [
                Edit::NewOther("有线电视".into()),
                Edit::AddOther(names),
                Edit::NewOther("有线电视".into()),
                Edit::AddOther(names),
            ],
        );
        assert!(card("items.utilities", &again, &stored, false).contains("未添加："));
        again.apply(Edit::NewOther("宽带".into()));
        assert!(!card("items.utilities", &again, &stored, false).contains("未添加："));
    }

    #[test]
    fn the_survey_is_entered_as_a_rate_or_as_counts() {
        let stored = ItemAnswer::default();
        let html = card("satisfaction.survey", &Editor::new(&stored), &stored, false);
        assert!(tag(&html, "f-satisfaction-survey-mode-rate").contains("checked"));
        assert!(!tag(&html, "f-satisfaction-survey-mode-counts").contains("checked"));
        assert!(tag(&html, "f-satisfaction-survey-mode-counts").contains("name=\"f-satisfaction-survey-mode\""));
        assert!(html.contains("id=\"f-satisfaction-survey-rate\""));
        assert!(!html.contains("data-testid=\"survey-rate\""));

        let editor = edited(&stored, [Edit::SurveyByCounts(true)]);
        let html = card("satisfaction.survey", &editor, &stored, false);
        assert!(!html.contains("id=\"f-satisfaction-survey-rate\""));
        assert!(html.contains("id=\"f-satisfaction-survey-satisfied\""));
        assert!(html.contains("<p class=\"derived\" data-testid=\"survey-rate\">满意率：—</p>"));

        let editor = edited(
            &stored,
            [
                Edit::SurveyByCounts(true),
                Edit::Count(input::SATISFIED.into(), "90".into()),
                Edit::Count(input::VALID.into(), "100".into()),
            ],
        );
        assert!(card("satisfaction.survey", &editor, &stored, false).contains("满意率：90%"));
        assert!(Editor::new(editor.pending()).survey_by_counts, "counts stored: counts shown");
    }

    #[test]
    fn honour_rows_show_their_own_errors_and_are_confirmed_apart() {
        let stored = ItemAnswer::default();
        let editor = edited(&stored, [Edit::AddHonour("表彰".into()), Edit::Confirm(true)]);
        let html = card("satisfaction.innovation", &editor, &stored, false);
        let dom = "f-satisfaction-innovation-honour-0";
        assert!(html.contains("<option value=\"表彰\" selected>表彰</option>"));
        assert!(tag(&html, &format!("{dom}-kind")).contains("aria-invalid=\"false\""));
        assert!(tag(&html, &format!("{dom}-date")).contains(&format!("aria-describedby=\"{dom}-date-err\"")));
        assert!(html.contains(&format!("id=\"{dom}-date-err\"")));
        assert!(html.contains("aria-label=\"删除第 1 条荣誉\""));
        assert!(tag(&html, "f-satisfaction-innovation-honour-add").starts_with("<button"));
        assert!(tag(&html, "f-satisfaction-innovation-confirm").contains("checked"));
        // The row's messages are beside the row, not below the list.
        assert!(!html.contains("id=\"f-satisfaction-innovation-honours-err\""));

        let mut editor = editor;
        editor.apply(Edit::RemoveHonour(0));
        assert!(editor.pending().honours.is_empty());
    }
}
