//! Shared by the integration tests (`#[path = "support/answers.rs"] mod support;`): a compact
//! builder of item answers, the sheet's named lists, and a draft at full marks.
#![allow(dead_code)]

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use xingping::answers::{Answers, Honour, ItemAnswer, Status, VetoAnswer};

/// Builds one item's answer.
#[derive(Clone, Default)]
pub struct A(pub ItemAnswer);

impl A {
    /// A confirmed answer with nothing entered.
    pub fn new() -> A {
        A(ItemAnswer { status: Status::Confirmed, ..ItemAnswer::default() })
    }
    /// An unassessed (未评) answer with nothing entered.
    pub fn unassessed() -> A {
        A(ItemAnswer::default())
    }
    /// A yes/no input answered yes.
    pub fn flag(self, id: &str) -> A {
        self.flag_to(id, true)
    }
    /// A yes/no input answered `on`.
    pub fn flag_to(mut self, id: &str, on: bool) -> A {
        self.0.flags.insert(id.into(), on);
        self
    }
    pub fn count(mut self, id: &str, n: i64) -> A {
        self.0.counts.insert(id.into(), n);
        self
    }
    pub fn dec(mut self, id: &str, d: Decimal) -> A {
        self.0.decimals.insert(id.into(), d);
        self
    }
    pub fn present(mut self, names: &[&str]) -> A {
        self.0.present = names.iter().map(|s| s.to_string()).collect();
        self
    }
    pub fn others(mut self, names: &[&str]) -> A {
        self.0.others = names.iter().map(|s| s.to_string()).collect();
        self
    }
    pub fn reason(mut self, r: &str) -> A {
        self.0.reason = r.into();
        self
    }
    pub fn note(mut self, n: &str) -> A {
        self.0.note = n.into();
        self
    }
    pub fn honour(mut self, kind: &str, date: &str, source: &str) -> A {
        self.0.honours.push(Honour { kind: kind.into(), date: date.into(), source: source.into() });
        self
    }
}

pub const WINDOWS: &[&str] = &["综合咨询", "综合受理", "帮办代办"];
pub const AREAS: &[&str] = &["咨询导服区", "取号区", "自助服务区", "网办区", "休息等候区", "政府信息公开查阅点"];
pub const FACILITIES: &[&str] =
    &["无障碍通道", "老年人专窗", "老花镜", "轮椅", "医药箱（内有应急药品）", "助残设备设施"];
pub const UTILITIES: &[&str] = &["供水", "供电", "供气", "电信"];
pub const STATIONS: &[&str] = &["市场监管", "自然资源", "退役军人", "司法"];
pub const RULES: &[&str] = &["考勤请假制度", "AB岗制度", "值班制度", "首问负责制度", "容缺受理制度", "投诉处理制度"];
pub const AMENITIES: &[&str] = &["自动饮水", "便民充电", "雨具", "复印打印", "自助照相", "阅读"];

/// Every item at full marks, confirmed, as in `examples/full-marks.json`.
pub fn full_marks() -> Vec<(&'static str, A)> {
    vec![
        ("site.signage", A::new()),
        ("site.windows", A::new().present(WINDOWS)),
        ("site.areas", A::new().present(AREAS)),
        ("site.facilities", A::new().present(FACILITIES)),
        ("items.complete", A::new()),
        ("items.utilities", A::new().present(UTILITIES).others(&["有线电视"])),
        ("items.stations", A::new().present(STATIONS)),
        ("items.dynamic", A::new()),
        ("process.standard", A::new().dec("score", dec!(10))),
        ("management.staffing", A::new()),
        ("management.image", A::new()),
        ("management.discipline", A::new()),
        ("management.tidiness", A::new()),
        ("management.rules", A::new().present(RULES)),
        ("management.amenities", A::new().present(AMENITIES).others(&["母婴室", "爱心座椅"])),
        ("management.complaints", A::new()),
        ("satisfaction.online", A::new().count("sampled", 5)),
        ("satisfaction.nearby", A::new()),
        ("satisfaction.selfservice", A::new().flag("running")),
        ("satisfaction.survey", A::new().dec("rate", dec!(100))),
        (
            "satisfaction.innovation",
            A::new().dec("score", dec!(8)).honour("表彰", "2024-12-20", "榆林市行政审批服务局").honour(
                "市级以上领导正面批示",
                "2025-02-14",
                "神木市人民政府",
            ),
        ),
    ]
}

/// Every item confirmed at full marks, both veto questions 否.
pub fn all_full_marks() -> Answers {
    let mut answers = Answers::default();
    for (id, a) in full_marks() {
        answers.items.insert(id.into(), a.0);
    }
    answers.veto.insert("veto.incident".into(), VetoAnswer::No);
    answers.veto.insert("veto.accident".into(), VetoAnswer::No);
    answers
}
