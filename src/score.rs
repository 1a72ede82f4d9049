//! The scoring engine: rubric + answers → item scores with explanations, subtotals, total,
//! veto state and the predicted level. Pure functions over [`Decimal`]; no I/O, no floats.

use crate::answers::{input, is_date, Answers, FieldError, Honour, InputError, ItemAnswer, Status, VetoAnswer};
use crate::answers::{MAX_HONOURS, MAX_NAME, MAX_OTHERS, MAX_TEXT};
use crate::json::short;
use crate::keyed::Names;
use crate::rubric::{Bound, Item, Rubric, Rule, Term};
use rust_decimal::Decimal;

/// The result shown for 一票否决.
pub const VETOED: &str = "一票否决";

/// What follows a vetoed total wherever it is written (rubric.md: "struck through or marked as
/// void").
pub const VOID_MARK: &str = "（一票否决，总分作废）";
/// The result shown below the lowest star level.
pub const UNRATED: &str = "不予评定";

/// A scored item: its score and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scored {
    /// The item score, within `[0, max]`.
    pub score: Decimal,
    /// One line of Chinese arithmetic, e.g. `3 − 2（未设置服务站（中心）标识）= 1`.
    pub explanation: String,
}

/// One item's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemScore {
    /// Item id.
    pub id: String,
    /// The item's 分值.
    pub max: Decimal,
    /// Whether the clerk confirmed the item.
    pub confirmed: bool,
    /// The score, or every error of its inputs.
    pub outcome: Result<Scored, Vec<FieldError>>,
}

impl ItemScore {
    /// What the item adds to the total: its score when confirmed and valid, else 0.
    pub fn counted(&self) -> Decimal {
        match (&self.outcome, self.confirmed) {
            (Ok(s), true) => s.score,
            _ => Decimal::ZERO,
        }
    }

    /// Whether the item adds to the total.
    pub fn is_counted(&self) -> bool {
        self.confirmed && self.outcome.is_ok()
    }

    /// Points lost on a confirmed item (0 at full marks); `None` when not counted.
    pub fn lost(&self) -> Option<Decimal> {
        self.is_counted().then(|| self.max - self.counted())
    }
}

/// One section's subtotal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionScore {
    /// Section id.
    pub id: String,
    /// Section name.
    pub name: String,
    /// Section 分值.
    pub max: Decimal,
    /// Sum of its counted item scores.
    pub score: Decimal,
}

/// The predicted result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Level {
    /// A star level, by name (五星, 四星, 三星).
    Star(String),
    /// Below the lowest level: 不予评定.
    Unrated,
    /// A veto question is answered 是: 一票否决.
    Vetoed,
}

impl Level {
    /// The name shown to people and written in files.
    pub fn label(&self) -> &str {
        match self {
            Level::Star(name) => name,
            Level::Unrated => UNRATED,
            Level::Vetoed => VETOED,
        }
    }
}

/// The next level up and the points still needed for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextLevel {
    /// Its name.
    pub name: String,
    /// Points still needed.
    pub needed: Decimal,
}

/// Everything derived from one set of answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Per item, in the sheet's order.
    pub items: Vec<ItemScore>,
    /// Per section, in the sheet's order.
    pub sections: Vec<SectionScore>,
    /// Sum of counted item scores.
    pub total: Decimal,
    /// Items confirmed and valid.
    pub assessed: usize,
    /// Items on the sheet (21).
    pub item_count: usize,
    /// The total if every item not yet counted got full marks.
    pub best_reachable: Decimal,
    /// Veto answers in the sheet's order (id, answer).
    pub veto: Vec<(String, VetoAnswer)>,
    /// The predicted level.
    pub level: Level,
    /// The level the total alone gives, ignoring a veto.
    pub level_by_total: Level,
    /// Whether every item and both veto questions are answered.
    pub is_final: bool,
    /// The next level up, unless at the top or vetoed.
    pub next: Option<NextLevel>,
    /// Errors that make the answers invalid (a file with any is refused).
    pub errors: Vec<FieldError>,
}

impl Report {
    /// Whether any veto question is answered 是.
    pub fn vetoed(&self) -> bool {
        self.level == Level::Vetoed
    }

    /// Veto questions still 未答.
    pub fn veto_unanswered(&self) -> usize {
        self.veto.iter().filter(|(_, a)| *a == VetoAnswer::Unanswered).count()
    }

    /// The outcome of one item.
    pub fn item(&self, id: &str) -> Option<&ItemScore> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// Formats a score with one decimal, as every score is shown.
pub fn fmt_score(d: Decimal) -> String {
    format!("{:.1}", d.round_dp(1))
}

/// Formats a parameter or count in its shortest form (2, 0.2, 98.75).
pub fn fmt_num(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Scores every item, the sections, the total and the level.
pub fn score(rubric: &Rubric, answers: &Answers) -> Report {
    let empty = ItemAnswer::default();
    let mut errors = Vec::new();
    for id in answers.items.keys().filter(|id| rubric.item(id).is_none()) {
        errors.push(err(id, "", InputError::UnknownItem));
    }
    for id in answers.veto.keys().filter(|id| !rubric.veto.items.iter().any(|v| &v.id == *id)) {
        errors.push(err(id, "", InputError::UnknownItem));
    }

    let mut items = Vec::new();
    let mut sections = Vec::new();
    for section in &rubric.sections {
        let mut subtotal = Decimal::ZERO;
        for item in &section.items {
            let answer = answers.items.get(&item.id).unwrap_or(&empty);
            let scored = ItemScore {
                id: item.id.clone(),
                max: item.max,
                confirmed: answer.status == Status::Confirmed,
                outcome: score_item(item, answer),
            };
            if let Err(e) = &scored.outcome {
                errors.extend(blocking(e, scored.confirmed));
            }
            subtotal += scored.counted();
            items.push(scored);
        }
        sections.push(SectionScore {
            id: section.id.clone(),
            name: section.name.clone(),
            max: section.max,
            score: subtotal,
        });
    }

    let total: Decimal = sections.iter().map(|s| s.score).sum();
    let assessed = items.iter().filter(|i| i.is_counted()).count();
    let best_reachable = total + items.iter().filter(|i| !i.is_counted()).map(|i| i.max).sum::<Decimal>();
    let veto: Vec<(String, VetoAnswer)> = rubric
        .veto
        .items
        .iter()
        .map(|v| (v.id.clone(), answers.veto.get(&v.id).copied().unwrap_or_default()))
        .collect();
    let vetoed = veto.iter().any(|(_, a)| *a == VetoAnswer::Yes);
    let level_by_total = level_for(rubric, total);
    let next = if vetoed { None } else { next_level(rubric, total) };
    let is_final = assessed == items.len() && veto.iter().all(|(_, a)| *a != VetoAnswer::Unanswered);
    Report {
        item_count: items.len(),
        level: if vetoed { Level::Vetoed } else { level_by_total.clone() },
        level_by_total,
        items,
        sections,
        total,
        assessed,
        best_reachable,
        veto,
        is_final,
        next,
        errors,
    }
}

/// The level a total reaches (lower bounds inclusive, as in "95分（含）以上").
pub fn level_for(rubric: &Rubric, total: Decimal) -> Level {
    rubric.levels.iter().find(|l| total >= l.min).map_or(Level::Unrated, |l| Level::Star(l.name.clone()))
}

fn next_level(rubric: &Rubric, total: Decimal) -> Option<NextLevel> {
    rubric
        .levels
        .iter()
        .filter(|l| l.min > total)
        .min_by_key(|l| l.min)
        .map(|l| NextLevel { name: l.name.clone(), needed: l.min - total })
}

/// The errors that stop an item's answer from being kept: all of them for a confirmed item;
/// for an unassessed one, all but values not yet entered.
pub fn blocking(errors: &[FieldError], confirmed: bool) -> Vec<FieldError> {
    errors.iter().filter(|e| confirmed || e.error != InputError::Missing).cloned().collect()
}

/// Checks an item's answer as the page keeps it: `Ok` when it may replace the stored one.
///
/// # Errors
/// The [`blocking`] errors of the answer.
pub fn check_item(item: &Item, answer: &ItemAnswer) -> Result<(), Vec<FieldError>> {
    match score_item(item, answer) {
        Ok(_) => Ok(()),
        Err(e) => {
            let e = blocking(&e, answer.status == Status::Confirmed);
            if e.is_empty() {
                Ok(())
            } else {
                Err(e)
            }
        }
    }
}

/// Where an answer is, in the sheet's words: 群众满意度（满意率）. An id the sheet does not
/// know is shown as it is.
pub fn place(rubric: &Rubric, item: &str, field: &str) -> String {
    let Some(found) = rubric.item(item) else {
        let veto = rubric.veto.items.iter().find(|v| v.id == item);
        return veto.map_or_else(|| short(item), |v| format!("一票否决：{}", v.name));
    };
    if field.is_empty() {
        return found.name.clone();
    }
    let term_label = |t: &Term| match t {
        Term::Flag { id, label, .. } | Term::Count { id, label, .. } | Term::Points { id, label, .. } => {
            (id == field).then(|| label.clone())
        }
        Term::Missing { label, .. } => (field == input::PRESENT).then(|| label.clone()),
    };
    let label = match &found.rule {
        Rule::Deduct { terms } => terms.iter().find_map(term_label),
        Rule::Add { label, .. } => (field == input::PRESENT).then(|| label.clone()),
        Rule::Award { id, label } => (id == field).then(|| label.clone()),
        Rule::Discretionary { .. } | Rule::Survey { .. } => None,
    };
    let label = label.or_else(|| input::label(field).map(str::to_string)).unwrap_or_else(|| short(field));
    format!("{}（{label}）", found.name)
}

fn err(item: &str, field: &str, error: InputError) -> FieldError {
    FieldError { item: item.to_string(), field: field.to_string(), error }
}

/// What is wrong with `name` as a "其他" entry, given the names already `taken` as `key`
/// spells them.
fn name_error(taken: &Names, name: &str, key: fn(&str) -> String) -> Option<InputError> {
    let name = name.trim();
    if name.is_empty() {
        Some(InputError::EmptyName)
    } else if name.chars().count() > MAX_NAME {
        Some(InputError::TooLong { max: MAX_NAME })
    } else if taken.contains(&key(name)) {
        Some(InputError::DuplicateName(name.to_string()))
    } else {
        None
    }
}

/// A name as the engine compares it: trimmed. Stored drafts and files were written under
/// this rule, so it stays.
fn trimmed(name: &str) -> String {
    name.trim().to_string()
}

/// A name as 添加 compares it, more strictly: without any whitespace ("供 水" is "供水").
fn squashed(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What is wrong with `name` as one more "其他" entry of an item that lists `names` and has
/// `others` already. The page asks this before adding a name: the engine's checks, with
/// names compared without whitespace.
pub fn other_error(names: &[String], others: &[String], name: &str) -> Option<InputError> {
    if others.len() >= MAX_OTHERS {
        return Some(InputError::TooManyEntries { max: MAX_OTHERS });
    }
    let taken: Names = names.iter().chain(others).map(|n| squashed(n)).collect();
    name_error(&taken, name, squashed)
}

/// What is wrong with one honour of 创新做法, each error with the part it is about (`"kind"`,
/// `"date"` or `"source"`), so the page can show it beside that part of the row.
pub fn honour_errors(h: &Honour, kinds: &[String]) -> Vec<(&'static str, InputError)> {
    let mut out = Vec::new();
    if !kinds.contains(&h.kind) {
        out.push(("kind", InputError::UnknownHonour(h.kind.clone())));
    }
    if h.date.trim().is_empty() {
        out.push(("date", InputError::Missing));
    } else if !is_date(&h.date) {
        out.push(("date", InputError::BadDate));
    }
    if h.source.trim().is_empty() {
        out.push(("source", InputError::MissingSource));
    } else if h.source.chars().count() > MAX_NAME * 4 {
        out.push(("source", InputError::TooLong { max: MAX_NAME * 4 }));
    }
    out
}

/// Scores one item from its answer, whether or not it is confirmed.
///
/// # Errors
/// Every error of the answer's values, each located by input id.
pub fn score_item(item: &Item, answer: &ItemAnswer) -> Result<Scored, Vec<FieldError>> {
    let mut c = Check { item: &item.id, errors: Vec::new() };
    c.text(input::NOTE, &answer.note);
    c.text(input::REASON, &answer.reason);
    let scored = match &item.rule {
        Rule::Deduct { terms } => deduct(&mut c, item, terms, answer),
        Rule::Add { label, names, others, points, cap } => {
            c.only(answer, &[], &[], &[], true, *others, false, false);
            let ticked = c.present(answer, names);
            if *others {
                c.others(answer, names);
            }
            let n = Decimal::from(ticked.len() + answer.others.len());
            let raw = *points * n;
            let score = raw.min(*cap);
            let listed: Vec<&str> =
                ticked.iter().map(|s| s.as_str()).chain(answer.others.iter().map(|s| s.as_str())).collect();
            let what = if listed.is_empty() {
                format!("{label}：无")
            } else {
                format!("{label} {n} 项：{}", listed.join("、"))
            };
            let mut line = format!("{} × {}（{what}）= {}", fmt_num(*points), n, fmt_num(raw));
            if raw > *cap {
                line.push_str(&format!(" → {}（上限 {} 分）", fmt_num(score), fmt_num(*cap)));
            }
            Some(Scored { score, explanation: line })
        }
        Rule::Award { id, .. } => {
            c.only(answer, &[id], &[], &[], false, false, false, false);
            let met = answer.flags.get(id).copied().unwrap_or(false);
            Some(if met {
                Scored {
                    score: item.max, explanation: format!("配备且正常运行，得 {} 分", fmt_num(item.max))
                }
            } else {
                Scored { score: Decimal::ZERO, explanation: "未配备或未正常运行，得 0 分".to_string() }
            })
        }
        Rule::Discretionary { step, reason_below_max, honours } => {
            c.only(answer, &[], &[], &[input::SCORE], false, false, true, !honours.is_empty());
            c.honours(answer, honours);
            match answer.decimals.get(input::SCORE) {
                None => {
                    c.push(input::SCORE, InputError::Missing);
                    None
                }
                Some(&s) => {
                    let ok = c.decimal(input::SCORE, s, Decimal::ZERO, item.max, *step);
                    if ok && *reason_below_max && s < item.max && answer.reason.trim().is_empty() {
                        c.push(input::REASON, InputError::ReasonRequired);
                    }
                    let backing = if honours.is_empty() {
                        String::new()
                    } else {
                        format!("，列举荣誉 {} 项", answer.honours.len())
                    };
                    let why = if s < item.max {
                        format!("，低于满分 {} 分", fmt_num(item.max - s))
                    } else {
                        String::new()
                    };
                    Some(Scored { score: s, explanation: format!("赋分 {}{why}{backing}", fmt_num(s)) })
                }
            }
        }
        Rule::Survey { step_percent, step_points, rectify_points } => {
            survey(&mut c, item, answer, *step_percent, *step_points, *rectify_points)
        }
    };
    match scored {
        Some(s) if c.errors.is_empty() => Ok(s),
        _ => Err(c.errors),
    }
}

fn deduct(c: &mut Check, item: &Item, terms: &[Term], answer: &ItemAnswer) -> Option<Scored> {
    let flag_ids: Vec<&str> =
        terms.iter().filter_map(|t| matches!(t, Term::Flag { .. }).then(|| t.id()).flatten()).collect();
    let count_ids: Vec<&str> =
        terms.iter().filter_map(|t| matches!(t, Term::Count { .. }).then(|| t.id()).flatten()).collect();
    let point_ids: Vec<&str> =
        terms.iter().filter_map(|t| matches!(t, Term::Points { .. }).then(|| t.id()).flatten()).collect();
    let has_list = terms.iter().any(|t| matches!(t, Term::Missing { .. }));
    c.only(answer, &flag_ids, &count_ids, &point_ids, has_list, false, !point_ids.is_empty(), false);

    let present_count = i64::try_from(answer.present.len()).unwrap_or(i64::MAX);
    let mut line = fmt_num(item.max);
    let mut deducted = Decimal::ZERO;
    for term in terms {
        let (points, units, why) = match term {
            Term::Flag { id, label, points } => {
                if !answer.flags.get(id).copied().unwrap_or(false) {
                    continue;
                }
                (*points, None, label.clone())
            }
            Term::Count { id, label, unit, points, bound } => {
                let n = answer.counts.get(id).copied().unwrap_or(0);
                let (max, of) = match bound {
                    Bound::Fixed(max) => (i64::from(*max), "合理上限".to_string()),
                    Bound::Present => (present_count, format!("{}共 {present_count} {unit}", list_label(terms))),
                    Bound::Count(other) => {
                        let m = answer.counts.get(other).copied().unwrap_or(0).max(0);
                        (m, format!("{}共 {m} {unit}", count_label(terms, other)))
                    }
                };
                if !c.count(id, n, max, of) || n == 0 || points.is_zero() {
                    continue;
                }
                (*points, Some(n), format!("{label} {n} {unit}"))
            }
            Term::Missing { names, points, .. } => {
                let ticked = c.present(answer, names);
                let missing: Vec<&str> = names.iter().filter(|n| !ticked.contains(n)).map(|s| s.as_str()).collect();
                if missing.is_empty() {
                    continue;
                }
                let n = i64::try_from(missing.len()).unwrap_or(i64::MAX);
                (*points, Some(n), format!("缺少{}", missing.join("、")))
            }
            Term::Points { id, label, max, step } => {
                let Some(&p) = answer.decimals.get(id) else { continue };
                if !c.decimal(id, p, Decimal::ZERO, *max, *step) || p.is_zero() {
                    continue;
                }
                if answer.reason.trim().is_empty() {
                    c.push(input::REASON, InputError::ReasonRequired);
                }
                (p, None, label.clone())
            }
        };
        let amount = points * Decimal::from(units.unwrap_or(1));
        deducted += amount;
        match units {
            Some(n) => op(&mut line, "−", &format!("{} × {n}（{why}）", fmt_num(points))),
            None => op(&mut line, "−", &format!("{}（{why}）", fmt_num(points))),
        }
    }
    let raw = item.max - deducted;
    let score = raw.max(Decimal::ZERO);
    if deducted.is_zero() {
        line.push_str("（无扣分）");
    }
    op(&mut line, "=", &fmt_signed(raw));
    if raw < Decimal::ZERO {
        line.push_str(" → 0（扣完为止）");
    }
    Some(Scored { score, explanation: line })
}

fn survey(
    c: &mut Check,
    item: &Item,
    answer: &ItemAnswer,
    step_percent: Decimal,
    step_points: Decimal,
    rectify_points: Decimal,
) -> Option<Scored> {
    c.only(
        answer,
        &[],
        &[input::SATISFIED, input::VALID, input::UNRECTIFIED],
        &[input::RATE],
        false,
        false,
        false,
        false,
    );
    let hundred = Decimal::ONE_HUNDRED;
    let rate = answer.decimals.get(input::RATE).copied();
    let satisfied = answer.counts.get(input::SATISFIED).copied();
    let valid = answer.counts.get(input::VALID).copied();
    // (the drop below 100 %, how the rate reads)
    let measured: Option<(Decimal, String)> = match (rate, satisfied, valid) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            c.push(input::RATE, InputError::BothSurveyModes);
            None
        }
        (Some(rate), None, None) => {
            if rate < Decimal::ZERO || rate > hundred {
                c.push(input::RATE, InputError::OutOfRange { min: Decimal::ZERO, max: hundred });
                None
            } else if rate.normalize().scale() > 2 {
                c.push(input::RATE, InputError::TooPrecise { places: 2 });
                None
            } else {
                Some((hundred - rate, format!("满意率 {}%", fmt_num(rate))))
            }
        }
        (None, None, None) => {
            c.push(input::RATE, InputError::Missing);
            None
        }
        (None, s, v) => {
            let ok_s = s.is_some_and(|s| c.count(input::SATISFIED, s, 1_000_000, "合理上限".into()));
            let ok_v = v.is_some_and(|v| c.count(input::VALID, v, 1_000_000, "合理上限".into()));
            if s.is_none() {
                c.push(input::SATISFIED, InputError::Missing);
            }
            if v.is_none() {
                c.push(input::VALID, InputError::Missing);
            }
            match (s, v) {
                (Some(s), Some(v)) if ok_s && ok_v => {
                    if v == 0 {
                        c.push(input::VALID, InputError::NoValidQuestionnaires);
                        None
                    } else if s > v {
                        c.push(input::SATISFIED, InputError::SatisfiedAboveValid);
                        None
                    } else {
                        let drop = Decimal::from(v - s) * hundred / Decimal::from(v);
                        let rate = hundred - drop;
                        let shown = rate.round_dp(2);
                        let sign = if shown == rate { "=" } else { "≈" };
                        Some((drop, format!("满意 {s}/{v} 份 {sign} {}%", fmt_num(shown))))
                    }
                }
                _ => None,
            }
        }
    };
    let unrectified = answer.counts.get(input::UNRECTIFIED).copied().unwrap_or(0);
    let unrectified_ok = c.count(input::UNRECTIFIED, unrectified, 999, "合理上限".into());
    let (drop, reading) = measured?;
    if !unrectified_ok {
        return None;
    }
    // Whole steps of the drop only: 0.19996…% is one step of 0.1%, not two.
    let steps = (drop / step_percent).floor();
    let mut line = fmt_num(item.max);
    let mut raw = item.max;
    let (step, shown) = (fmt_num(step_percent), fmt_cut(drop));
    if steps > Decimal::ZERO {
        raw -= step_points * steps;
        line.push_str(&format!(
            " − {} × {steps}（{reading}，较 100% 降 {shown}%，计 {steps} 个 {step}%）",
            fmt_num(step_points)
        ));
    } else if drop > Decimal::ZERO {
        line.push_str(&format!("（{reading}，较 100% 降 {shown}%，不足 {step}%，不扣分）"));
    } else {
        line.push_str(&format!("（{reading}）"));
    }
    if unrectified > 0 {
        raw -= rectify_points * Decimal::from(unrectified);
        op(&mut line, "−", &format!("{} × {unrectified}（未按要求整改 {unrectified} 次）", fmt_num(rectify_points)));
    }
    op(&mut line, "=", &fmt_signed(raw));
    if raw < Decimal::ZERO {
        line.push_str(" → 0（扣完为止）");
    }
    Some(Scored { score: raw.max(Decimal::ZERO), explanation: line })
}

/// Appends `op operand`, spaced as Chinese arithmetic reads: no space after a closing `）`.
/// A decimal with at most four places, cut (not rounded) with "…" when it has more: a drop of
/// 0.19996…% must not read as 0.2%.
fn fmt_cut(d: Decimal) -> String {
    let cut = d.trunc_with_scale(4);
    if cut == d {
        fmt_num(d)
    } else {
        format!("{}…", fmt_num(cut))
    }
}

fn op(line: &mut String, op: &str, operand: &str) {
    let space = if line.ends_with('）') { "" } else { " " };
    line.push_str(&format!("{space}{op} {operand}"));
}

fn fmt_signed(d: Decimal) -> String {
    if d < Decimal::ZERO {
        format!("−{}", fmt_num(-d))
    } else {
        fmt_num(d)
    }
}

fn list_label(terms: &[Term]) -> String {
    terms
        .iter()
        .find_map(|t| match t {
            Term::Missing { label, .. } => Some(label.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

fn count_label(terms: &[Term], id: &str) -> String {
    terms
        .iter()
        .find_map(|t| match t {
            Term::Count { id: i, label, .. } if i == id => Some(label.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// Collects the errors of one item's values.
struct Check<'a> {
    item: &'a str,
    errors: Vec<FieldError>,
}

impl Check<'_> {
    fn push(&mut self, field: &str, error: InputError) {
        self.errors.push(err(self.item, field, error));
    }

    /// Flags inputs the rule does not have.
    #[allow(clippy::too_many_arguments)]
    fn only(
        &mut self,
        a: &ItemAnswer,
        flags: &[&str],
        counts: &[&str],
        decimals: &[&str],
        list: bool,
        others: bool,
        reason: bool,
        honours: bool,
    ) {
        let unknown: Vec<String> = (a.flags.keys().filter(|k| !flags.contains(&k.as_str())))
            .chain(a.counts.keys().filter(|k| !counts.contains(&k.as_str())))
            .chain(a.decimals.keys().filter(|k| !decimals.contains(&k.as_str())))
            .cloned()
            .collect();
        for k in unknown {
            self.push(&k, InputError::UnknownInput);
        }
        let extras = [
            (!list && !a.present.is_empty(), input::PRESENT),
            (!others && !a.others.is_empty(), input::OTHERS),
            (!reason && !a.reason.is_empty(), input::REASON),
            (!honours && !a.honours.is_empty(), input::HONOURS),
        ];
        for (bad, field) in extras {
            if bad {
                self.push(field, InputError::UnknownInput);
            }
        }
    }

    fn text(&mut self, field: &str, text: &str) {
        if text.chars().count() > MAX_TEXT {
            self.push(field, InputError::TooLong { max: MAX_TEXT });
        }
    }

    /// Checks a count against `[0, max]`; true when valid.
    fn count(&mut self, field: &str, n: i64, max: i64, of: String) -> bool {
        if n < 0 {
            self.push(field, InputError::Negative);
            false
        } else if n > max {
            self.push(field, InputError::TooMany { max, of });
            false
        } else {
            true
        }
    }

    /// Checks a decimal against `[min, max]` and its step; true when valid.
    fn decimal(&mut self, field: &str, d: Decimal, min: Decimal, max: Decimal, step: Decimal) -> bool {
        if d < min || d > max {
            self.push(field, InputError::OutOfRange { min: min.normalize(), max: max.normalize() });
            false
        } else if !step.is_zero() && !(d % step).is_zero() {
            self.push(field, InputError::NotAStep { step: step.normalize() });
            false
        } else {
            true
        }
    }

    /// The ticked names that are on the list, in the list's order; flags the others.
    fn present<'n>(&mut self, a: &ItemAnswer, names: &'n [String]) -> Vec<&'n String> {
        for p in a.present.iter().filter(|p| !names.contains(p)) {
            self.push(input::PRESENT, InputError::UnknownName(p.clone()));
        }
        names.iter().filter(|n| a.present.contains(n)).collect()
    }

    fn others(&mut self, a: &ItemAnswer, names: &[String]) {
        if a.others.len() > MAX_OTHERS {
            // Refused whole: the names of an oversized list are not worth checking one by one.
            self.push(input::OTHERS, InputError::TooManyEntries { max: MAX_OTHERS });
            return;
        }
        let mut taken: Names = names.iter().map(|n| trimmed(n)).collect();
        for o in &a.others {
            if let Some(e) = name_error(&taken, o, trimmed) {
                self.push(input::OTHERS, e);
            }
            taken.insert(trimmed(o));
        }
    }

    fn honours(&mut self, a: &ItemAnswer, kinds: &[String]) {
        if a.honours.len() > MAX_HONOURS {
            self.push(input::HONOURS, InputError::TooManyEntries { max: MAX_HONOURS });
        }
        for h in &a.honours {
            for (_, e) in honour_errors(h, kinds) {
                self.push(input::HONOURS, e);
            }
        }
    }
}
