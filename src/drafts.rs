//! Drafts as they are kept in the browser, without the browser: the stored envelope around a
//! format-v1 submission, its decoding (with [`crate::submission::migrate`] for older files),
//! the list entry shown for it, and the export file name.

use crate::answers::Answers;
use crate::json::{object, parse, Node, ShapeError, Value};
use crate::rubric::Rubric;
use crate::score::{fmt_score, VETOED};
use crate::submission::{read_node, ReadError, Submission, Unit};

/// The `format` of a stored draft envelope.
pub const DRAFT_FORMAT: &str = "xingping-draft";
/// The envelope version this build writes and the newest it reads.
pub const DRAFT_VERSION: u32 = 1;
/// The app version written into files.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// One stored draft: a name, a revision counter and the submission file it would export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDraft {
    /// Always [`DRAFT_FORMAT`].
    pub format: String,
    /// Always [`DRAFT_VERSION`] when written.
    pub format_version: u32,
    /// Stable id, part of the storage key.
    pub id: String,
    /// The clerk's name for the draft.
    pub name: String,
    /// Bumped by every save; a tab that sees a higher one than it wrote stops writing.
    pub revision: u64,
    /// Last change (RFC 3339).
    pub updated_at: String,
    /// The draft as a submission file (format v1, result included).
    pub file: Submission,
}

/// What is entered in a draft: the 附件1 fields, the year and the answers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    /// The 附件1 fields.
    pub unit: Unit,
    /// The year of the declaration.
    pub year: i32,
    /// The answers.
    pub answers: Answers,
}

impl Draft {
    /// An empty draft for `year`.
    pub fn new(year: i32) -> Draft {
        Draft { year, ..Draft::default() }
    }

    /// The submission file for this draft, with the result computed now.
    pub fn to_submission(&self, rubric: &Rubric, saved_at: &str) -> Submission {
        Submission::new(rubric, self.unit.clone(), self.year, self.answers.clone(), APP_VERSION, saved_at)
    }

    /// The draft inside a submission file.
    pub fn from_submission(file: &Submission) -> Draft {
        Draft { unit: file.unit.clone(), year: file.year, answers: file.answers.clone() }
    }
}

/// Why a stored draft could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    /// The entry is not a draft envelope, or its file is refused.
    Corrupt(String),
    /// Written by a newer 星评; left as it is.
    Newer(u32),
}

impl std::fmt::Display for DraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DraftError::Corrupt(why) => write!(f, "草稿数据已损坏：{why}"),
            DraftError::Newer(v) => write!(f, "草稿由新版星评保存（格式版本 {v}），本程序无法打开，已原样保留。"),
        }
    }
}

impl std::error::Error for DraftError {}

impl StoredDraft {
    /// A new envelope at revision 1.
    pub fn new(rubric: &Rubric, id: &str, name: &str, draft: &Draft, now: &str) -> StoredDraft {
        StoredDraft {
            format: DRAFT_FORMAT.to_string(),
            format_version: DRAFT_VERSION,
            id: id.to_string(),
            name: name.to_string(),
            revision: 1,
            updated_at: now.to_string(),
            file: draft.to_submission(rubric, now),
        }
    }

    /// The stored text.
    pub fn encode(&self) -> String {
        object(vec![
            ("format", Value::str(&self.format)),
            ("format_version", Value::int(self.format_version)),
            ("id", Value::str(&self.id)),
            ("name", Value::str(&self.name)),
            ("revision", Value::int(self.revision)),
            ("updated_at", Value::str(&self.updated_at)),
            ("file", self.file.to_value()),
        ])
        .to_compact()
    }

    /// Reads a stored entry; the file inside is checked and migrated like an imported one.
    ///
    /// # Errors
    /// [`DraftError::Newer`] for a newer envelope or file, [`DraftError::Corrupt`] otherwise.
    pub fn decode(rubric: &Rubric, raw: &str) -> Result<StoredDraft, DraftError> {
        let not_a_draft = |why: String| DraftError::Corrupt(format!("不是星评草稿（{why}）"));
        let node = parse(raw).map_err(|e| not_a_draft(e.to_string()))?;
        let head = Envelope::read(&node).map_err(|e| not_a_draft(e.to_string()))?;
        if head.format.as_deref() != Some(DRAFT_FORMAT) {
            return Err(DraftError::Corrupt("不是星评草稿".into()));
        }
        let version = head.format_version.unwrap_or(0);
        if version > u64::from(DRAFT_VERSION) {
            return Err(DraftError::Newer(u32::try_from(version).unwrap_or(u32::MAX)));
        }
        let loaded = read_node(rubric, head.file).map_err(|e| match e {
            ReadError::NewerVersion(v) => DraftError::Newer(v),
            other => DraftError::Corrupt(other.to_string()),
        })?;
        Ok(StoredDraft {
            format: DRAFT_FORMAT.to_string(),
            format_version: DRAFT_VERSION,
            id: head.id,
            name: head.name,
            revision: head.revision,
            updated_at: head.updated_at,
            file: loaded.submission,
        })
    }

    /// The line shown for this draft in the list.
    pub fn meta(&self) -> DraftMeta {
        let result = self.file.result.as_ref();
        DraftMeta {
            id: self.id.clone(),
            name: self.name.clone(),
            unit: self.file.unit.name.clone(),
            year: self.file.year,
            total: result.map(|r| fmt_score(r.total)).unwrap_or_default(),
            level: result.map(|r| r.level.clone()).unwrap_or_default(),
            assessed: result.map_or(0, |r| r.assessed),
            updated_at: self.updated_at.clone(),
            revision: self.revision,
        }
    }
}

/// A stored entry's own fields, its file not yet read. Fields it does not know are ignored.
struct Envelope<'a> {
    format: Option<String>,
    format_version: Option<u64>,
    id: String,
    name: String,
    revision: u64,
    updated_at: String,
    file: &'a Node,
}

impl Envelope<'_> {
    fn read(node: &Node) -> Result<Envelope<'_>, ShapeError> {
        let mut f = node.fields()?;
        Ok(Envelope {
            format: f.maybe("format", Node::string)?,
            format_version: f.maybe("format_version", Node::int)?,
            id: f.required("id")?.string()?,
            name: f.required("name")?.string()?,
            revision: f.required("revision")?.int()?,
            updated_at: f.required("updated_at")?.string()?,
            file: f.required("file")?,
        })
    }
}

/// The revision of a stored entry, read without checking the rest.
pub fn revision_of(raw: &str) -> Option<u64> {
    parse(raw).ok()?.get("revision")?.int().ok()
}

/// One line of the drafts list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftMeta {
    /// Draft id.
    pub id: String,
    /// Draft name.
    pub name: String,
    /// 站（中心）名称.
    pub unit: String,
    /// Year.
    pub year: i32,
    /// Total, one decimal.
    pub total: String,
    /// Predicted level.
    pub level: String,
    /// Items assessed.
    pub assessed: usize,
    /// Last change.
    pub updated_at: String,
    /// Revision.
    pub revision: u64,
}

/// Replaces characters that file systems refuse (and controls) with `_`.
pub fn safe_file_part(text: &str) -> String {
    let cleaned: String =
        text.trim().chars().map(|c| if c.is_control() || r#"\/:*?"<>|"#.contains(c) { '_' } else { c }).collect();
    let cleaned = cleaned.trim_matches('.').trim();
    let cut: String = cleaned.chars().take(60).collect();
    if cut.is_empty() {
        "未命名".to_string()
    } else {
        cut
    }
}

/// `星级自评-<站（中心）名称>-<year>-<total>分.json`, with `-一票否决` after a vetoed total and
/// `-未最终确定` after one that is not final, so that a folder of files does not read a void
/// or partial total as a result.
pub fn export_file_name(file: &Submission) -> String {
    let (total, state) = match &file.result {
        Some(r) if r.level == VETOED => (fmt_score(r.total), "-一票否决"),
        Some(r) => (fmt_score(r.total), if r.is_final { "" } else { "-未最终确定" }),
        None => ("0.0".to_string(), "-未最终确定"),
    };
    format!("星级自评-{}-{}-{total}分{state}.json", safe_file_part(&file.unit.name), file.year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{ItemAnswer, Status};

    fn sample() -> StoredDraft {
        let rubric = Rubric::shenmu_2024();
        let mut draft = Draft::new(2026);
        draft.unit.name = "神木市滨河新区/街道:便民*服务中心".into();
        draft.answers.items.insert(
            "site.areas".into(),
            ItemAnswer {
                status: Status::Confirmed, present: ["取号区".to_string()].into(), ..ItemAnswer::default()
            },
        );
        StoredDraft::new(rubric, "d1", "今年", &draft, "2026-04-01T08:00:00Z")
    }

    #[test]
    fn it_round_trips_a_draft() {
        let d = sample();
        let back = StoredDraft::decode(Rubric::shenmu_2024(), &d.encode()).expect("decodes");
        assert_eq!(back, d);
        assert_eq!(revision_of(&d.encode()), Some(1));
        assert_eq!(Draft::from_submission(&back.file).answers, d.file.answers);
    }

    #[test]
    fn it_lists_a_draft_with_its_figures() {
        let m = sample().meta();
        assert_eq!(
            (m.name.as_str(), m.year, m.total.as_str(), m.level.as_str(), m.assessed),
            ("今年", 2026, "0.5", "不予评定", 1)
        );
    }

    #[test]
    fn it_migrates_an_old_file_inside_a_draft() {
        let raw = r#"{"format":"xingping-draft","format_version":1,"id":"old","name":"旧草稿","revision":3,
            "updated_at":"2025-01-01T00:00:00Z","file":{"format":"xingping-submission","format_version":0,
            "rubric":"shenmu-2024","unit_name":"某镇","year":2025,
            "items":{"site.signage":{"confirmed":true,"flags":{"no_sign":true}}},"veto":{"veto.incident":false}}}"#;
        let d = StoredDraft::decode(Rubric::shenmu_2024(), raw).expect("migrates");
        assert_eq!(d.file.format_version, 1);
        assert_eq!(d.file.unit.name, "某镇");
        assert_eq!(d.meta().total, "1.0");
        assert_eq!(d.revision, 3);
    }

    #[test]
    fn it_refuses_corrupt_and_newer_entries() {
        let rubric = Rubric::shenmu_2024();
        assert!(matches!(StoredDraft::decode(rubric, "{not json"), Err(DraftError::Corrupt(_))));
        assert!(matches!(StoredDraft::decode(rubric, r#"{"format":"other"}"#), Err(DraftError::Corrupt(_))));
        let other = sample().encode().replace(DRAFT_FORMAT, "other");
        assert!(matches!(StoredDraft::decode(rubric, &other), Err(DraftError::Corrupt(_))));
        let newer = sample().encode().replace(r#""format_version":1,"id""#, r#""format_version":2,"id""#);
        assert_eq!(StoredDraft::decode(rubric, &newer), Err(DraftError::Newer(2)));
        let bad_value = sample().encode().replace(r#""present":["取号区"]"#, r#""present":["母婴室"]"#);
        assert!(matches!(StoredDraft::decode(rubric, &bad_value), Err(DraftError::Corrupt(_))));
    }

    #[test]
    fn it_names_the_export_file_safely() {
        let d = sample();
        assert_eq!(export_file_name(&d.file), "星级自评-神木市滨河新区_街道_便民_服务中心-2026-0.5分-未最终确定.json");
        // A vetoed total says so in the name; a final one needs no word.
        let rubric = Rubric::shenmu_2024();
        let mut draft = Draft::from_submission(&d.file);
        draft.answers.veto.insert("veto.accident".into(), crate::answers::VetoAnswer::Yes);
        let vetoed = StoredDraft::new(rubric, "d2", "否决", &draft, "2026-04-01T08:00:00Z");
        assert_eq!(
            export_file_name(&vetoed.file),
            "星级自评-神木市滨河新区_街道_便民_服务中心-2026-0.5分-一票否决.json"
        );
        let mut file = d.file.clone();
        if let Some(r) = file.result.as_mut() {
            r.is_final = true;
        }
        assert_eq!(export_file_name(&file), "星级自评-神木市滨河新区_街道_便民_服务中心-2026-0.5分.json");
        assert_eq!(safe_file_part("  ..  "), "未命名");
        assert_eq!(safe_file_part("a\u{0}b"), "a_b");
    }
}
