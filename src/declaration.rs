//! The 附件1 申报表: checking its fields, drafting 自评情况 from the scores, and the warnings
//! a clerk should see before declaring. Pure functions; the page and the print view use them.

use crate::answers::{normalise, Answers, VetoAnswer};
use crate::rubric::Rubric;
use crate::score::{fmt_num, fmt_score, Level, Report, VOID_MARK};
use crate::submission::{Unit, DECLARABLE};
use rust_decimal::Decimal;

/// A 附件1 field with its Chinese name, as the form shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 站（中心）名称.
    Name,
    /// 办公地址.
    Address,
    /// 申报创建星级.
    DeclaredLevel,
    /// 站（中心）负责人姓名及职务.
    Leader,
    /// 联系人.
    Contact,
    /// 联系电话.
    Phone,
    /// 自评情况.
    SelfAssessment,
}

impl Field {
    /// Every field in the form's order.
    pub const ALL: [Field; 7] = [
        Field::Name,
        Field::Address,
        Field::DeclaredLevel,
        Field::Leader,
        Field::Contact,
        Field::Phone,
        Field::SelfAssessment,
    ];

    /// The field's name on the form.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "站（中心）名称",
            Field::Address => "办公地址",
            Field::DeclaredLevel => "申报创建星级",
            Field::Leader => "站（中心）负责人姓名及职务",
            Field::Contact => "联系人",
            Field::Phone => "联系电话",
            Field::SelfAssessment => "自评情况",
        }
    }

    /// The field's value in `unit`.
    pub fn value(self, unit: &Unit) -> &str {
        match self {
            Field::Name => &unit.name,
            Field::Address => &unit.address,
            Field::DeclaredLevel => &unit.declared_level,
            Field::Leader => &unit.leader,
            Field::Contact => &unit.contact,
            Field::Phone => &unit.phone,
            Field::SelfAssessment => &unit.self_assessment,
        }
    }

    /// `unit` with this field set to `value`.
    pub fn set(self, unit: &Unit, value: String) -> Unit {
        let mut u = unit.clone();
        match self {
            Field::Name => u.name = value,
            Field::Address => u.address = value,
            Field::DeclaredLevel => u.declared_level = value,
            Field::Leader => u.leader = value,
            Field::Contact => u.contact = value,
            Field::Phone => u.phone = value,
            Field::SelfAssessment => u.self_assessment = value,
        }
        u
    }
}

/// What is wrong with a field, as one Chinese sentence; `None` when it is fine.
pub fn check_field(field: Field, unit: &Unit) -> Option<String> {
    let value = field.value(unit).trim();
    if value.is_empty() {
        return Some(format!("请填写{}", field.label()));
    }
    match field {
        Field::DeclaredLevel if !DECLARABLE.contains(&value) => Some("请选择三星、四星或五星".into()),
        Field::Phone if !is_phone(value) => {
            Some("电话号码应为 11 位手机号（1 开头），或带区号的固定电话，如 0912-8321234".into())
        }
        _ => None,
    }
}

/// Every field's message, in the form's order.
pub fn check_unit(unit: &Unit) -> Vec<(Field, String)> {
    Field::ALL.iter().filter_map(|f| check_field(*f, unit).map(|m| (*f, m))).collect()
}

/// A mainland mobile number (11 digits starting with 1, hyphens or spaces allowed, e.g.
/// 139-1234-5678) or a landline with its area code (`0` + 2–3 digits, a hyphen or space
/// optional, then 7–8 digits, e.g. 0912-8321234). Full-width digits and hyphens, as a Chinese
/// input method types them, count as their ASCII selves.
pub fn is_phone(text: &str) -> bool {
    let t: String = normalise(text).chars().filter(|c| !c.is_whitespace()).collect();
    // From here the text is ASCII, so cutting it at a byte index cannot split a character.
    if !t.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return false;
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mobile: String = t.chars().filter(|c| *c != '-').collect();
    if mobile.len() == 11 && mobile.starts_with('1') && !t.starts_with('-') && !t.ends_with('-') && !t.contains("--") {
        return true;
    }
    let (area, number) = match t.split_once('-') {
        Some(parts) => parts,
        // Without a hyphen, only the common 4-digit area codes can be split unambiguously.
        None if t.starts_with('0') && (t.len() == 11 || t.len() == 12) => t.split_at(4),
        None => return false,
    };
    digits(area)
        && digits(number)
        && area.starts_with('0')
        && (3..=4).contains(&area.len())
        && (7..=8).contains(&number.len())
        && !number.starts_with('0')
}

/// The plan's rules a clerk should know when declaring, word for word (实施方案 三、2–3 and
/// 奖补资金发放及使用), shown beside 附件1.
pub const PLAN_NOTES: [&str; 3] = [
    "各镇街政务服务机构于每年 4 月底前向市星级政务服务机构创建工作领导小组办公室提交《神木市星级政务服务机构评定申报表》（附件 1）。",
    "年度评定结果低于五星级的政务服务机构，下一年度可继续作为评定对象，参与五星级评定。已达到五星级的且动态考评达标的，第二年度不再参与评定。",
    "奖补资金按照4:3:3的比例分三年发放。若星级评定高于前一年度的，实际发放以本年度评定星级补差发放，总金额不得超过最终评定的星级奖补资金。如已授星的政务服务机构在动态考评中被摘牌的，将不予发放后续奖补资金。",
];

/// The level a declared name stands for, as a rank (三星 1 … 五星 3).
fn rank(name: &str) -> Option<usize> {
    DECLARABLE.iter().position(|l| *l == name).map(|i| i + 1)
}

/// Warnings that do not block: the declared level above the predicted one, a drafted
/// 自评情况 that no longer matches the scores, items still 未评, veto questions unanswered or
/// 是, and the 4 月 30 日 deadline near or past.
pub fn warnings(
    rubric: &Rubric,
    unit: &Unit,
    year: i32,
    report: &Report,
    today: Option<(i32, u32, u32)>,
) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(declared) = rank(&unit.declared_level) {
        match &report.level {
            Level::Vetoed => {
                out.push(format!("申报{}，但一票否决事项为“是”，本年度不能参与星级评定。", unit.declared_level))
            }
            predicted => {
                let predicted_rank = match predicted {
                    Level::Star(name) => rank(name).unwrap_or(0),
                    _ => 0,
                };
                if declared > predicted_rank {
                    let min = rubric.levels.iter().find(|l| l.name == unit.declared_level).map(|l| l.min);
                    let gap = min.map(|m| m - report.total).unwrap_or(Decimal::ZERO);
                    out.push(format!(
                        "申报{}，自评预测{}，差 {} 分。",
                        unit.declared_level,
                        predicted.label(),
                        fmt_score(gap)
                    ));
                }
            }
        }
    }
    out.extend(stale_self_assessment(rubric, unit, report));
    let open = report.item_count - report.assessed;
    if open > 0 {
        out.push(format!("尚有 {open} 项未评，自评得分尚未最终确定。"));
    }
    let veto = report.veto_unanswered();
    if veto > 0 {
        out.push(format!("尚有 {veto} 个一票否决问题未答。"));
    }
    if let Some((y, m, d)) = today {
        let left = days_between((y, m, d), (year, 4, 30));
        if left < 0 {
            out.push(format!("申报截止日期（{year} 年 4 月 30 日）已过。"));
        } else if left <= 30 {
            if left == 0 {
                out.push(format!("今天是申报截止日（{year} 年 4 月 30 日）。"));
            } else {
                out.push(format!("距申报截止（{year} 年 4 月 30 日）还有 {left} 天。"));
            }
        }
    }
    out
}

/// The first two lines of a drafted 自评情况: the total and level, then each section's score.
fn figures(rubric: &Rubric, report: &Report) -> [String; 2] {
    let level = match &report.level {
        Level::Vetoed => "一票否决".to_string(),
        l if report.is_final => l.label().to_string(),
        l => format!("{}（预测）", l.label()),
    };
    let total = format!(
        "{}{} 分{}，自评等级：{}。",
        drafted_opening(rubric),
        fmt_score(report.total),
        if report.vetoed() { VOID_MARK } else { "" },
        level
    );
    let sections: Vec<String> = report
        .sections
        .iter()
        .map(|s| format!("{} {} 分（满分 {} 分）", s.name, fmt_score(s.score), fmt_num(s.max)))
        .collect();
    [total, format!("{SECTIONS_OPENING}{}。", sections.join("；"))]
}

fn drafted_opening(rubric: &Rubric) -> String {
    format!("对照《{}》逐项自评，自评得分 ", rubric.title)
}

const SECTIONS_OPENING: &str = "各部分得分：";

/// A warning when 自评情况 was drafted from the scores (it has the drafted opening) and the
/// scores changed since: its figures (the total, the level or a section's score) are no longer
/// the sheet's. Text the clerk wrote in other words is left alone.
pub fn stale_self_assessment(rubric: &Rubric, unit: &Unit, report: &Report) -> Option<String> {
    let text = &unit.self_assessment;
    let [total, sections] = figures(rubric, report);
    let stale = text.contains(&drafted_opening(rubric)) && !(text.contains(&total) && text.contains(&sections));
    stale.then(|| {
        format!(
            "自评情况中的得分与当前评分不一致（当前总分 {} 分）：请点击“根据评分生成自评情况”重新生成，或手工改正。",
            fmt_score(report.total)
        )
    })
}

/// Days from `a` to `b` (negative when `b` is earlier).
fn days_between(a: (i32, u32, u32), b: (i32, u32, u32)) -> i64 {
    day_number(b) - day_number(a)
}

/// Days since a fixed epoch (proleptic Gregorian), for differences only.
fn day_number((y, m, d): (i32, u32, u32)) -> i64 {
    let (y, m) = if m <= 2 { (i64::from(y) - 1, i64::from(m) + 12) } else { (i64::from(y), i64::from(m)) };
    365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + i64::from(d)
}

/// `text` trimmed, without the full stop (or semicolon) it may end with.
fn sentence(text: &str) -> &str {
    text.trim().trim_end_matches(['。', '.', '；', ';']).trim_end()
}

/// Drafts 自评情况 from the scores: total, level, each section's subtotal, every item that
/// lost points with its reason and note, and the veto answers.
pub fn draft_self_assessment(rubric: &Rubric, answers: &Answers, report: &Report) -> String {
    let mut lines = Vec::from(figures(rubric, report));

    let mut lost = Vec::new();
    for (item, s) in rubric.items().zip(&report.items) {
        let Some(points) = s.lost().filter(|l| !l.is_zero()) else { continue };
        let answer = answers.items.get(&item.id);
        let mut line = format!(
            "{}. {}（{} 分）：得 {} 分，失 {} 分。",
            lost.len() + 1,
            item.name,
            fmt_num(item.max),
            fmt_score(s.counted()),
            fmt_score(points)
        );
        if let Ok(scored) = &s.outcome {
            line.push_str(&format!("计分：{}。", scored.explanation));
        }
        // The clerk's sentence usually ends with its own 。; do not double it.
        if let Some(reason) = answer.map(|a| sentence(&a.reason)).filter(|r| !r.is_empty()) {
            line.push_str(&format!("理由：{reason}。"));
        }
        if let Some(note) = answer.map(|a| a.note.trim()).filter(|n| !n.is_empty()) {
            line.push_str(&format!("整改说明：{note}"));
        }
        lost.push(line);
    }
    if lost.is_empty() {
        lines.push("已评项目均未失分。".to_string());
    } else {
        lines.push(format!("失分项目（{} 项）：", lost.len()));
        lines.extend(lost);
    }
    let veto: Vec<String> = rubric
        .veto
        .items
        .iter()
        .map(|v| {
            let a = answers.veto.get(&v.id).copied().unwrap_or_default();
            let said = match a {
                VetoAnswer::Yes => "是",
                VetoAnswer::No => "否",
                VetoAnswer::Unanswered => "未答",
            };
            format!("{}：{said}", v.name)
        })
        .collect();
    lines.push(format!("一票否决事项：{}。", veto.join("；")));
    let open = report.item_count - report.assessed;
    if open > 0 {
        lines.push(format!("另有 {open} 项尚未自评。"));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{ItemAnswer, Status};
    use crate::score::score;

    #[test]
    fn it_checks_phone_numbers() {
        for good in [
            "13912345678",
            "139-1234-5678",
            "139 1234 5678",
            "139　1234　5678",
            "１３９１２３４５６７８",
            "0912-8321234",
            "0912 8321234",
            "09128321234",
            "0912－8321234",
            "09１28321234",
            "029-88889999",
            "010-12345678",
        ] {
            assert!(is_phone(good), "{good}");
        }
        for bad in [
            "1391234567",
            "23912345678",
            "912-8321234",
            "0912-0321234",
            "0912-832123",
            "电话",
            "",
            "0912-83212345678",
            // Not ASCII where a byte cut would fall: refused, never a panic.
            "09电话2345678",
            "0912电话345",
            "-13912345678",
            "139--12345678",
            "0912-832-1234",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn its_plan_notes_are_word_for_word_from_the_source() {
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let source = squash(include_str!("../docs/source/shenmu-star-service-plan-2024.txt"));
        for note in PLAN_NOTES {
            assert!(source.contains(&squash(note)), "{note}");
        }
    }

    #[test]
    fn it_requires_every_field_and_a_declarable_level() {
        let unit = Unit::default();
        assert_eq!(check_unit(&unit).len(), 7);
        assert_eq!(check_field(Field::Name, &unit).as_deref(), Some("请填写站（中心）名称"));
        let unit = Unit { declared_level: "六星".into(), phone: "123".into(), ..Unit::default() };
        assert_eq!(check_field(Field::DeclaredLevel, &unit).as_deref(), Some("请选择三星、四星或五星"));
        assert!(check_field(Field::Phone, &unit).is_some_and(|m| m.contains("11 位手机号")));
    }

    fn answers_losing_on_signage() -> Answers {
        let mut a = Answers::default();
        a.items.insert(
            "site.signage".into(),
            ItemAnswer {
                status: Status::Confirmed,
                flags: [("no_sign".to_string(), true)].into(),
                note: "已订制新标牌".into(),
                ..ItemAnswer::default()
            },
        );
        a
    }

    #[test]
    fn it_drafts_the_self_assessment_from_the_scores() {
        let rubric = Rubric::shenmu_2024();
        let answers = answers_losing_on_signage();
        let report = score(rubric, &answers);
        let text = draft_self_assessment(rubric, &answers, &report);
        assert!(text.contains("自评得分 1.0 分"), "{text}");
        assert!(text.contains("不予评定（预测）"), "{text}");
        assert!(text.contains("场地建设 1.0 分（满分 20 分）"), "{text}");
        assert!(text.contains("1. 标识标志（3 分）：得 1.0 分，失 2.0 分。"), "{text}");
        assert!(text.contains("整改说明：已订制新标牌"), "{text}");
        assert!(text.contains("影响恶劣：未答"), "{text}");
        assert!(text.contains("另有 20 项尚未自评"), "{text}");

        // A veto voids the total, and the text says so where it gives the total.
        let mut answers = answers;
        answers.veto.insert("veto.incident".into(), VetoAnswer::Yes);
        let text = draft_self_assessment(rubric, &answers, &score(rubric, &answers));
        assert!(text.contains("自评得分 1.0 分（一票否决，总分作废），自评等级：一票否决。"), "{text}");
    }

    #[test]
    fn it_warns_when_a_drafted_self_assessment_no_longer_matches_the_scores() {
        let rubric = Rubric::shenmu_2024();
        let mut answers = answers_losing_on_signage();
        let report = score(rubric, &answers);
        let drafted = draft_self_assessment(rubric, &answers, &report);
        let mut unit =
            Unit { self_assessment: format!("{drafted}\n另：本中心已完成整改。"), ..Unit::default() };
        assert_eq!(stale_self_assessment(rubric, &unit, &report), None, "drafted from these scores, then added to");

        // The sheet changes after the text was drafted: the total is no longer the text's.
        answers.items.get_mut("site.signage").expect("answered").flags.clear();
        let report = score(rubric, &answers);
        let warning = stale_self_assessment(rubric, &unit, &report).expect("stale");
        assert_eq!(
            warning,
            "自评情况中的得分与当前评分不一致（当前总分 3.0 分）：请点击“根据评分生成自评情况”重新生成，或手工改正。"
        );
        assert!(warnings(rubric, &unit, 2026, &report, None).contains(&warning));

        // Redrafted, or written in the clerk's own words: no warning.
        unit.self_assessment = draft_self_assessment(rubric, &answers, &report);
        assert_eq!(stale_self_assessment(rubric, &unit, &report), None);
        unit.self_assessment = "对照评分表逐项自查，均达到要求。各部分得分：场地建设 20 分。".into();
        assert_eq!(stale_self_assessment(rubric, &unit, &report), None);
        // A drafted text whose sections line alone is out of date is stale too.
        let drafted = draft_self_assessment(rubric, &answers, &report);
        unit.self_assessment = drafted.replacen("场地建设 3.0 分", "场地建设 2.0 分", 1);
        assert_ne!(unit.self_assessment, drafted);
        assert!(stale_self_assessment(rubric, &unit, &report).is_some());
    }

    #[test]
    fn it_does_not_double_the_full_stop_after_a_reason() {
        let rubric = Rubric::shenmu_2024();
        for (reason, want) in [
            ("暗访发现 1 人未佩戴工作牌。", "理由：暗访发现 1 人未佩戴工作牌。"),
            ("暗访发现 1 人未佩戴工作牌", "理由：暗访发现 1 人未佩戴工作牌。"),
            ("  限时办结执行不到位；  ", "理由：限时办结执行不到位。"),
        ] {
            let mut a = Answers::default();
            a.items.insert(
                "management.image".into(),
                ItemAnswer {
                    status: Status::Confirmed,
                    decimals: [("visit".to_string(), Decimal::new(5, 1))].into(),
                    reason: reason.into(),
                    ..ItemAnswer::default()
                },
            );
            let text = draft_self_assessment(rubric, &a, &score(rubric, &a));
            assert!(text.contains(want), "{text}");
            assert!(!text.contains("。。"), "{text}");
        }
    }

    #[test]
    fn it_warns_about_level_gap_open_items_and_the_deadline() {
        let rubric = Rubric::shenmu_2024();
        let report = score(rubric, &answers_losing_on_signage());
        let unit = Unit { declared_level: "四星".into(), ..Unit::default() };
        let w = warnings(rubric, &unit, 2026, &report, Some((2026, 4, 20)));
        assert!(w.contains(&"申报四星，自评预测不予评定，差 84.0 分。".to_string()), "{w:?}");
        assert!(w.contains(&"尚有 20 项未评，自评得分尚未最终确定。".to_string()), "{w:?}");
        assert!(w.contains(&"距申报截止（2026 年 4 月 30 日）还有 10 天。".to_string()), "{w:?}");
        let w = warnings(rubric, &unit, 2026, &report, Some((2026, 4, 30)));
        assert!(w.contains(&"今天是申报截止日（2026 年 4 月 30 日）。".to_string()), "{w:?}");
        let w = warnings(rubric, &unit, 2026, &report, Some((2026, 5, 1)));
        assert!(w.contains(&"申报截止日期（2026 年 4 月 30 日）已过。".to_string()), "{w:?}");
        let w = warnings(rubric, &unit, 2026, &report, Some((2026, 1, 5)));
        assert!(!w.iter().any(|s| s.contains("截止")), "{w:?}");
        let three = Unit { declared_level: "三星".into(), ..Unit::default() };
        let w = warnings(rubric, &three, 2026, &report, None);
        assert!(w.iter().any(|s| s.starts_with("申报三星，自评预测不予评定，差 74.0 分")), "{w:?}");
    }

    #[test]
    fn it_counts_days_across_months_and_leap_years() {
        assert_eq!(days_between((2026, 4, 1), (2026, 4, 30)), 29);
        assert_eq!(days_between((2024, 2, 28), (2024, 3, 1)), 2);
        assert_eq!(days_between((2025, 12, 31), (2026, 4, 30)), 120);
        assert_eq!(days_between((2026, 5, 1), (2026, 4, 30)), -1);
    }
}
