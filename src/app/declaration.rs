//! The 附件1 申报表 on screen: its fields with their messages, 自评情况 drafted from the
//! scores (and redrafted on request, after a confirmation), and the warnings that do not block.
//! A view function of the unit and the form's own state ([`DeclUi`]), and [`update`] for what
//! is done in it.

use super::html::{self, el, value_of, El, Html};
use super::Msg;
use crate::answers::Answers;
use crate::declaration::{check_field, draft_self_assessment, warnings, Field, PLAN_NOTES};
use crate::rubric::Rubric;
use crate::score::Report;
use crate::submission::{Unit, DECLARABLE};

/// What the form remembers besides the unit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeclUi {
    /// Whether 重新生成 asks for a confirmation now.
    pub confirming: bool,
    /// Whether the clerk has changed a field: the fields' messages show only then.
    pub touched: bool,
}

/// Something done in the form.
#[derive(Debug, Clone, PartialEq)]
pub enum DeclMsg {
    /// A field's new text.
    Set(Field, String),
    /// 重新生成: ask before replacing an edited 自评情况.
    Ask,
    /// 取消 the question.
    Cancel,
    /// 根据评分生成 / 确定重新生成: 自评情况 becomes this text.
    Fill(String),
}

/// Acts on `msg`: the form's state changes. Returns the changed unit when a field changed, and
/// the id of the button to focus once the page shows the change: the question's buttons
/// replace 重新生成 and the other way round, and the keyboard goes with them (取消, the safe
/// answer, when the question comes).
pub fn update(ui: &mut DeclUi, unit: &Unit, msg: DeclMsg) -> (Option<Unit>, Option<&'static str>) {
    match msg {
        DeclMsg::Set(field, value) => {
            ui.touched = true;
            (Some(field.set(unit, value)), None)
        }
        DeclMsg::Fill(text) => {
            ui.touched = true;
            let focus = std::mem::take(&mut ui.confirming).then_some(REDRAFT);
            (Some(Field::SelfAssessment.set(unit, text)), focus)
        }
        DeclMsg::Ask => {
            ui.confirming = true;
            (None, Some(CANCEL))
        }
        DeclMsg::Cancel => {
            ui.confirming = false;
            (None, Some(REDRAFT))
        }
    }
}

/// The ids of 重新生成 and of the question's 取消.
const REDRAFT: &str = "decl-redraft";
const CANCEL: &str = "decl-cancel";

/// A button that sends `msg`.
fn button(label: &'static str, msg: DeclMsg) -> El {
    html::button(label, Msg::Decl(msg))
}

/// What a field's control sends as the clerk types (one handler for every field).
fn set(f: Field) -> impl Fn(String) -> Msg {
    move |v| Msg::Decl(DeclMsg::Set(f, v))
}

/// A field: its label (marked required), its control with id `id`, and its message.
fn field(id: &'static str, label: &'static str, error: Option<String>, control: El) -> El {
    let error_id = format!("{id}-err");
    el("div")
        .class(&[Some("field"), error.as_ref().map(|_| "invalid")])
        .child(
            el("label")
                .attr("for", id)
                .text(label)
                .child(el("span").attr("class", "req").attr("aria-hidden", "true").text(" *")),
        )
        .child(
            control
                .id(id)
                .attr("aria-invalid", if error.is_some() { "true" } else { "false" })
                .attr_opt("aria-describedby", error.as_ref().map(|_| error_id.clone())),
        )
        .child(error.map(|msg| el("p").attr("class", "field-error").id(error_id).attr("role", "alert").text(msg)))
}

/// The declaration form.
pub fn declaration_form(
    ui: &DeclUi,
    unit: &Unit,
    year: i32,
    answers: &Answers,
    report: &Report,
    today: Option<(i32, u32, u32)>,
) -> Html {
    let rubric = Rubric::shenmu_2024();
    let warn = warnings(rubric, unit, year, report, today);
    let error = |f: Field| check_field(f, unit).filter(|_| ui.touched);
    let text_field = |f: Field, id: &'static str, placeholder: &'static str| {
        field(
            id,
            f.label(),
            error(f),
            el("input")
                .attr("type", "text")
                .attr("maxlength", "200")
                .attr("placeholder", placeholder)
                .attr("value", f.value(unit).to_string())
                .on_input(set(f))
                .flag("required", true),
        )
    };
    let option = |value: &'static str, label: &'static str| {
        el("option").attr("value", value).flag("selected", unit.declared_level == value).text(label)
    };
    let level = el("select")
        .on_change(|e| Msg::Decl(DeclMsg::Set(Field::DeclaredLevel, value_of(e))))
        .child(option("", "请选择"))
        .kids(DECLARABLE.map(|l| option(l, l)));
    let text = el("textarea")
        .attr("rows", "12")
        .attr("maxlength", "20000")
        .attr("value", unit.self_assessment.clone())
        .on_input(set(Field::SelfAssessment));
    // 自评情况 drafted from the scores, when a button offers it.
    let fill = |label| button(label, DeclMsg::Fill(draft_self_assessment(rubric, answers, report)));
    let actions = el("div").attr("class", "row");
    let actions = if unit.self_assessment.trim().is_empty() {
        actions.child(fill("根据评分生成自评情况").attr("class", "primary"))
    } else if ui.confirming {
        actions
            .child(
                el("p")
                    .attr("class", "warn")
                    .attr("role", "alert")
                    .text("重新生成会替换上面已编辑的自评情况，确定吗？"),
            )
            .child(fill("确定重新生成").attr("class", "primary"))
            .child(button("取消", DeclMsg::Cancel).id(CANCEL))
    } else {
        actions.child(button("重新生成", DeclMsg::Ask).id(REDRAFT))
    };

    el("section")
        .attr("class", "section declaration")
        .attr("aria-labelledby", "decl-h")
        .child(el("h2").id("decl-h").text("附件1　神木市星级政务服务机构评定申报表"))
        .child(
            el("div")
                .attr("class", "decl-body")
                .child((!warn.is_empty()).then(|| {
                    el("ul")
                        .attr("class", "warnings")
                        .attr("data-testid", "decl-warnings")
                        .attr("aria-label", "提醒")
                        .kids(warn.into_iter().map(|w| el("li").text(w)))
                }))
                .child(text_field(Field::Name, "decl-name", "如：神木市××镇便民服务中心"))
                .child(text_field(Field::Address, "decl-address", "如：神木市××镇××路××号"))
                .child(field("decl-level", Field::DeclaredLevel.label(), error(Field::DeclaredLevel), level))
                .child(text_field(Field::Leader, "decl-leader", "如：张三　中心主任"))
                .child(
                    el("div")
                        .attr("class", "pair")
                        .child(text_field(Field::Contact, "decl-contact", "姓名"))
                        .child(text_field(Field::Phone, "decl-phone", "手机或 0912-xxxxxxx")),
                )
                .child(
                    field("decl-self", "自评情况（依据考核要求进行自评）", error(Field::SelfAssessment), text)
                        .child(actions),
                )
                .child(
                    el("p")
                        .attr("class", "hint")
                        .text("“镇（街）推荐意见”和“市星级创建工作领导小组办公室意见”两栏在打印稿上留空，供盖章签字。"),
                )
                .child(
                    el("details")
                        .attr("class", "plan-notes")
                        .child(el("summary").text("申报须知（摘自实施方案）"))
                        .child(el("ul").kids(PLAN_NOTES.map(|note| el("li").text(note)))),
                ),
        )
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::score;

    fn unit() -> Unit {
        Unit {
            name: "神木市测试镇便民服务中心".into(),
            address: "神木市测试镇人民路 1 号".into(),
            declared_level: "四星".into(),
            leader: "张三　中心主任".into(),
            contact: "李四".into(),
            phone: "123".into(),
            self_assessment: "对照评分表逐项自评。".into(),
        }
    }

    fn render(ui: &DeclUi, unit: &Unit) -> String {
        let answers = Answers::default();
        let report = score(Rubric::shenmu_2024(), &answers);
        declaration_form(ui, unit, 2026, &answers, &report, Some((2026, 5, 3))).to_html()
    }

    #[test]
    fn field_errors_show_only_once_the_clerk_has_changed_something() {
        let html = render(&DeclUi::default(), &unit());
        assert!(!html.contains("field-error"), "{html}");
        assert!(!html.contains("aria-invalid=\"true\""));
        assert!(html.contains("<input type=\"text\" maxlength=\"200\" placeholder=\"手机或 0912-xxxxxxx\" value=\"123\" required id=\"decl-phone\" aria-invalid=\"false\">"), "{html}");

        let mut ui = DeclUi::default();
        let (changed, focus) = update(&mut ui, &unit(), DeclMsg::Set(Field::Phone, "456".into()));
        let changed = changed.expect("a changed unit");
        assert_eq!(focus, None, "typing keeps the focus where it is");
        assert_eq!(changed.phone, "456");
        assert!(ui.touched);
        let html = render(&ui, &changed);
        assert!(html.contains("<div class=\"field invalid\"><label for=\"decl-phone\">联系电话<span class=\"req\" aria-hidden=\"true\"> *</span></label>"), "{html}");
        assert!(html.contains("id=\"decl-phone\" aria-invalid=\"true\" aria-describedby=\"decl-phone-err\">"));
        assert!(html.contains("<p class=\"field-error\" id=\"decl-phone-err\" role=\"alert\">电话号码应为"));
        assert_eq!(html.matches("field-error").count(), 1, "the other fields are fine");
    }

    #[test]
    fn the_level_list_shows_the_declared_level() {
        let html = render(&DeclUi::default(), &unit());
        assert!(html.contains("<option value=\"\">请选择</option><option value=\"三星\">三星</option><option value=\"四星\" selected>四星</option>"), "{html}");
        let html =
            render(&DeclUi { touched: true, ..DeclUi::default() }, &Unit { declared_level: String::new(), ..unit() });
        assert!(html.contains("<option value=\"\" selected>请选择</option>"));
        assert!(html.contains("<p class=\"field-error\" id=\"decl-level-err\" role=\"alert\">请填写申报创建星级</p>"));
    }

    #[test]
    fn warnings_and_the_plan_notes_show() {
        let html = render(&DeclUi::default(), &unit());
        assert!(html.contains("data-testid=\"decl-warnings\""));
        assert!(html.contains("申报截止日期（2026 年 4 月 30 日）已过。"), "{html}");
        for note in PLAN_NOTES {
            assert!(html.contains(note), "{note}");
        }
        assert!(html.contains("<textarea rows=\"12\" maxlength=\"20000\" id=\"decl-self\" aria-invalid=\"false\">对照评分表逐项自评。</textarea>"));
    }

    #[test]
    fn redrafting_an_edited_text_asks_first() {
        let mut ui = DeclUi::default();
        let html = render(&ui, &unit());
        assert!(
            html.contains("<div class=\"row\"><button type=\"button\" id=\"decl-redraft\">重新生成</button></div>"),
            "{html}"
        );
        assert_eq!(update(&mut ui, &unit(), DeclMsg::Ask), (None, Some("decl-cancel")), "the keyboard goes to 取消");
        let html = render(&ui, &unit());
        assert!(html.contains("重新生成会替换上面已编辑的自评情况，确定吗？"));
        assert!(html.contains(
            "<button type=\"button\" class=\"primary\">确定重新生成</button><button type=\"button\" id=\"decl-cancel\">取消</button>"
        ));
        let (filled, focus) = update(&mut ui, &unit(), DeclMsg::Fill("新的自评".into()));
        assert_eq!(filled.expect("filled").self_assessment, "新的自评");
        assert_eq!(focus, Some("decl-redraft"), "the question's buttons go: the keyboard goes to 重新生成");
        assert_eq!(ui, DeclUi { confirming: false, touched: true });
        update(&mut ui, &unit(), DeclMsg::Ask);
        assert_eq!(update(&mut ui, &unit(), DeclMsg::Cancel), (None, Some("decl-redraft")));
        assert!(!ui.confirming);
        let empty = render(&DeclUi::default(), &Unit { self_assessment: " ".into(), ..unit() });
        assert!(empty.contains("<button type=\"button\" class=\"primary\">根据评分生成自评情况</button>"));
    }
}
