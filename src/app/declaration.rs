//! The 附件1 申报表 on screen: its fields with their messages, 自评情况 drafted from the
//! scores (and redrafted on request, after a confirmation), and the warnings that do not block.

use super::{area_value, input_value, select_value};
use crate::answers::Answers;
use crate::declaration::{check_field, draft_self_assessment, warnings, Field, PLAN_NOTES};
use crate::rubric::Rubric;
use crate::score::Report;
use crate::submission::{Unit, DECLARABLE};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`DeclarationForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct DeclarationProps {
    /// The 附件1 fields.
    pub unit: Unit,
    /// The draft's year.
    pub year: i32,
    /// The answers (for drafting 自评情况).
    pub answers: Answers,
    /// Their scores.
    pub report: Rc<Report>,
    /// Today, for the deadline warning.
    pub today: Option<(i32, u32, u32)>,
    /// Called with the changed fields.
    pub on_change: Callback<Unit>,
}

/// The declaration form.
#[component]
pub fn DeclarationForm(props: &DeclarationProps) -> Html {
    let rubric = Rubric::shenmu_2024();
    let confirming = use_state_eq(|| false);
    let touched = use_state_eq(|| false);
    let drafted = draft_self_assessment(rubric, &props.answers, &props.report);
    let warn = warnings(rubric, &props.unit, props.year, &props.report, props.today);

    let set = |field: Field| {
        let (unit, on_change, touched) = (props.unit.clone(), props.on_change.clone(), touched.clone());
        move |value: String| {
            touched.set(true);
            on_change.emit(field.set(&unit, value));
        }
    };
    let text_field = |field: Field, id: &str, placeholder: &'static str| {
        let set = set(field);
        let oninput = Callback::from(move |e: InputEvent| set(input_value(&e)));
        let error = check_field(field, &props.unit).filter(|_| *touched);
        html! {
            <div class={classes!("field", error.as_ref().map(|_| "invalid"))}>
                <label for={id.to_string()}>{ field.label() }<span class="req" aria-hidden="true">{ " *" }</span></label>
                <input type="text" id={id.to_string()} maxlength="200" {placeholder} value={field.value(&props.unit).to_string()}
                    {oninput} required=true aria-invalid={error.is_some().to_string()}
                    aria-describedby={error.as_ref().map(|_| format!("{id}-err"))} />
                if let Some(msg) = error { <p class="field-error" id={format!("{id}-err")} role="alert">{ msg }</p> }
            </div>
        }
    };
    let on_level = {
        let set = set(Field::DeclaredLevel);
        Callback::from(move |e: Event| set(select_value(&e)))
    };
    let on_text = {
        let set = set(Field::SelfAssessment);
        Callback::from(move |e: InputEvent| set(area_value(&e)))
    };
    let fill = {
        let (set, drafted, confirming) = (set(Field::SelfAssessment), drafted.clone(), confirming.clone());
        Callback::from(move |_: MouseEvent| {
            set(drafted.clone());
            confirming.set(false);
        })
    };
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(false))
    };
    let level_error = check_field(Field::DeclaredLevel, &props.unit).filter(|_| *touched);
    let text_error = check_field(Field::SelfAssessment, &props.unit).filter(|_| *touched);
    let empty_text = props.unit.self_assessment.trim().is_empty();

    html! {
        <section class="section declaration" aria-labelledby="decl-h">
            <h2 id="decl-h">{ "附件1　神木市星级政务服务机构评定申报表" }</h2>
            <div class="decl-body">
                if !warn.is_empty() {
                    <ul class="warnings" data-testid="decl-warnings" aria-label="提醒">
                        for w in &warn { <li>{ w }</li> }
                    </ul>
                }
                { text_field(Field::Name, "decl-name", "如：神木市××镇便民服务中心") }
                { text_field(Field::Address, "decl-address", "如：神木市××镇××路××号") }
                <div class={classes!("field", level_error.as_ref().map(|_| "invalid"))}>
                    <label for="decl-level">{ Field::DeclaredLevel.label() }<span class="req" aria-hidden="true">{ " *" }</span></label>
                    <select id="decl-level" onchange={on_level} aria-invalid={level_error.is_some().to_string()}
                        aria-describedby={level_error.as_ref().map(|_| "decl-level-err")}>
                        <option value="" selected={props.unit.declared_level.is_empty()}>{ "请选择" }</option>
                        for l in DECLARABLE {
                            <option value={l} selected={props.unit.declared_level == l}>{ l }</option>
                        }
                    </select>
                    if let Some(msg) = level_error { <p class="field-error" id="decl-level-err" role="alert">{ msg }</p> }
                </div>
                { text_field(Field::Leader, "decl-leader", "如：张三　中心主任") }
                <div class="pair">
                    { text_field(Field::Contact, "decl-contact", "姓名") }
                    { text_field(Field::Phone, "decl-phone", "手机或 0912-xxxxxxx") }
                </div>
                <div class={classes!("field", text_error.as_ref().map(|_| "invalid"))}>
                    <label for="decl-self">{ "自评情况（依据考核要求进行自评）" }<span class="req" aria-hidden="true">{ " *" }</span></label>
                    <textarea id="decl-self" rows="12" maxlength="20000" value={props.unit.self_assessment.clone()}
                        oninput={on_text} aria-invalid={text_error.is_some().to_string()}
                        aria-describedby={text_error.as_ref().map(|_| "decl-self-err")} />
                    if let Some(msg) = text_error { <p class="field-error" id="decl-self-err" role="alert">{ msg }</p> }
                    <div class="row">
                        if empty_text {
                            <button type="button" class="primary" onclick={fill.clone()}>{ "根据评分生成自评情况" }</button>
                        } else if *confirming {
                            <p class="warn" role="alert">{ "重新生成会替换上面已编辑的自评情况，确定吗？" }</p>
                            <button type="button" class="primary" onclick={fill}>{ "确定重新生成" }</button>
                            <button type="button" onclick={cancel}>{ "取消" }</button>
                        } else {
                            <button type="button" onclick={ask}>{ "重新生成" }</button>
                        }
                    </div>
                </div>
                <p class="hint">{ "“镇（街）推荐意见”和“市星级创建工作领导小组办公室意见”两栏在打印稿上留空，供盖章签字。" }</p>
                <details class="plan-notes">
                    <summary>{ "申报须知（摘自实施方案）" }</summary>
                    <ul>
                        for note in PLAN_NOTES { <li>{ note }</li> }
                    </ul>
                </details>
            </div>
        </section>
    }
}
