//! The submission file, format v1: what a township sends to the city office.
//!
//! Writing computes the result from the answers and puts it in the file so that a person can
//! read it without the app. Reading checks the file whole, migrates older formats, recomputes
//! everything from the answers and reports every stored figure that differs. The layout is
//! documented in `docs/format.md` and `docs/format.schema.json`.

use crate::answers::{Answers, FieldError};
use crate::rubric::Rubric;
use crate::score::{fmt_score, score, Report};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<StoredResult>,
}

/// Which sheet a file was scored against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricRef {
    /// Sheet id, e.g. `shenmu-2024`.
    pub id: String,
    /// Sheet data version.
    pub version: String,
}

/// The 附件1 申报表 fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// 站（中心）名称.
    #[serde(default)]
    pub name: String,
    /// 办公地址.
    #[serde(default)]
    pub address: String,
    /// 申报创建星级: empty, or one of [`DECLARABLE`].
    #[serde(default)]
    pub declared_level: String,
    /// 站（中心）负责人姓名及职务.
    #[serde(default)]
    pub leader: String,
    /// 联系人.
    #[serde(default)]
    pub contact: String,
    /// 联系电话.
    #[serde(default)]
    pub phone: String,
    /// 自评情况.
    #[serde(default)]
    pub self_assessment: String,
}

/// The computed result, stored so that the file reads without the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredResult {
    /// 自评得分.
    pub total: Decimal,
    /// 五星, 四星, 三星, 不予评定 or 一票否决.
    pub level: String,
    /// Whether every item and veto question was answered.
    #[serde(rename = "final")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    Invalid(Vec<FieldError>),
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
                write!(f, "文件使用的评分表为 {id}（版本 {version}），与本程序的评分表不同。")
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
        // Serialising these plain structs cannot fail: every map key is a string.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
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
    // The head first: which format and version. A current file is then read straight into
    // its types; only an older one goes through a JSON tree to be migrated. (One path for
    // the types keeps the page's WebAssembly small.)
    #[derive(Deserialize)]
    struct Head {
        format: Option<String>,
        format_version: Option<u64>,
    }
    let head: Head = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => ReadError::NotASubmission,
        _ => ReadError::NotJson(json_error(&e)),
    })?;
    if head.format.as_deref() != Some(FORMAT) {
        return Err(ReadError::NotASubmission);
    }
    let from = head.format_version.ok_or(ReadError::NotASubmission)?;
    let from = u32::try_from(from).unwrap_or(u32::MAX);
    let submission: Submission = if from == FORMAT_VERSION {
        serde_json::from_str(text).map_err(|e| ReadError::Shape(shape_error(&e)))?
    } else {
        let value: Value = serde_json::from_str(text).map_err(|e| ReadError::NotJson(json_error(&e)))?;
        let (value, _) = migrate(value)?;
        serde_json::from_str(&value.to_string()).map_err(|e| ReadError::Shape(shape_error(&e)))?
    };
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
        return Err(ReadError::Invalid(report.errors));
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
            why: format!("为“{}”，应为三星、四星或五星", unit.declared_level),
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

/// Brings an older file up to [`FORMAT_VERSION`]; returns it with the version it had.
///
/// Version 0 was the pre-release layout: `rubric` a bare id, `unit_name` instead of `unit`,
/// items at the top level with `confirmed: true/false`, veto answers as `true`/`false`/`null`,
/// and no stored result.
///
/// # Errors
/// [`ReadError::NotASubmission`] without the format name or version,
/// [`ReadError::NewerVersion`] for a version this build does not know.
pub fn migrate(value: Value) -> Result<(Value, u32), ReadError> {
    let Value::Object(mut doc) = value else { return Err(ReadError::NotASubmission) };
    if doc.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ReadError::NotASubmission);
    }
    let version = doc.get("format_version").and_then(Value::as_u64).ok_or(ReadError::NotASubmission)?;
    let version = u32::try_from(version).map_err(|_| ReadError::NewerVersion(u32::MAX))?;
    if version > FORMAT_VERSION {
        return Err(ReadError::NewerVersion(version));
    }
    if version == 0 {
        doc = migrate_v0(doc)?;
    }
    Ok((Value::Object(doc), version))
}

fn migrate_v0(mut old: serde_json::Map<String, Value>) -> Result<serde_json::Map<String, Value>, ReadError> {
    let shape = |what: &str| ReadError::Shape(format!("0 版文件的 {what} 无法识别"));
    let rubric = match old.remove("rubric") {
        Some(Value::String(id)) => serde_json::json!({ "id": id, "version": "1" }),
        _ => return Err(shape("rubric")),
    };
    let name = old.remove("unit_name").unwrap_or(Value::String(String::new()));
    let mut items = serde_json::Map::new();
    if let Some(Value::Object(old_items)) = old.remove("items") {
        for (id, v) in old_items {
            let Value::Object(mut answer) = v else { return Err(shape("items")) };
            let confirmed = match answer.remove("confirmed") {
                Some(Value::Bool(b)) => b,
                None => false,
                Some(_) => return Err(shape("confirmed")),
            };
            answer.insert("status".into(), Value::String(if confirmed { "confirmed" } else { "unassessed" }.into()));
            items.insert(id, Value::Object(answer));
        }
    }
    let mut veto = serde_json::Map::new();
    if let Some(Value::Object(old_veto)) = old.remove("veto") {
        for (id, v) in old_veto {
            let answer = match v {
                Value::Bool(true) => "yes",
                Value::Bool(false) => "no",
                Value::Null => "unanswered",
                _ => return Err(shape("veto")),
            };
            veto.insert(id, Value::String(answer.into()));
        }
    }
    let mut doc = serde_json::Map::new();
    doc.insert("format".into(), Value::String(FORMAT.into()));
    doc.insert("format_version".into(), Value::from(FORMAT_VERSION));
    doc.insert("rubric".into(), rubric);
    doc.insert("app_version".into(), old.remove("app_version").unwrap_or(Value::String("0".into())));
    doc.insert("saved_at".into(), old.remove("saved_at").unwrap_or(Value::String(String::new())));
    doc.insert("year".into(), old.remove("year").unwrap_or(Value::Null));
    doc.insert("unit".into(), serde_json::json!({ "name": name }));
    doc.insert("answers".into(), serde_json::json!({ "items": items, "veto": veto }));
    if let Some(extra) = old.keys().find(|k| !matches!(k.as_str(), "format" | "format_version")) {
        return Err(shape(extra));
    }
    Ok(doc)
}

fn json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => format!("内容在第 {} 行意外结束", e.line()),
        _ => format!("第 {} 行第 {} 列有语法错误", e.line(), e.column()),
    }
}

/// Turns serde's English message into a short Chinese one, keeping the field names.
fn shape_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let field = msg.split('`').nth(1).map(str::to_string);
    if msg.starts_with("unknown field") {
        format!("有格式中没有的字段“{}”", field.unwrap_or_default())
    } else if msg.starts_with("missing field") {
        format!("缺少字段“{}”", field.unwrap_or_default())
    } else if msg.starts_with("invalid type") || msg.starts_with("invalid value") {
        let detail =
            msg.split(", expected").next().unwrap_or("").replace("invalid type: ", "").replace("invalid value: ", "");
        // serde names the JSON kind it found in English; say it in Chinese, keep the value.
        let kinds = [
            ("floating point", "小数"),
            ("integer", "整数"),
            ("string", "文本"),
            ("boolean", "真假值"),
            ("map", "对象"),
            ("sequence", "列表"),
            ("null", "空值"),
        ];
        let detail = kinds.iter().fold(detail, |d, (en, zh)| d.replace(en, zh));
        format!("第 {} 行有类型不对的值（{detail}），分数应为文本形式的小数，计数应为整数", e.line())
    } else if msg.starts_with("unknown variant") {
        format!("有无法识别的取值“{}”", field.unwrap_or_default())
    } else {
        format!("无法识别的内容（{msg}）")
    }
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
