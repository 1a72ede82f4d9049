//! What the clerk entered: one [`ItemAnswer`] per item and one [`VetoAnswer`] per 一票否决
//! question, and the errors a value can have.
//!
//! Answers hold only what the user typed or ticked; every score is derived from them by
//! [`crate::score`]. The same structs are the `answers` of the submission file and of a draft.

use crate::json::{object, short, Node, ShapeError, Value};
use crate::keyed::{Keyed, Names};
use rust_decimal::Decimal;

/// The longest note (整改说明 / 佐证材料) or reason, in characters.
pub const MAX_TEXT: usize = 2_000;
/// The longest name of a thing the clerk adds to a list, in characters.
pub const MAX_NAME: usize = 50;
/// The most names a clerk may add to one list.
pub const MAX_OTHERS: usize = 50;
/// The most honours listed for one item.
pub const MAX_HONOURS: usize = 100;

/// Everything entered for one sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    /// Per item id. An item that is absent is 未评 with nothing entered.
    pub items: Keyed<ItemAnswer>,
    /// Per veto id. An absent question is 未答.
    pub veto: Keyed<VetoAnswer>,
}

/// Whether the clerk has confirmed an item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Status {
    /// 未评: not yet assessed; counts as 0 in the total.
    #[default]
    Unassessed,
    /// 已评: confirmed by the clerk.
    Confirmed,
}

/// What was entered for one item. Which fields matter depends on the item's rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemAnswer {
    /// 未评 or 已评.
    pub status: Status,
    /// Yes/no answers by input id (a deficiency for a deduction, the condition for an award).
    pub flags: Keyed<bool>,
    /// Counts by input id. Signed, so that a negative count is an explained error.
    pub counts: Keyed<i64>,
    /// Decimals by input id: `score` (discretionary), `rate` (满意率 %), or a points deduction.
    pub decimals: Keyed<Decimal>,
    /// Names of the item's list ticked as present.
    pub present: Names,
    /// Things the clerk added where the sheet says 等.
    pub others: Vec<String>,
    /// The reason for a discretionary score below full marks or a points deduction.
    pub reason: String,
    /// Honours backing a discretionary score (创新做法).
    pub honours: Vec<Honour>,
    /// 整改说明 / 佐证材料.
    pub note: String,
}

/// One honour: 表彰, 通报表扬, media coverage or a leader's 批示.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Honour {
    /// One of the item's honour kinds.
    pub kind: String,
    /// Date as `YYYY-MM-DD`.
    pub date: String,
    /// Who awarded or published it.
    pub source: String,
}

/// The answer to one 一票否决 question.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum VetoAnswer {
    /// 未答.
    #[default]
    Unanswered,
    /// 否.
    No,
    /// 是: the veto applies.
    Yes,
}

impl VetoAnswer {
    /// The answer's name in files: `unanswered`, `no` or `yes`.
    pub fn key(self) -> &'static str {
        match self {
            VetoAnswer::Unanswered => "unanswered",
            VetoAnswer::No => "no",
            VetoAnswer::Yes => "yes",
        }
    }
}

impl Answers {
    /// The `answers` object of a file.
    pub fn to_value(&self) -> Value {
        object(vec![
            ("items", map(&self.items, ItemAnswer::to_value)),
            ("veto", map(&self.veto, |v| Value::str(v.key()))),
        ])
    }

    /// Reads the `answers` object of a file.
    ///
    /// # Errors
    /// A [`ShapeError`] for an unknown field or a value of the wrong type.
    pub fn from_node(node: &Node) -> Result<Answers, ShapeError> {
        node.object(|f| {
            Ok(Answers {
                items: f.or_default("items", |n| keyed(n, ItemAnswer::from_node))?,
                veto: f.or_default("veto", |n| keyed(n, VetoAnswer::from_node))?,
            })
        })
    }
}

/// A map written as an object.
fn map<V>(entries: &Keyed<V>, write: impl Fn(&V) -> Value) -> Value {
    Value::Object(entries.iter().map(|(k, v)| (k.clone(), Node::new(write(v)))).collect())
}

/// An object read as a map from its keys (a repeated key keeps its last value).
fn keyed<V>(node: &Node, read: impl Fn(&Node) -> Result<V, ShapeError>) -> Result<Keyed<V>, ShapeError> {
    node.members()?.iter().map(|(k, v)| Ok((k.clone(), read(v)?))).collect()
}

impl ItemAnswer {
    /// Only what was entered: empty fields are left out.
    fn to_value(&self) -> Value {
        let mut members = vec![("status", Value::str(self.status.key()))];
        let strings = |list: &mut dyn Iterator<Item = &String>| Value::list(list.map(|n| Value::str(n)));
        let fields = [
            ("flags", self.flags.is_empty(), map(&self.flags, |v| Value::Bool(*v))),
            ("counts", self.counts.is_empty(), map(&self.counts, |n| Value::int(n))),
            ("decimals", self.decimals.is_empty(), map(&self.decimals, |d| Value::decimal(*d))),
            ("present", self.present.is_empty(), strings(&mut self.present.iter())),
            ("others", self.others.is_empty(), strings(&mut self.others.iter())),
            ("reason", self.reason.is_empty(), Value::str(&self.reason)),
            ("honours", self.honours.is_empty(), Value::list(self.honours.iter().map(Honour::to_value))),
            ("note", self.note.is_empty(), Value::str(&self.note)),
        ];
        members.extend(fields.into_iter().filter(|(_, empty, _)| !empty).map(|(key, _, value)| (key, value)));
        object(members)
    }

    fn from_node(node: &Node) -> Result<ItemAnswer, ShapeError> {
        node.object(|f| {
            Ok(ItemAnswer {
                status: f.or_default("status", Status::from_node)?,
                flags: f.or_default("flags", |n| keyed(n, Node::bool))?,
                counts: f.or_default("counts", |n| keyed(n, Node::int::<i64>))?,
                decimals: f.or_default("decimals", |n| keyed(n, Node::decimal))?,
                present: f.or_default("present", |n| Ok(n.list(Node::string)?.into_iter().collect()))?,
                others: f.or_default("others", |n| n.list(Node::string))?,
                reason: f.or_default("reason", Node::string)?,
                honours: f.or_default("honours", |n| n.list(Honour::from_node))?,
                note: f.or_default("note", Node::string)?,
            })
        })
    }
}

impl Honour {
    fn to_value(&self) -> Value {
        object(vec![
            ("kind", Value::str(&self.kind)),
            ("date", Value::str(&self.date)),
            ("source", Value::str(&self.source)),
        ])
    }

    fn from_node(node: &Node) -> Result<Honour, ShapeError> {
        node.object(|f| {
            Ok(Honour {
                kind: f.required("kind")?.string()?,
                date: f.required("date")?.string()?,
                source: f.required("source")?.string()?,
            })
        })
    }
}

impl Status {
    /// The status's name in files: `unassessed` or `confirmed`.
    pub fn key(self) -> &'static str {
        match self {
            Status::Unassessed => "unassessed",
            Status::Confirmed => "confirmed",
        }
    }

    fn from_node(node: &Node) -> Result<Status, ShapeError> {
        match node.str()? {
            "unassessed" => Ok(Status::Unassessed),
            "confirmed" => Ok(Status::Confirmed),
            other => Err(ShapeError::Variant(other.to_string())),
        }
    }
}

impl VetoAnswer {
    fn from_node(node: &Node) -> Result<VetoAnswer, ShapeError> {
        match node.str()? {
            "unanswered" => Ok(VetoAnswer::Unanswered),
            "no" => Ok(VetoAnswer::No),
            "yes" => Ok(VetoAnswer::Yes),
            other => Err(ShapeError::Variant(other.to_string())),
        }
    }
}

/// Input ids used by rule kinds that have no terms in the data.
pub mod input {
    /// The discretionary score.
    pub const SCORE: &str = "score";
    /// 满意率 in percent.
    pub const RATE: &str = "rate";
    /// 满意份数.
    pub const SATISFIED: &str = "satisfied";
    /// 有效问卷份数.
    pub const VALID: &str = "valid";
    /// 未按要求整改次数.
    pub const UNRECTIFIED: &str = "unrectified";
    /// The reason text.
    pub const REASON: &str = "reason";
    /// The note text.
    pub const NOTE: &str = "note";
    /// The item's named list.
    pub const PRESENT: &str = "present";
    /// The names added by the clerk.
    pub const OTHERS: &str = "others";
    /// The honours list.
    pub const HONOURS: &str = "honours";

    /// The Chinese name of one of these inputs, as the form labels it.
    pub fn label(field: &str) -> Option<&'static str> {
        Some(match field {
            SCORE => "得分",
            RATE => "满意率",
            SATISFIED => "满意份数",
            VALID => "有效问卷份数",
            UNRECTIFIED => "未按要求整改",
            REASON => "理由",
            NOTE => "整改说明 / 佐证材料",
            OTHERS => "其他",
            HONOURS => "荣誉与成效",
            _ => return None,
        })
    }
}

/// What is wrong with one value. Each variant reads as one Chinese sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Nothing entered where a value is needed.
    Missing,
    /// Text that is not a number.
    NotANumber,
    /// A number with more digits than can be kept exactly (rounding it would change it).
    TooManyDigits,
    /// A number with a fraction where a whole number is needed.
    NotWhole,
    /// A negative number.
    Negative,
    /// A count above its bound; `of` says what bounds it.
    TooMany {
        /// The largest allowed count.
        max: i64,
        /// What bounds it, e.g. 所列窗口共 3 个.
        of: String,
    },
    /// A decimal outside `[min, max]`.
    OutOfRange {
        /// Lowest allowed value.
        min: Decimal,
        /// Highest allowed value.
        max: Decimal,
    },
    /// More decimal places than allowed.
    TooPrecise {
        /// Places allowed.
        places: u32,
    },
    /// Not a multiple of the step.
    NotAStep {
        /// The step.
        step: Decimal,
    },
    /// 满意份数 above 有效问卷份数.
    SatisfiedAboveValid,
    /// 有效问卷份数 of 0.
    NoValidQuestionnaires,
    /// Both a rate and questionnaire counts were given.
    BothSurveyModes,
    /// A reason is required (score below full marks, or a points deduction).
    ReasonRequired,
    /// Text longer than allowed.
    TooLong {
        /// Characters allowed.
        max: usize,
    },
    /// Too many entries in a list.
    TooManyEntries {
        /// Entries allowed.
        max: usize,
    },
    /// An input id the rule does not have.
    UnknownInput,
    /// A ticked name that is not in the item's list.
    UnknownName(String),
    /// An added name that is empty.
    EmptyName,
    /// An added name given twice, or one that is already in the list.
    DuplicateName(String),
    /// A date that is not `YYYY-MM-DD`.
    BadDate,
    /// An honour kind the item does not list.
    UnknownHonour(String),
    /// An honour with no source.
    MissingSource,
    /// An item or veto id the sheet does not have.
    UnknownItem,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::Missing => write!(f, "请填写此项"),
            InputError::NotANumber => write!(f, "请输入数字"),
            InputError::TooManyDigits => write!(f, "数字位数过多，请检查是否多打了数字"),
            InputError::NotWhole => write!(f, "请输入整数"),
            InputError::Negative => write!(f, "不能为负数"),
            InputError::TooMany { max, of } => write!(f, "不能超过 {max}（{of}）"),
            InputError::OutOfRange { min, max } => write!(f, "须在 {min} 到 {max} 之间"),
            InputError::TooPrecise { places } => write!(f, "最多 {places} 位小数"),
            InputError::NotAStep { step } => write!(f, "须为 {step} 的整数倍"),
            InputError::SatisfiedAboveValid => write!(f, "满意份数不能大于有效问卷份数"),
            InputError::NoValidQuestionnaires => write!(f, "有效问卷份数须大于 0"),
            InputError::BothSurveyModes => write!(f, "满意率与问卷份数只能填写一种"),
            InputError::ReasonRequired => write!(f, "请填写理由（低于满分或有扣分时必填）"),
            InputError::TooLong { max } => write!(f, "最多 {max} 个字"),
            InputError::TooManyEntries { max } => write!(f, "最多 {max} 条"),
            InputError::UnknownInput => write!(f, "评分表中本项没有这个输入"),
            InputError::UnknownName(n) => write!(f, "“{}”不在本项所列名单中", short(n)),
            InputError::EmptyName => write!(f, "名称不能为空"),
            InputError::DuplicateName(n) => write!(f, "“{}”与已列出的名称重复", short(n)),
            InputError::BadDate => write!(f, "日期格式应为 年-月-日，如 2025-03-01"),
            InputError::UnknownHonour(k) => write!(f, "“{}”不是本项所列的荣誉类别", short(k)),
            InputError::MissingSource => write!(f, "请填写授予或刊登单位"),
            InputError::UnknownItem => write!(f, "评分表中没有这一项"),
        }
    }
}

impl std::error::Error for InputError {}

/// One value's error, located by item (or veto) id and input id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Item or veto id.
    pub item: String,
    /// Input id within the item (see [`input`] and the rubric's term ids).
    pub field: String,
    /// What is wrong.
    pub error: InputError,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}：{}", short(&self.item), self.error)
        } else {
            write!(f, "{} / {}：{}", short(&self.item), short(&self.field), self.error)
        }
    }
}

/// Turns full-width digits and punctuation (typed with a Chinese input method) into ASCII.
pub(crate) fn normalise(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            '－' => '-',
            '％' => '%',
            _ => c,
        })
        .collect()
}

/// Reads a whole count typed by the clerk.
///
/// # Errors
/// [`InputError::Missing`] for empty text, [`InputError::NotWhole`] for a fraction,
/// [`InputError::Negative`], [`InputError::NotANumber`] or [`InputError::TooManyDigits`].
pub fn parse_count(text: &str) -> Result<i64, InputError> {
    let value = parse_decimal(text)?;
    if !value.fract().is_zero() {
        return Err(InputError::NotWhole);
    }
    if value.is_sign_negative() && !value.is_zero() {
        return Err(InputError::Negative);
    }
    i64::try_from(value).map_err(|_| InputError::TooManyDigits)
}

/// Reads a decimal typed by the clerk; a trailing `%` is allowed.
///
/// # Errors
/// [`InputError::Missing`] for empty text, [`InputError::TooManyDigits`] for more digits
/// than a decimal keeps exactly, [`InputError::NotANumber`] otherwise.
pub fn parse_decimal(text: &str) -> Result<Decimal, InputError> {
    let text = normalise(text);
    let text = text.strip_suffix('%').unwrap_or(&text).trim();
    if text.is_empty() {
        return Err(InputError::Missing);
    }
    // `Decimal::from_str` accepts forms such as "1_000" or "1e3" that a clerk would not
    // mean; only plain digits with one optional point and sign are numbers here.
    let plain = text.strip_prefix('-').unwrap_or(text);
    let digits_and_one_point = plain.chars().all(|c| c.is_ascii_digit() || c == '.')
        && plain.chars().filter(|c| *c == '.').count() <= 1
        && plain.chars().any(|c| c.is_ascii_digit());
    if !digits_and_one_point {
        return Err(InputError::NotANumber);
    }
    // More than 28 digits would be rounded by `from_str` (7.99…9 with 29 nines became 8, full
    // marks); the text is plain digits by now, so the only failure left is too many of them.
    Decimal::from_str_exact(text).map_err(|_| InputError::TooManyDigits)
}

/// Checks a `YYYY-MM-DD` date (a real calendar day).
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return false };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn it_parses_counts_as_a_clerk_types_them() {
        let cases: &[(&str, Result<i64, InputError>)] = &[
            ("3", Ok(3)),
            (" 12 ", Ok(12)),
            ("３", Ok(3)),
            ("0", Ok(0)),
            ("", Err(InputError::Missing)),
            ("abc", Err(InputError::NotANumber)),
            ("1e3", Err(InputError::NotANumber)),
            ("1.5", Err(InputError::NotWhole)),
            ("-1", Err(InputError::Negative)),
            ("99999999999999999999999", Err(InputError::TooManyDigits)),
        ];
        for (text, want) in cases {
            assert_eq!(&parse_count(text), want, "{text:?}");
        }
    }

    #[test]
    fn it_parses_decimals_and_rates() {
        let cases: &[(&str, Result<Decimal, InputError>)] = &[
            ("98.75", Ok(dec!(98.75))),
            ("98.75%", Ok(dec!(98.75))),
            ("９８．７５％", Ok(dec!(98.75))),
            ("100", Ok(dec!(100))),
            ("-0.5", Ok(dec!(-0.5))),
            ("1.2.3", Err(InputError::NotANumber)),
            (".", Err(InputError::NotANumber)),
            ("%", Err(InputError::Missing)),
            ("九十", Err(InputError::NotANumber)),
            // Digits beyond what a decimal keeps exactly are refused, never rounded.
            ("7.99999999999999999999999999999", Err(InputError::TooManyDigits)),
            ("99.9999999999999999999999999999", Err(InputError::TooManyDigits)),
            ("99999999999999999999999999999999", Err(InputError::TooManyDigits)),
            ("7.999999999999999999999999999", Ok(dec!(7.999999999999999999999999999))),
        ];
        for (text, want) in cases {
            assert_eq!(&parse_decimal(text), want, "{text:?}");
        }
    }

    #[test]
    fn it_checks_dates() {
        for good in ["2025-03-01", "2024-02-29", "2026-12-31"] {
            assert!(is_date(good), "{good}");
        }
        for bad in ["2025-02-29", "2025-13-01", "2025-3-1", "20250301", "", "2025-00-10"] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn its_errors_read_as_chinese_sentences() {
        let e = InputError::TooMany { max: 6, of: "所列功能区共 6 处".into() };
        assert_eq!(e.to_string(), "不能超过 6（所列功能区共 6 处）");
        assert_eq!(InputError::NotAStep { step: dec!(0.1) }.to_string(), "须为 0.1 的整数倍");
    }
}
