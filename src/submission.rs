//! The submission file, format v1: what a township sends to the city office.
//!
//! Writing computes the result from the answers and puts it in the file so that a person can
//! read it without the app. Reading checks the file whole, migrates older formats, recomputes
//! everything from the answers and reports every stored figure that differs. The layout is
//! documented in `docs/format.md` and `docs/format.schema.json`.

use crate::answers::{Answers, FieldError};
use crate::json::{object, parse, short, Node, ShapeError, Value};
use crate::rubric::Rubric;
use crate::score::{fmt_score, place, score, Report};
use rust_decimal::Decimal;
use std::borrow::Cow;

/// The `format` name of every submission file.
pub const FORMAT: &str = "xingping-submission";
/// The format version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
/// The largest file read, in bytes (1 MiB).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// The declared levels a unit may apply for.
pub const DECLARABLE: [&str; 3] = ["三星", "四星", "五星"];
/// Years a file may carry.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;
/// The longest 自评情况, in characters.
pub const MAX_SELF_ASSESSMENT: usize = 20_000;

/// One submission file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`FORMAT_VERSION`] when written.
    pub format_version: u32,
    /// The sheet the answers are for.
    pub rubric: RubricRef,
    /// The version of 星评 that wrote the file.
    pub app_version: String,
    /// When the file was written (RFC 3339).
    pub saved_at: String,
    /// The year of the declaration.
    pub year: i32,
    /// The 附件1 fields.
    pub unit: Unit,
    /// Everything the clerk entered.
    pub answers: Answers,
    /// The result computed when the file was written. Optional when reading; always written.
    pub result: Option<StoredResult>,
}

/// Which sheet a file was scored against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricRef {
    /// Sheet id, e.g. `shenmu-2024`.
    pub id: String,
    /// Sheet data version.
    pub version: String,
}

/// The 附件1 申报表 fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unit {
    /// 站（中心）名称.
    pub name: String,
    /// 办公地址.
    pub address: String,
    /// 申报创建星级: empty, or one of [`DECLARABLE`].
    pub declared_level: String,
    /// 站（中心）负责人姓名及职务.
    pub leader: String,
    /// 联系人.
    pub contact: String,
    /// 联系电话.
    pub phone: String,
    /// 自评情况.
    pub self_assessment: String,
}

/// The computed result, stored so that the file reads without the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResult {
    /// 自评得分.
    pub total: Decimal,
    /// 五星, 四星, 三星, 不予评定 or 一票否决.
    pub level: String,
    /// Whether every item and veto question was answered.
    pub is_final: bool,
    /// Items assessed.
    pub assessed: usize,
    /// Items on the sheet.
    pub item_count: usize,
    /// The total if every unassessed item got full marks.
    pub best_reachable: Decimal,
    /// A plain sentence on what is still open, empty when final.
    pub notice: String,
    /// Per section.
    pub sections: Vec<StoredSection>,
    /// Per item.
    pub items: Vec<StoredItem>,
}

/// A section's subtotal as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSection {
    /// Section id.
    pub id: String,
    /// Section name.
    pub name: String,
    /// Section 分值.
    pub max: Decimal,
    /// Subtotal.
    pub score: Decimal,
}

/// An item's score as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredItem {
    /// Item id.
    pub id: String,
    /// Item name.
    pub name: String,
    /// Item 分值.
    pub max: Decimal,
    /// The score, or `null` while 未评.
    pub score: Option<Decimal>,
    /// How the score was reached.
    pub explanation: String,
}

/// A stored figure that differs from the recomputed one (the recomputed one wins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// What differs, e.g. 总分 or an item name.
    pub what: String,
    /// The value in the file.
    pub stored: String,
    /// The recomputed value.
    pub recomputed: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}：文件中为 {}，重新计算为 {}", self.what, self.stored, self.recomputed)
    }
}

/// A file that was read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The file, migrated to the current format, with the recomputed result.
    pub submission: Submission,
    /// The recomputed scores.
    pub report: Report,
    /// Stored figures that differ from the recomputed ones.
    pub mismatches: Vec<Mismatch>,
    /// The format version the file had, when it was older than [`FORMAT_VERSION`].
    pub migrated_from: Option<u32>,
}

/// Why a file is refused. Each variant reads as one Chinese sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge {
        /// The file's size.
        bytes: usize,
    },
    /// UTF-16 or another encoding, not UTF-8.
    NotUtf8,
    /// Not JSON at all.
    NotJson(String),
    /// JSON, but not a 星评 submission file.
    NotASubmission,
    /// Written by a newer 星评.
    NewerVersion(u32),
    /// For another sheet, or another version of it.
    WrongRubric {
        /// The sheet id in the file.
        id: String,
        /// The sheet version in the file.
        version: String,
    },
    /// A value of the wrong type, or a field the format does not have.
    Shape(String),
    /// The year is outside [`YEARS`].
    BadYear(i32),
    /// A 附件1 field is not acceptable.
    BadUnit {
        /// The field's Chinese name.
        field: &'static str,
        /// What is wrong.
        why: String,
    },
    /// Answers with values the sheet does not allow.
    Invalid(Vec<WrongValue>),
}

/// A value the sheet does not allow, with where it is in the sheet's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongValue {
    /// The value by item and input id, and what is wrong with it.
    pub error: FieldError,
    /// Where it is: 群众满意度（满意率）.
    pub place: String,
}

impl std::fmt::Display for WrongValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}：{}", self.place, self.error.error)
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::TooLarge { bytes } => {
                write!(f, "文件过大（{} KB），提交文件不应超过 1 MB（1024 KB）。", bytes / 1024)
            }
            ReadError::NotUtf8 => write!(f, "文件不是 UTF-8 编码的文本，不是星评导出的提交文件。"),
            ReadError::NotJson(why) => write!(f, "文件不是有效的 JSON（{why}），可能已损坏或被截断。"),
            ReadError::NotASubmission => write!(f, "这不是星评的自评提交文件。"),
            ReadError::NewerVersion(v) => {
                write!(f, "文件格式版本为 {v}，比本程序支持的版本 {FORMAT_VERSION} 新，请使用新版星评打开。")
            }
            ReadError::WrongRubric { id, version } => {
                write!(f, "文件使用的评分表为 {}（版本 {}），与本程序的评分表不同。", short(id), short(version))
            }
            ReadError::Shape(why) => write!(f, "文件内容不符合提交文件格式：{why}。"),
            ReadError::BadYear(y) => write!(f, "文件中的年度 {y} 不在 2000 到 2100 年之间。"),
            ReadError::BadUnit { field, why } => write!(f, "文件中的“{field}”{why}。"),
            ReadError::Invalid(errors) => {
                let shown: Vec<String> = errors.iter().take(5).map(|e| e.to_string()).collect();
                let more = if errors.len() > 5 { format!(" 等 {} 处", errors.len()) } else { String::new() };
                write!(f, "文件中的答案有误：{}{more}。", shown.join("；"))
            }
        }
    }
}

impl std::error::Error for ReadError {}

impl Submission {
    /// A file for these answers, with the result computed now.
    pub fn new(
        rubric: &Rubric,
        unit: Unit,
        year: i32,
        answers: Answers,
        app_version: &str,
        saved_at: &str,
    ) -> Submission {
        let report = score(rubric, &answers);
        Submission {
            format: FORMAT.to_string(),
            format_version: FORMAT_VERSION,
            rubric: RubricRef { id: rubric.id.clone(), version: rubric.version.clone() },
            app_version: app_version.to_string(),
            saved_at: saved_at.to_string(),
            year,
            unit,
            answers,
            result: Some(stored_result(rubric, &report)),
        }
    }

    /// The file's text: pretty-printed JSON, UTF-8, decimals as strings.
    pub fn to_json(&self) -> String {
        self.to_value().to_pretty() + "\n"
    }

    /// The file as a JSON value, fields in the documented order.
    pub fn to_value(&self) -> Value {
        let mut members = vec![
            ("format", Value::str(&self.format)),
            ("format_version", Value::int(self.format_version)),
            (
                "rubric",
                object(vec![("id", Value::str(&self.rubric.id)), ("version", Value::str(&self.rubric.version))]),
            ),
            ("app_version", Value::str(&self.app_version)),
            ("saved_at", Value::str(&self.saved_at)),
            ("year", Value::int(self.year)),
            ("unit", self.unit.to_value()),
            ("answers", self.answers.to_value()),
        ];
        if let Some(result) = &self.result {
            members.push(("result", result.to_value()));
        }
        object(members)
    }

    /// Reads a file of the current format from its JSON value.
    ///
    /// # Errors
    /// A [`ShapeError`] for an unknown, missing or repeated field or a value of the wrong type.
    pub fn from_node(node: &Node) -> Result<Submission, ShapeError> {
        node.object(|f| {
            Ok(Submission {
                format: f.required("format")?.string()?,
                format_version: f.required("format_version")?.int()?,
                rubric: f.required("rubric")?.object(|r| {
                    Ok(RubricRef { id: r.required("id")?.string()?, version: r.required("version")?.string()? })
                })?,
                app_version: f.required("app_version")?.string()?,
                saved_at: f.required("saved_at")?.string()?,
                year: f.required("year")?.int()?,
                unit: Unit::from_node(f.required("unit")?)?,
                answers: Answers::from_node(f.required("answers")?)?,
                result: f.maybe("result", StoredResult::from_node)?,
            })
        })
    }
}

impl Unit {
    fn to_value(&self) -> Value {
        object(vec![
            ("name", Value::str(&self.name)),
            ("address", Value::str(&self.address)),
            ("declared_level", Value::str(&self.declared_level)),
            ("leader", Value::str(&self.leader)),
            ("contact", Value::str(&self.contact)),
            ("phone", Value::str(&self.phone)),
            ("self_assessment", Value::str(&self.self_assessment)),
        ])
    }

    fn from_node(node: &Node) -> Result<Unit, ShapeError> {
        node.object(|f| {
            Ok(Unit {
                name: f.or_default("name", Node::string)?,
                address: f.or_default("address", Node::string)?,
                declared_level: f.or_default("declared_level", Node::string)?,
                leader: f.or_default("leader", Node::string)?,
                contact: f.or_default("contact", Node::string)?,
                phone: f.or_default("phone", Node::string)?,
                self_assessment: f.or_default("self_assessment", Node::string)?,
            })
        })
    }
}

impl StoredResult {
    fn to_value(&self) -> Value {
        let sections = self.sections.iter().map(|s| {
            object(vec![
                ("id", Value::str(&s.id)),
                ("name", Value::str(&s.name)),
                ("max", Value::decimal(s.max)),
                ("score", Value::decimal(s.score)),
            ])
        });
        let items = self.items.iter().map(|i| {
            object(vec![
                ("id", Value::str(&i.id)),
                ("name", Value::str(&i.name)),
                ("max", Value::decimal(i.max)),
                ("score", i.score.map_or(Value::Null, Value::decimal)),
                ("explanation", Value::str(&i.explanation)),
            ])
        });
        object(vec![
            ("total", Value::decimal(self.total)),
            ("level", Value::str(&self.level)),
            ("final", Value::Bool(self.is_final)),
            ("assessed", Value::int(self.assessed)),
            ("item_count", Value::int(self.item_count)),
            ("best_reachable", Value::decimal(self.best_reachable)),
            ("notice", Value::str(&self.notice)),
            ("sections", Value::list(sections)),
            ("items", Value::list(items)),
        ])
    }

    fn from_node(node: &Node) -> Result<StoredResult, ShapeError> {
        node.object(|f| {
            Ok(StoredResult {
                total: f.required("total")?.decimal()?,
                level: f.required("level")?.string()?,
                is_final: f.required("final")?.bool()?,
                assessed: f.required("assessed")?.int()?,
                item_count: f.required("item_count")?.int()?,
                best_reachable: f.required("best_reachable")?.decimal()?,
                notice: f.required("notice")?.string()?,
                sections: f.required("sections")?.list(|n| {
                    n.object(|f| {
                        Ok(StoredSection {
                            id: f.required("id")?.string()?,
                            name: f.required("name")?.string()?,
                            max: f.required("max")?.decimal()?,
                            score: f.required("score")?.decimal()?,
                        })
                    })
                })?,
                items: f.required("items")?.list(|n| {
                    n.object(|f| {
                        Ok(StoredItem {
                            id: f.required("id")?.string()?,
                            name: f.required("name")?.string()?,
                            max: f.required("max")?.decimal()?,
                            score: f.maybe("score", Node::decimal)?,
                            explanation: f.required("explanation")?.string()?,
                        })
                    })
                })?,
            })
        })
    }
}

/// A plain sentence on what is still open ("尚有 2 项未评；1 个一票否决问题未答"), or empty.
pub fn open_notice(report: &Report) -> String {
    let mut parts = Vec::new();
    let open = report.item_count - report.assessed;
    if open > 0 {
        parts.push(format!("尚有 {open} 项未评"));
    }
    let veto = report.veto_unanswered();
    if veto > 0 {
        parts.push(format!("{veto} 个一票否决问题未答"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}，自评结果尚未最终确定。", parts.join("；"))
    }
}

/// The result as it is written into a file.
pub fn stored_result(rubric: &Rubric, report: &Report) -> StoredResult {
    StoredResult {
        total: report.total,
        level: report.level.label().to_string(),
        is_final: report.is_final,
        assessed: report.assessed,
        item_count: report.item_count,
        best_reachable: report.best_reachable,
        notice: open_notice(report),
        sections: report
            .sections
            .iter()
            .map(|s| StoredSection { id: s.id.clone(), name: s.name.clone(), max: s.max, score: s.score })
            .collect(),
        items: rubric
            .items()
            .zip(&report.items)
            .map(|(item, s)| StoredItem {
                id: s.id.clone(),
                name: item.name.clone(),
                max: s.max,
                score: s.is_counted().then(|| s.counted()),
                explanation: match (&s.outcome, s.confirmed) {
                    (Ok(scored), true) => scored.explanation.clone(),
                    _ => "未评".to_string(),
                },
            })
            .collect(),
    }
}

/// Reads, checks and recomputes a submission file.
///
/// # Errors
/// A [`ReadError`] saying why the whole file is refused.
pub fn read(rubric: &Rubric, bytes: &[u8]) -> Result<Loaded, ReadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { bytes: bytes.len() });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)?;
    let node = parse(text).map_err(|e| ReadError::NotJson(e.to_string()))?;
    read_node(rubric, &node)
}

/// Checks and recomputes a submission file already parsed (the file inside a stored draft).
///
/// # Errors
/// A [`ReadError`] saying why the whole file is refused.
pub fn read_node(rubric: &Rubric, node: &Node) -> Result<Loaded, ReadError> {
    let (node, from) = migrate(node)?;
    let submission = Submission::from_node(&node).map_err(|e| ReadError::Shape(e.to_string()))?;
    check(rubric, submission, from)
}

fn check(rubric: &Rubric, mut submission: Submission, from: u32) -> Result<Loaded, ReadError> {
    if submission.rubric.id != rubric.id || submission.rubric.version != rubric.version {
        return Err(ReadError::WrongRubric { id: submission.rubric.id, version: submission.rubric.version });
    }
    if !YEARS.contains(&submission.year) {
        return Err(ReadError::BadYear(submission.year));
    }
    check_unit(&submission.unit)?;
    if submission.app_version.chars().count() > 64 || submission.saved_at.chars().count() > 64 {
        return Err(ReadError::Shape("app_version 或 saved_at 过长".into()));
    }
    let report = score(rubric, &submission.answers);
    if !report.errors.is_empty() {
        let place = |e: FieldError| WrongValue { place: place(rubric, &e.item, &e.field), error: e };
        return Err(ReadError::Invalid(report.errors.into_iter().map(place).collect()));
    }
    let fresh = stored_result(rubric, &report);
    let mismatches = submission.result.as_ref().map(|stored| compare(stored, &fresh)).unwrap_or_default();
    submission.result = Some(fresh);
    submission.format_version = FORMAT_VERSION;
    Ok(Loaded { submission, report, mismatches, migrated_from: (from < FORMAT_VERSION).then_some(from) })
}

fn check_unit(unit: &Unit) -> Result<(), ReadError> {
    if !unit.declared_level.is_empty() && !DECLARABLE.contains(&unit.declared_level.as_str()) {
        return Err(ReadError::BadUnit {
            field: "申报创建星级",
            why: format!("为“{}”，应为三星、四星或五星", short(&unit.declared_level)),
        });
    }
    let fields = [
        ("站（中心）名称", &unit.name, 200),
        ("办公地址", &unit.address, 500),
        ("站（中心）负责人姓名及职务", &unit.leader, 200),
        ("联系人", &unit.contact, 200),
        ("联系电话", &unit.phone, 50),
        ("自评情况", &unit.self_assessment, MAX_SELF_ASSESSMENT),
    ];
    for (field, text, max) in fields {
        if text.chars().count() > max {
            return Err(ReadError::BadUnit { field, why: format!("超过 {max} 个字") });
        }
    }
    Ok(())
}

/// Every stored figure that differs from the recomputed one.
pub fn compare(stored: &StoredResult, fresh: &StoredResult) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let mut diff = |what: &str, a: String, b: String| {
        if a != b {
            out.push(Mismatch { what: what.to_string(), stored: a, recomputed: b });
        }
    };
    let opt = |d: Option<Decimal>| d.map_or_else(|| "未评".to_string(), fmt_score);
    for item in &fresh.items {
        let old = stored.items.iter().find(|i| i.id == item.id);
        diff(&item.name, old.map_or_else(|| "缺失".to_string(), |i| opt(i.score)), opt(item.score));
    }
    for s in &fresh.sections {
        let old = stored.sections.iter().find(|o| o.id == s.id);
        diff(
            &format!("{}小计", s.name),
            old.map_or_else(|| "缺失".to_string(), |o| fmt_score(o.score)),
            fmt_score(s.score),
        );
    }
    diff("总分", fmt_score(stored.total), fmt_score(fresh.total));
    diff("星级", stored.level.clone(), fresh.level.clone());
    diff("已评项数", stored.assessed.to_string(), fresh.assessed.to_string());
    let yes_no = |b: bool| if b { "已最终确定" } else { "未最终确定" }.to_string();
    diff("结果状态", yes_no(stored.is_final), yes_no(fresh.is_final));
    out
}

/// Brings an older file up to [`FORMAT_VERSION`]; returns it with the version it had. A
/// current file is returned as it is, not copied.
///
/// Version 0 was the pre-release layout: `rubric` a bare id, `unit_name` instead of `unit`,
/// items at the top level with `confirmed: true/false`, veto answers as `true`/`false`/`null`,
/// and no stored result.
///
/// # Errors
/// [`ReadError::NotASubmission`] without the format name or version,
/// [`ReadError::NewerVersion`] for a version this build does not know.
pub fn migrate(node: &Node) -> Result<(Cow<'_, Node>, u32), ReadError> {
    match version_of(node)? {
        FORMAT_VERSION => Ok((Cow::Borrowed(node), FORMAT_VERSION)),
        // A new format version adds the step from the one before here.
        0 => Ok((Cow::Owned(migrate_v0(node.clone())?), 0)),
        newer => Err(ReadError::NewerVersion(newer)),
    }
}

/// The format version of a file: [`ReadError::NotASubmission`] without the format name or a
/// whole version number.
fn version_of(node: &Node) -> Result<u32, ReadError> {
    if node.get("format").and_then(|f| f.str().ok()) != Some(FORMAT) {
        return Err(ReadError::NotASubmission);
    }
    let version = node.get("format_version").and_then(|v| v.int::<u64>().ok()).ok_or(ReadError::NotASubmission)?;
    Ok(u32::try_from(version).unwrap_or(u32::MAX))
}

/// Takes the member `key` out of an object's members.
fn take_member(members: &mut Vec<(String, Node)>, key: &str) -> Option<Node> {
    members.iter().position(|(k, _)| k == key).map(|i| members.remove(i).1)
}

fn migrate_v0(old: Node) -> Result<Node, ReadError> {
    let shape = |what: &str| ReadError::Shape(format!("0 版文件的 {what} 无法识别"));
    let Value::Object(mut old) = old.value else { return Err(ReadError::NotASubmission) };
    let mut take = |key: &str| take_member(&mut old, key);
    let rubric = match take("rubric") {
        Some(Node { value: Value::String(id), .. }) => {
            object(vec![("id", Value::String(id)), ("version", Value::str("1"))])
        }
        _ => return Err(shape("rubric")),
    };
    let name = take("unit_name").unwrap_or(Node::new(Value::str("")));
    let mut items = Vec::new();
    if let Some(Node { value: Value::Object(old_items), .. }) = take("items") {
        for (id, answer) in old_items {
            let line = answer.line;
            let Value::Object(mut answer) = answer.value else { return Err(shape("items")) };
            let confirmed = match take_member(&mut answer, "confirmed").map(|n| n.value) {
                Some(Value::Bool(b)) => b,
                None => false,
                Some(_) => return Err(shape("confirmed")),
            };
            answer.push(("status".into(), Node::new(Value::str(if confirmed { "confirmed" } else { "unassessed" }))));
            items.push((id, Node { line, value: Value::Object(answer) }));
        }
    }
    let mut veto = Vec::new();
    if let Some(Node { value: Value::Object(old_veto), .. }) = take("veto") {
        for (id, v) in old_veto {
            let answer = match v.value {
                Value::Bool(true) => "yes",
                Value::Bool(false) => "no",
                Value::Null => "unanswered",
                _ => return Err(shape("veto")),
            };
            veto.push((id, Node::new(Value::str(answer))));
        }
    }
    let app_version = take("app_version").unwrap_or(Node::new(Value::str("0")));
    let saved_at = take("saved_at").unwrap_or(Node::new(Value::str("")));
    let year = take("year").unwrap_or(Node::new(Value::Null));
    take("format");
    take("format_version");
    if let Some((extra, _)) = old.first() {
        return Err(shape(extra));
    }
    // Moved values keep their lines, so that an error still points into the old file.
    let doc = [
        ("format", Node::new(Value::str(FORMAT))),
        ("format_version", Node::new(Value::int(FORMAT_VERSION))),
        ("rubric", Node::new(rubric)),
        ("app_version", app_version),
        ("saved_at", saved_at),
        ("year", year),
        ("unit", Node::new(Value::Object(vec![("name".into(), name)]))),
        ("answers", Node::new(object(vec![("items", Value::Object(items)), ("veto", Value::Object(veto))]))),
    ];
    Ok(Node::new(Value::Object(doc.into_iter().map(|(k, v)| (k.to_string(), v)).collect())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deeply_nested_junk_is_refused_without_exhausting_the_stack() {
        let rubric = Rubric::shenmu_2024();
        let deep = format!("{}0{}", "[{\"a\":".repeat(50_000), "}]".repeat(50_000));
        for text in [
            format!(r#"{{"junk":{deep},"format":"xingping-submission","format_version":1}}"#),
            format!(r#"{{"format":"xingping-submission","format_version":1,"answers":{deep}}}"#),
            format!(r#"{{"format":"xingping-submission","format_version":0,"items":{deep}}}"#),
            deep.clone(),
        ] {
            assert!(read(rubric, text.as_bytes()).is_err());
        }
    }
}
