//! One item of the sheet: its official texts, the inputs its rule needs, its score and
//! explanation, the 确认本项 control and the note.
//!
//! The editor keeps the clerk's latest edit (`pending`) and each number field's text as typed
//! (with why it does not parse, if it does not). An edit replaces the stored answer only when
//! the engine accepts it, so a bad value shows its message beside the field while the item
//! keeps its last valid score.

use super::{area_value, checked, input_value, select_value};
use crate::answers::{input, parse_count, parse_decimal, Honour, InputError, ItemAnswer, Status, MAX_TEXT};
use crate::keyed::Keyed;
use crate::rubric::{Item, Rule, Term};
use crate::score::{check_item, fmt_num, fmt_score, honour_errors, other_error, ItemScore};
use rust_decimal::Decimal;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ItemCard`].
#[derive(Properties, PartialEq, Clone)]
pub struct ItemProps {
    /// The sheet's item.
    pub item: &'static Item,
    /// The stored (valid) answer.
    pub answer: ItemAnswer,
    /// The engine's outcome for the stored answer.
    pub result: ItemScore,
    /// Hidden by the filter (kept mounted so that unsaved edits stay).
    #[prop_or_default]
    pub hidden: bool,
    /// Called with an answer the engine accepts.
    pub on_change: Callback<(String, ItemAnswer)>,
    /// Called with whether the editor holds an edit that failed its checks (not saved).
    pub on_hold: Callback<(String, bool)>,
}

/// What an edit changes.
#[derive(Debug, Clone, PartialEq)]
enum Edit {
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

/// The editor's own state.
#[derive(Debug, Clone, PartialEq)]
struct Editor {
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
}

impl Reducible for Editor {
    type Action = Edit;

    fn reduce(self: Rc<Self>, edit: Edit) -> Rc<Self> {
        let mut next = (*self).clone();
        // A name refused at 添加 is refused for as long as nothing else happens.
        next.other_error = None;
        let a = &mut next.pending;
        match edit {
            Edit::Flag(id, on) => {
                a.flags.insert(id, on);
            }
            Edit::Count(id, text) => next.set_count(id, text),
            Edit::Step(id, delta) => {
                let n = a.counts.get(&id).copied().unwrap_or(0);
                next.set_count(id, n.saturating_add(delta).max(0).to_string());
            }
            Edit::Decimal(id, text) => match parse_decimal(&text) {
                Ok(d) => {
                    next.texts.insert(id.clone(), (text, None));
                    a.decimals.insert(id, d);
                }
                // An emptied optional rate is simply not entered.
                Err(InputError::Missing) if id == input::RATE => {
                    next.texts.insert(id.clone(), (text, None));
                    a.decimals.remove(&id);
                }
                Err(e) => {
                    next.texts.insert(id, (text, Some(e)));
                }
            },
            Edit::Tick(name, on) => {
                if on {
                    a.present.insert(name);
                } else {
                    a.present.remove(&name);
                }
            }
            Edit::NewOther(text) => next.new_other = text,
            Edit::AddOther(names) => match other_error(names, &a.others, &next.new_other) {
                Some(e) => next.other_error = Some(e),
                None => {
                    a.others.push(next.new_other.trim().to_string());
                    next.new_other.clear();
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
                next.survey_by_counts = by_counts;
                // One way of entering the survey at a time: the other's values go.
                if by_counts {
                    a.decimals.remove(input::RATE);
                    next.texts.remove(input::RATE);
                } else {
                    for id in [input::SATISFIED, input::VALID] {
                        a.counts.remove(id);
                        next.texts.remove(id);
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
        Rc::new(next)
    }
}

/// The DOM id of an item's field.
fn field_id(item: &str, field: &str) -> String {
    format!("f-{}-{}", item.replace('.', "-"), field)
}

/// One item of the sheet with its inputs.
#[component]
pub fn ItemCard(props: &ItemProps) -> Html {
    let item = props.item;
    let editor = use_reducer(|| Editor {
        pending: props.answer.clone(),
        texts: Keyed::new(),
        survey_by_counts: props.answer.counts.contains_key(input::VALID)
            || props.answer.counts.contains_key(input::SATISFIED),
        new_other: String::new(),
        other_error: None,
    });
    let check = check_item(item, &editor.pending);
    // Text that does not parse holds the item back as well: otherwise ticking 确认本项 (or any
    // other edit) would count the last valid value while the field visibly says something else.
    let unreadable = editor.texts.values().any(|(_, e)| e.is_some());
    let accepted = check.is_ok() && !unreadable;

    // Hand an accepted edit to the page; a refused one stays here with its messages.
    {
        let (on_change, stored, id) = (props.on_change.clone(), props.answer.clone(), item.id.clone());
        use_effect_with((editor.pending.clone(), accepted), move |(pending, ok)| {
            if *ok && *pending != stored {
                on_change.emit((id, pending.clone()));
            }
        });
    }

    // An edit that failed its checks is not saved: the page counts such items and says so.
    let pending_differs = editor.pending != props.answer;
    let held = (pending_differs || unreadable) && !accepted;
    {
        let (on_hold, id) = (props.on_hold.clone(), item.id.clone());
        use_effect_with(held, move |held| {
            if *held {
                on_hold.emit((id.clone(), true));
            }
            move || on_hold.emit((id, false))
        });
    }

    // A filter can hide the card the clerk is working in (只看未评, then 确认本项): keyboard
    // focus goes on to the next item shown rather than back to the top of the page.
    let article = use_node_ref();
    let shown_before = use_mut_ref(|| !props.hidden);
    {
        let article = article.clone();
        use_effect_with(props.hidden, move |hidden| {
            let was_shown = std::mem::replace(&mut *shown_before.borrow_mut(), !*hidden);
            if let (true, true, Some(card)) = (*hidden, was_shown, article.cast::<web_sys::Element>()) {
                if super::focus_is_lost() || super::active_element().is_some_and(|f| card.contains(Some(&f))) {
                    focus_after(&card);
                }
            }
        });
    }

    let mut errors: Keyed<String> = Keyed::new();
    if let Err(found) = &check {
        for e in found {
            if !errors.contains_key(&e.field) {
                errors.insert(e.field.clone(), e.error.to_string());
            }
        }
    }
    for (field, (_, e)) in &editor.texts {
        if let Some(e) = e {
            errors.insert(field.clone(), e.to_string());
        }
    }
    let ctx = Ctx { item, editor: editor.clone(), errors: Rc::new(errors) };

    let inputs = match &item.rule {
        Rule::Deduct { terms } => html! { for t in terms { { deduct_term(&ctx, t) } } },
        Rule::Add { label, names, others, points, cap } => html! {
            <>
                { ticks(&ctx, label, names, &format!("每项得 {} 分，上限 {} 分", fmt_num(*points), fmt_num(*cap))) }
                if *others { { others_list(&ctx, names) } }
            </>
        },
        Rule::Award { id, label } => yes_no(&ctx, id, label, &format!("是则得 {} 分", fmt_num(item.max))),
        Rule::Discretionary { honours, reason_below_max, .. } => html! {
            <>
                { decimal_field(&ctx, input::SCORE, "得分", &format!("0 到 {} 分，步长 0.1", fmt_num(item.max))) }
                { reason_field(&ctx, if *reason_below_max { "理由（低于满分时必填）" } else { "理由（选填）" }) }
                if !honours.is_empty() { { honours_list(&ctx, honours) } }
            </>
        },
        Rule::Survey { step_percent, step_points, rectify_points } => {
            survey_inputs(&ctx, *step_percent, *step_points, *rectify_points)
        }
    };

    let (score_text, explanation, state_class) = match (&props.result.outcome, props.result.confirmed) {
        (Ok(s), true) => (format!("{} 分", fmt_score(s.score)), s.explanation.clone(), "assessed"),
        (Ok(s), false) => ("未评".to_string(), format!("预览：{}（确认后计入总分）", s.explanation), "unassessed"),
        (Err(_), _) => ("未评".to_string(), "尚未填写完整".to_string(), "unassessed"),
    };
    let lost = props.result.lost().is_some_and(|l| !l.is_zero());
    let dom = item.id.replace('.', "-");
    let confirm_id = field_id(&item.id, "confirm");
    let on_confirm = {
        let editor = editor.clone();
        Callback::from(move |e: Event| editor.dispatch(Edit::Confirm(checked(&e))))
    };
    let on_note = {
        let editor = editor.clone();
        Callback::from(move |e: InputEvent| editor.dispatch(Edit::Note(area_value(&e))))
    };
    let note_id = field_id(&item.id, input::NOTE);
    html! {
        <article ref={article} class={classes!("item", state_class, lost.then_some("lost"))} id={format!("item-{dom}")} hidden={props.hidden}
            aria-labelledby={format!("h-{dom}")}>
            <header class="item-head">
                <h3 id={format!("h-{dom}")}>{ &item.name }{ " " }<span class="max">{ format!("{} 分", fmt_num(item.max)) }</span></h3>
                <p class={classes!("item-score", state_class)} data-testid="item-score">{ score_text }</p>
            </header>
            <details class="texts" open=true>
                <summary>{ "评分要求与评分细则" }</summary>
                <dl>
                    <dt>{ "评分要求" }</dt><dd>{ &item.requirement }</dd>
                    <dt>{ "评分细则" }</dt><dd>{ &item.criteria }</dd>
                </dl>
            </details>
            <div class="inputs">{ inputs }</div>
            <p class="explanation" data-testid="explanation">{ explanation }</p>
            if held {
                <p class="unsaved" role="status">{ "有未通过检查的修改（尚未保存），本项仍按上次有效的答案计分。" }</p>
            }
            <div class="field note">
                <label for={note_id.clone()}>{ "整改说明 / 佐证材料（选填）" }{ of_item(item) }</label>
                <textarea id={note_id} maxlength={MAX_TEXT.to_string()} rows="2" value={editor.pending.note.clone()} oninput={on_note} />
                { error_of(&ctx, input::NOTE) }
            </div>
            <div class="confirm">
                <input type="checkbox" id={confirm_id.clone()} checked={editor.pending.status == Status::Confirmed} onchange={on_confirm} />
                <label for={confirm_id}>{ "确认本项（核实后勾选，未确认的项目按 0 分计）" }{ of_item(item) }</label>
            </div>
        </article>
    }
}

/// Focuses the first control of the next item shown after `card` (in its section, then in the
/// sections after it), or the 只看未评 filter when no item is left.
fn focus_after(card: &web_sys::Element) {
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
fn of_item(item: &Item) -> Html {
    html! { <span class="sr-only">{ format!("：{}", item.name) }</span> }
}

/// What the input helpers share.
struct Ctx {
    item: &'static Item,
    editor: UseReducerHandle<Editor>,
    errors: Rc<Keyed<String>>,
}

impl Ctx {
    fn id(&self, field: &str) -> String {
        field_id(&self.item.id, field)
    }
    fn error(&self, field: &str) -> Option<&String> {
        self.errors.get(field)
    }
    fn dispatch(&self) -> impl Fn(Edit) + 'static {
        let editor = self.editor.clone();
        move |e| editor.dispatch(e)
    }
}

fn error_of(ctx: &Ctx, field: &str) -> Html {
    match ctx.error(field) {
        Some(msg) => html! { <p class="field-error" id={format!("{}-err", ctx.id(field))} role="alert">{ msg }</p> },
        None => html! {},
    }
}

fn described_by(ctx: &Ctx, field: &str) -> Option<String> {
    ctx.error(field).map(|_| format!("{}-err", ctx.id(field)))
}

fn deduct_term(ctx: &Ctx, term: &Term) -> Html {
    match term {
        Term::Flag { id, label, points } => yes_no(ctx, id, label, &format!("是则扣 {} 分", fmt_num(*points))),
        Term::Count { id, label, unit, points, .. } => {
            let hint = if points.is_zero() {
                "只作记录".to_string()
            } else {
                format!("每{unit}扣 {} 分", fmt_num(*points))
            };
            count_field(ctx, id, label, unit, &hint)
        }
        Term::Missing { label, names, points } => {
            ticks(ctx, label, names, &format!("每缺少一项扣 {} 分", fmt_num(*points)))
        }
        Term::Points { id, label, max, .. } => html! {
            <>
                { decimal_field(ctx, id, label, &format!("0 到 {} 分，步长 0.1", fmt_num(*max))) }
                { reason_field(ctx, "扣分理由（有扣分时必填）") }
            </>
        },
    }
}

fn yes_no(ctx: &Ctx, id: &str, label: &str, hint: &str) -> Html {
    let dom = ctx.id(id);
    let on = ctx.editor.pending.flags.get(id).copied().unwrap_or(false);
    let dispatch = ctx.dispatch();
    let id = id.to_string();
    let onchange = Callback::from(move |e: Event| dispatch(Edit::Flag(id.clone(), checked(&e))));
    html! {
        <div class="field check">
            <input type="checkbox" id={dom.clone()} checked={on} {onchange} />
            <label for={dom}>{ label }<span class="hint">{ format!("（{hint}）") }</span></label>
        </div>
    }
}

fn count_field(ctx: &Ctx, id: &str, label: &str, unit: &str, hint: &str) -> Html {
    let dom = ctx.id(id);
    let value = ctx.editor.pending.counts.get(id).copied().unwrap_or(0);
    let text = ctx.editor.texts.get(id).map_or_else(|| value.to_string(), |(t, _)| t.clone());
    let step = |delta: i64| {
        let dispatch = ctx.dispatch();
        let id = id.to_string();
        Callback::from(move |_: MouseEvent| dispatch(Edit::Step(id.clone(), delta)))
    };
    let oninput = {
        let dispatch = ctx.dispatch();
        let id = id.to_string();
        Callback::from(move |e: InputEvent| dispatch(Edit::Count(id.clone(), input_value(&e))))
    };
    let onkeydown = {
        let dispatch = ctx.dispatch();
        let id = id.to_string();
        Callback::from(move |e: KeyboardEvent| {
            let delta = match e.key().as_str() {
                "ArrowUp" => 1,
                "ArrowDown" => -1,
                _ => return,
            };
            e.prevent_default();
            dispatch(Edit::Step(id.clone(), delta));
        })
    };
    let invalid = ctx.error(id).is_some();
    html! {
        <div class={classes!("field", "count", invalid.then_some("invalid"))}>
            <label for={dom.clone()}>{ label }<span class="hint">{ format!("（{hint}）") }</span></label>
            <div class="stepper">
                <button type="button" tabindex="-1" aria-label={format!("{label} 减一")} onclick={step(-1)}>{ "−" }</button>
                <input type="text" inputmode="numeric" id={dom} value={text} {oninput} {onkeydown}
                    aria-invalid={invalid.to_string()} aria-describedby={described_by(ctx, id)} />
                <button type="button" tabindex="-1" aria-label={format!("{label} 加一")} onclick={step(1)}>{ "+" }</button>
                <span class="unit">{ unit }</span>
            </div>
            { error_of(ctx, id) }
        </div>
    }
}

fn decimal_field(ctx: &Ctx, id: &str, label: &str, hint: &str) -> Html {
    let dom = ctx.id(id);
    let text = match ctx.editor.texts.get(id) {
        Some((t, _)) => t.clone(),
        None => ctx.editor.pending.decimals.get(id).map(|d| fmt_num(*d)).unwrap_or_default(),
    };
    let oninput = {
        let dispatch = ctx.dispatch();
        let id = id.to_string();
        Callback::from(move |e: InputEvent| dispatch(Edit::Decimal(id.clone(), input_value(&e))))
    };
    let invalid = ctx.error(id).is_some();
    html! {
        <div class={classes!("field", "decimal", invalid.then_some("invalid"))}>
            <label for={dom.clone()}>{ label }{ of_item(ctx.item) }<span class="hint">{ format!("（{hint}）") }</span></label>
            <input type="text" inputmode="decimal" id={dom} value={text} {oninput}
                aria-invalid={invalid.to_string()} aria-describedby={described_by(ctx, id)} />
            { error_of(ctx, id) }
        </div>
    }
}

fn reason_field(ctx: &Ctx, label: &str) -> Html {
    let dom = ctx.id(input::REASON);
    let dispatch = ctx.dispatch();
    let oninput = Callback::from(move |e: InputEvent| dispatch(Edit::Reason(area_value(&e))));
    let invalid = ctx.error(input::REASON).is_some();
    html! {
        <div class={classes!("field", "reason", invalid.then_some("invalid"))}>
            <label for={dom.clone()}>{ label }{ of_item(ctx.item) }</label>
            <textarea id={dom} rows="2" maxlength={MAX_TEXT.to_string()} value={ctx.editor.pending.reason.clone()} {oninput}
                aria-invalid={invalid.to_string()} aria-describedby={described_by(ctx, input::REASON)} />
            { error_of(ctx, input::REASON) }
        </div>
    }
}

fn ticks(ctx: &Ctx, label: &str, names: &[String], hint: &str) -> Html {
    html! {
        <fieldset class={classes!("field", "ticks", ctx.error(input::PRESENT).map(|_| "invalid"))}>
            <legend>{ label }<span class="hint">{ format!("（勾选实际具备的；{hint}）") }</span></legend>
            <div class="tick-grid">
                for (i, name) in names.iter().enumerate() {
                    {{
                        let dom = ctx.id(&format!("present-{i}"));
                        let dispatch = ctx.dispatch();
                        let n = name.clone();
                        let onchange = Callback::from(move |e: Event| dispatch(Edit::Tick(n.clone(), checked(&e))));
                        html! {
                            <span class="tick">
                                <input type="checkbox" id={dom.clone()} checked={ctx.editor.pending.present.contains(name)} {onchange} />
                                <label for={dom}>{ name }</label>
                            </span>
                        }
                    }}
                }
            </div>
            { error_of(ctx, input::PRESENT) }
        </fieldset>
    }
}

fn others_list(ctx: &Ctx, names: &'static [String]) -> Html {
    let dom = ctx.id("other-new");
    let onclick = {
        let dispatch = ctx.dispatch();
        Callback::from(move |_: MouseEvent| dispatch(Edit::AddOther(names)))
    };
    let onkeydown = {
        let dispatch = ctx.dispatch();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                dispatch(Edit::AddOther(names));
            }
        })
    };
    let refused = ctx.editor.other_error.as_ref().map(|e| (e.to_string(), format!("{dom}-err")));
    let oninput = {
        let dispatch = ctx.dispatch();
        Callback::from(move |e: InputEvent| dispatch(Edit::NewOther(input_value(&e))))
    };
    html! {
        <div class={classes!("field", "others", ctx.error(input::OTHERS).map(|_| "invalid"))}>
            <label for={dom.clone()}>{ "其他（评分表写“等”，可添加未列出的）" }</label>
            <ul class="other-list">
                for (i, name) in ctx.editor.pending.others.iter().enumerate() {
                    {{
                        let dispatch = ctx.dispatch();
                        let onclick = Callback::from(move |_: MouseEvent| dispatch(Edit::RemoveOther(i)));
                        html! { <li>{ name }<button type="button" class="link" aria-label={format!("删除 {name}")} {onclick}>{ "删除" }</button></li> }
                    }}
                }
            </ul>
            <div class="row">
                <input type="text" id={dom} maxlength="50" placeholder="名称，按回车添加" value={ctx.editor.new_other.clone()} {oninput} {onkeydown}
                    aria-invalid={refused.is_some().to_string()} aria-describedby={refused.as_ref().map(|(_, id)| id.clone())} />
                <button type="button" {onclick}>{ "添加" }</button>
            </div>
            if let Some((msg, id)) = refused { <p class="field-error" {id} role="alert">{ format!("未添加：{msg}") }</p> }
            { error_of(ctx, input::OTHERS) }
        </div>
    }
}

fn honours_list(ctx: &Ctx, kinds: &[String]) -> Html {
    let first = kinds.first().cloned().unwrap_or_default();
    let add = {
        let dispatch = ctx.dispatch();
        Callback::from(move |_: MouseEvent| dispatch(Edit::AddHonour(first.clone())))
    };
    // A wrong value shows beside its row; only what is about the whole list shows below it.
    let honours = &ctx.editor.pending.honours;
    let rows: Vec<Vec<(&'static str, InputError)>> = honours.iter().map(|h| honour_errors(h, kinds)).collect();
    let list_error = ctx.error(input::HONOURS).filter(|_| rows.iter().all(Vec::is_empty));
    html! {
        <fieldset class={classes!("field", "honours", list_error.map(|_| "invalid"))}>
            <legend>{ "荣誉与成效（表彰、通报表扬、媒体刊登播出、领导批示）" }</legend>
            <ol class="honour-list">
                for ((i, h), errors) in honours.iter().enumerate().zip(&rows) {
                    { honour_row(ctx, kinds, i, h, errors) }
                }
            </ol>
            <button type="button" id={ctx.id("honour-add")} onclick={add}>{ "添加一条荣誉" }</button>
            if list_error.is_some() { { error_of(ctx, input::HONOURS) } }
        </fieldset>
    }
}

fn honour_row(ctx: &Ctx, kinds: &[String], i: usize, h: &Honour, errors: &[(&'static str, InputError)]) -> Html {
    let set = |f: fn(&mut Honour, String)| {
        let dispatch = ctx.dispatch();
        let h = h.clone();
        move |value: String| {
            let mut h = h.clone();
            f(&mut h, value);
            dispatch(Edit::SetHonour(i, h));
        }
    };
    let on_kind = {
        let set = set(|h, v| h.kind = v);
        Callback::from(move |e: Event| set(select_value(&e)))
    };
    let on_date = {
        let set = set(|h, v| h.date = v);
        Callback::from(move |e: InputEvent| set(input_value(&e)))
    };
    let on_source = {
        let set = set(|h, v| h.source = v);
        Callback::from(move |e: InputEvent| set(input_value(&e)))
    };
    let remove = {
        let dispatch = ctx.dispatch();
        // The row (and this button) goes: the keyboard goes to 添加一条荣誉.
        let add = ctx.id("honour-add");
        Callback::from(move |_: MouseEvent| {
            dispatch(Edit::RemoveHonour(i));
            super::focus(&add);
        })
    };
    let dom = ctx.id(&format!("honour-{i}"));
    let wrong = |part: &str| errors.iter().any(|(p, _)| *p == part);
    let invalid = |part: &str| wrong(part).to_string();
    let described = |part: &str| wrong(part).then(|| format!("{dom}-{part}-err"));
    html! {
        <li class="honour">
            <label for={format!("{dom}-kind")}>{ "类别" }</label>
            <select id={format!("{dom}-kind")} onchange={on_kind} aria-invalid={invalid("kind")} aria-describedby={described("kind")}>
                for k in kinds {
                    <option value={k.clone()} selected={*k == h.kind}>{ k }</option>
                }
            </select>
            <label for={format!("{dom}-date")}>{ "日期" }</label>
            <input type="date" id={format!("{dom}-date")} value={h.date.clone()} oninput={on_date}
                aria-invalid={invalid("date")} aria-describedby={described("date")} />
            <label for={format!("{dom}-source")}>{ "授予或刊登单位" }</label>
            <input type="text" id={format!("{dom}-source")} maxlength="200" value={h.source.clone()} oninput={on_source}
                aria-invalid={invalid("source")} aria-describedby={described("source")} />
            <button type="button" class="link" onclick={remove} aria-label={format!("删除第 {} 条荣誉", i + 1)}>{ "删除" }</button>
            for (part, e) in errors {
                <p class="field-error" id={format!("{dom}-{part}-err")} role="alert">{ e.to_string() }</p>
            }
        </li>
    }
}

fn survey_inputs(ctx: &Ctx, step_percent: Decimal, step_points: Decimal, rectify_points: Decimal) -> Html {
    let by_counts = ctx.editor.survey_by_counts;
    let mode = |counts: bool| {
        let dispatch = ctx.dispatch();
        Callback::from(move |_: Event| dispatch(Edit::SurveyByCounts(counts)))
    };
    let name = ctx.id("mode");
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
    html! {
        <>
            <fieldset class="field mode">
                <legend>{ "满意度的填写方式" }<span class="hint">{ format!("（{rule}）") }</span></legend>
                <span class="tick">
                    <input type="radio" name={name.clone()} id={format!("{name}-rate")} checked={!by_counts} onchange={mode(false)} />
                    <label for={format!("{name}-rate")}>{ "填写满意率（%）" }</label>
                </span>
                <span class="tick">
                    <input type="radio" name={name.clone()} id={format!("{name}-counts")} checked={by_counts} onchange={mode(true)} />
                    <label for={format!("{name}-counts")}>{ "填写问卷份数" }</label>
                </span>
            </fieldset>
            if by_counts {
                { count_field(ctx, input::SATISFIED, "满意份数", "份", "问卷中表示满意的份数") }
                { count_field(ctx, input::VALID, "有效问卷份数", "份", "回收的有效问卷") }
                <p class="derived" data-testid="survey-rate">
                    { shown_rate.map_or_else(|| "满意率：—".to_string(), |r| format!("满意率：{}%", fmt_num(r))) }
                </p>
            } else {
                { decimal_field(ctx, input::RATE, "满意率（%）", "0 到 100，最多两位小数") }
            }
            { count_field(ctx, input::UNRECTIFIED, "未按要求整改", "次", &format!("每次扣 {} 分", fmt_num(rectify_points))) }
        </>
    }
}
