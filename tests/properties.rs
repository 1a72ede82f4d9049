//! Properties of the engine and the file format over many generated answers.

use proptest::prelude::*;
use rust_decimal::Decimal;
use xingping::answers::{input, Answers, Honour, ItemAnswer, Status, VetoAnswer};
use xingping::keyed::{Keyed, Names};
use xingping::rubric::{Bound, Item, Rubric, Rule, Term};
use xingping::score::{score, score_item};
use xingping::submission::{read, Submission, Unit};

/// Draws numbers from a fixed list, so that proptest can shrink the list.
struct Draw<'a>(std::slice::Iter<'a, u32>);

impl Draw<'_> {
    fn below(&mut self, n: u32) -> u32 {
        self.0.next().map_or(0, |v| if n == 0 { 0 } else { v % n })
    }
    fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent
    }
}

/// A valid answer for `item`, drawn from `d`.
fn valid_answer(item: &Item, d: &mut Draw) -> ItemAnswer {
    let mut a = ItemAnswer {
        status: if d.chance(80) { Status::Confirmed } else { Status::Unassessed },
        note: if d.chance(30) { "整改中：<b>已购置</b> \"轮椅\"".to_string() } else { String::new() },
        ..ItemAnswer::default()
    };
    let tick = |a: &mut ItemAnswer, d: &mut Draw, names: &[String]| {
        for n in names {
            if d.chance(70) {
                a.present.insert(n.clone());
            }
        }
    };
    match &item.rule {
        Rule::Deduct { terms } => {
            for t in terms {
                match t {
                    Term::Missing { names, .. } => tick(&mut a, d, names),
                    Term::Flag { id, .. } => {
                        if d.chance(50) {
                            a.flags.insert(id.clone(), d.chance(30));
                        }
                    }
                    Term::Points { id, max, .. } => {
                        let tenths = d.below(u32::try_from(max.mantissa()).unwrap_or(0) * 10 + 1);
                        let p = Decimal::new(i64::from(tenths), 1);
                        a.decimals.insert(id.clone(), p);
                        if !p.is_zero() {
                            a.reason = "明察暗访发现".into();
                        }
                    }
                    Term::Count { .. } => {}
                }
            }
            // Counts after the list and the counts they depend on are known.
            for t in terms {
                if let Term::Count { id, bound, .. } = t {
                    let max = match bound {
                        Bound::Fixed(_) => 30,
                        Bound::Present => u32::try_from(a.present.len()).unwrap_or(0),
                        Bound::Count(other) => u32::try_from(a.counts.get(other).copied().unwrap_or(0)).unwrap_or(0),
                    };
                    a.counts.insert(id.clone(), i64::from(d.below(max + 1)));
                }
            }
        }
        Rule::Add { names, others, .. } => {
            tick(&mut a, d, names);
            if *others {
                for i in 0..d.below(4) {
                    a.others.push(format!("其他{i}"));
                }
            }
        }
        Rule::Award { id, .. } => {
            a.flags.insert(id.clone(), d.chance(50));
        }
        Rule::Discretionary { honours, .. } => {
            let tenths = d.below(u32::try_from((item.max * Decimal::TEN).trunc().mantissa()).unwrap_or(0) + 1);
            let s = Decimal::new(i64::from(tenths), 1);
            a.decimals.insert(input::SCORE.into(), s);
            if s < item.max || d.chance(20) {
                a.reason = "依据台账核查".into();
            }
            if !honours.is_empty() {
                for i in 0..d.below(3) {
                    a.honours.push(Honour {
                        kind: honours[usize::try_from(d.below(4)).unwrap_or(0) % honours.len()].clone(),
                        date: format!("2025-0{}-1{}", i + 1, d.below(10)),
                        source: "神木市融媒体中心".into(),
                    });
                }
            }
        }
        Rule::Survey { .. } => {
            if d.chance(50) {
                a.decimals.insert(input::RATE.into(), Decimal::new(i64::from(9000 + d.below(1001)), 2));
            } else {
                let valid = 1 + d.below(500);
                a.counts.insert(input::VALID.into(), i64::from(valid));
                a.counts.insert(input::SATISFIED.into(), i64::from(valid - d.below(valid / 10 + 1)));
            }
            a.counts.insert(input::UNRECTIFIED.into(), i64::from(d.below(3)));
        }
    }
    a
}

fn valid_answers(seeds: &[u32]) -> Answers {
    let mut d = Draw(seeds.iter());
    let rubric = Rubric::shenmu_2024();
    let mut answers = Answers::default();
    for item in rubric.items() {
        if d.chance(90) {
            answers.items.insert(item.id.clone(), valid_answer(item, &mut d));
        }
    }
    for v in &rubric.veto.items {
        let a = match d.below(10) {
            0 => VetoAnswer::Yes,
            1 | 2 => VetoAnswer::Unanswered,
            _ => VetoAnswer::No,
        };
        answers.veto.insert(v.id.clone(), a);
    }
    answers
}

fn seeds() -> impl Strategy<Value = Vec<u32>> {
    proptest::collection::vec(any::<u32>(), 400)
}

/// One step worse on one input of `a`, if the rule has one (a deficiency added).
fn worse(item: &Item, a: &ItemAnswer, pick: usize) -> Option<ItemAnswer> {
    let mut b = a.clone();
    match &item.rule {
        Rule::Deduct { terms } => match &terms[pick % terms.len()] {
            Term::Flag { id, .. } => {
                b.flags.insert(id.clone(), true);
            }
            Term::Count { id, bound: Bound::Fixed(_), .. } => *b.counts.get_or_insert(id, 0) += 1,
            Term::Count { .. } => return None,
            Term::Missing { .. } => {
                let first = b.present.iter().next()?.clone();
                b.present.remove(&first);
                // Not a step worse when a window that did not work is the one removed: the
                // sheet takes 2 for a window that does not work and 1 for one that is missing.
                let left = i64::try_from(b.present.len()).unwrap_or(0);
                let bounded_over = terms.iter().any(|t| {
                    matches!(t, Term::Count { id, bound: Bound::Present, .. } if b.counts.get(id).copied().unwrap_or(0) > left)
                });
                if bounded_over {
                    return None;
                }
            }
            Term::Points { .. } => return None,
        },
        Rule::Add { .. } => {
            let first = b.present.iter().next()?.clone();
            b.present.remove(&first);
        }
        Rule::Award { id, .. } => {
            b.flags.insert(id.clone(), false);
        }
        Rule::Survey { .. } => *b.counts.get_or_insert(input::UNRECTIFIED, 0) += 1,
        Rule::Discretionary { .. } => return None,
    }
    Some(b)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_item_score_stays_within_zero_and_max(seeds in seeds()) {
        let answers = valid_answers(&seeds);
        let r = score(Rubric::shenmu_2024(), &answers);
        prop_assert!(r.errors.is_empty(), "{:?}", r.errors);
        for i in &r.items {
            if let Ok(s) = &i.outcome {
                prop_assert!(s.score >= Decimal::ZERO && s.score <= i.max, "{} {}", i.id, s.score);
                prop_assert_eq!(s.score.round_dp(1), s.score);
            }
        }
        prop_assert!(r.total >= Decimal::ZERO && r.total <= Decimal::ONE_HUNDRED);
        prop_assert!(r.best_reachable >= r.total && r.best_reachable <= Decimal::ONE_HUNDRED);
    }

    #[test]
    fn the_total_is_the_sum_of_items_and_of_sections(seeds in seeds()) {
        let r = score(Rubric::shenmu_2024(), &valid_answers(&seeds));
        let items: Decimal = r.items.iter().map(|i| i.counted()).sum();
        let sections: Decimal = r.sections.iter().map(|s| s.score).sum();
        prop_assert_eq!(r.total, items);
        prop_assert_eq!(r.total, sections);
        prop_assert_eq!(r.assessed, r.items.iter().filter(|i| i.is_counted()).count());
    }

    #[test]
    fn more_deficiencies_never_raise_a_score(seeds in seeds(), pick in 0usize..8) {
        let answers = valid_answers(&seeds);
        for item in Rubric::shenmu_2024().items() {
            let Some(a) = answers.items.get(&item.id) else { continue };
            let Some(b) = worse(item, a, pick) else { continue };
            let (Ok(before), Ok(after)) = (score_item(item, a), score_item(item, &b)) else { continue };
            prop_assert!(after.score <= before.score, "{}: {} → {}", item.id, before.score, after.score);
        }
    }

    #[test]
    fn export_then_import_is_the_identity(seeds in seeds(), year in 2024i32..2030) {
        let answers = valid_answers(&seeds);
        let unit = Unit { name: "神木市<script>镇便民服务中心".into(), phone: "0912-8321234".into(), ..Unit::default() };
        let rubric = Rubric::shenmu_2024();
        let written = Submission::new(rubric, unit, year, answers, "0.1.0", "2026-04-20T10:00:00+08:00");
        let loaded = read(rubric, written.to_json().as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(loaded.mismatches.is_empty(), "{:?}", loaded.mismatches);
        prop_assert_eq!(loaded.migrated_from, None);
        prop_assert_eq!(&loaded.submission, &written);
        prop_assert_eq!(loaded.submission.to_json(), written.to_json());
    }

    #[test]
    fn no_answers_make_the_engine_panic(
        flags in proptest::collection::btree_map("[a-z_]{1,12}", any::<bool>(), 0..4),
        counts in proptest::collection::btree_map("[a-z_]{1,12}", any::<i64>(), 0..4),
        decimals in proptest::collection::btree_map("[a-z_]{1,12}", any::<i64>(), 0..4),
        scale in 0u32..6,
        present in proptest::collection::btree_set(".{0,6}", 0..4),
    ) {
        let decimals: Keyed<Decimal> = decimals.into_iter().map(|(k, v)| (k, Decimal::new(v, scale))).collect();
        let flags: Keyed<bool> = flags.into_iter().collect();
        let counts: Keyed<i64> = counts.into_iter().collect();
        let present: Names = present.into_iter().collect();
        for item in Rubric::shenmu_2024().items() {
            // Known input ids too, so that the rules' own arithmetic sees extreme values.
            let mut a = ItemAnswer { status: Status::Confirmed, flags: flags.clone(), counts: counts.clone(), decimals: decimals.clone(), present: present.clone(), ..ItemAnswer::default() };
            for (i, v) in counts.values().enumerate() {
                for key in ["hall", "nonfunctional", "missing", "sampled", "not_operable", "satisfied", "valid", "unrectified"].iter().skip(i) {
                    a.counts.insert((*key).to_string(), *v);
                }
            }
            for v in decimals.values() {
                for key in ["score", "rate", "visit"] {
                    a.decimals.insert(key.to_string(), *v);
                }
            }
            let _ = score_item(item, &a);
        }
    }

    #[test]
    fn no_bytes_make_the_reader_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = read(Rubric::shenmu_2024(), &bytes);
    }

    #[test]
    fn no_json_values_make_the_reader_panic(seeds in seeds(), cut in 0usize..4000, junk in ".{0,8}") {
        // A valid file, cut short or with junk spliced in, is refused or read, never a panic.
        let rubric = Rubric::shenmu_2024();
        let text = Submission::new(rubric, Unit::default(), 2026, valid_answers(&seeds), "0.1.0", "").to_json();
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let _ = read(rubric, &text.as_bytes()[..at]);
        let spliced = format!("{}{junk}{}", &text[..at], &text[at..]);
        let _ = read(rubric, spliced.as_bytes());
    }
}

/// Arbitrary JSON as serde_json would hold it: nested arrays and objects of strings (any
/// characters, escapes included), integers, decimals and literals.
fn any_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        (-1.0e6f64..1.0e6).prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::vec((any::<String>(), inner), 0..6)
                .prop_map(|members| serde_json::Value::Object(members.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// The page's JSON reader and writer agree with serde_json on everything serde_json writes:
    /// it reads it, and writes it back byte for byte, compact and pretty.
    #[test]
    fn the_json_module_reads_and_writes_what_serde_json_does(value in any_json()) {
        let compact = serde_json::to_string(&value).expect("serialises");
        let pretty = serde_json::to_string_pretty(&value).expect("serialises");
        let node = xingping::json::parse(&pretty).expect("reads serde_json's pretty text");
        prop_assert_eq!(node.value.to_pretty(), pretty);
        let node = xingping::json::parse(&compact).expect("reads serde_json's compact text");
        prop_assert_eq!(node.value.to_compact(), compact);
    }

    /// On arbitrary text made of JSON's own characters, the reader accepts exactly what
    /// serde_json accepts (numbers too large for a float aside, which serde_json refuses and
    /// this reader keeps as text), and never panics.
    #[test]
    fn the_json_module_accepts_exactly_what_serde_json_accepts(text in r#"[\[\]{}",:0-9a-z\\ .eE+\-\n]{0,24}"#) {
        let ours = xingping::json::parse(&text);
        match serde_json::from_str::<serde_json::Value>(&text) {
            Err(e) if e.to_string().contains("out of range") => {}
            theirs => prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: {:?} vs {:?}", text, ours, theirs),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever a clerk types or a file holds, 附件1's phone check answers yes or no and never
    /// panics (a full-width digit near the front once made it cut a character in two), and a
    /// full-width digit or hyphen counts as its ASCII self.
    #[test]
    fn the_phone_check_never_panics_and_reads_full_width_digits(text in "0?[0-9]{0,3}[０-９电]?[0-9]{4,8}[0-9 \\-－电]{0,2}") {
        let ascii: String = text
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or(c),
                '－' => '-',
                _ => c,
            })
            .collect();
        prop_assert_eq!(xingping::declaration::is_phone(&text), xingping::declaration::is_phone(&ascii));
        let phone_ok = xingping::declaration::is_phone(&text);
        let unit = Unit { phone: text, ..Unit::default() };
        let phone_message = xingping::declaration::check_unit(&unit)
            .iter()
            .any(|(f, _)| *f == xingping::declaration::Field::Phone);
        prop_assert_eq!(phone_message, !phone_ok);
    }
}
