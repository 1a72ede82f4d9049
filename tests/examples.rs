//! The sample submission files under `examples/`: generated here from answers with
//! `Submission::new`, so that every stored figure is exactly what the engine computes, and
//! pinned byte for byte. Run with `XINGPING_WRITE_EXAMPLES=1` to rewrite them after a change
//! to the sheet or the format, then review the diff.
//!
//! Also the hand-made fixtures under `tests/fixtures/`: the v0 file and a BOM file that must
//! read back valid, and the broken files that must be refused for the right reason.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::path::{Path, PathBuf};
use xingping::answers::{Answers, Status, VetoAnswer};
use xingping::rubric::Rubric;
use xingping::submission::{self, ReadError, Submission, Unit};

#[path = "support/answers.rs"]
mod support;
use support::{full_marks, A, FACILITIES};

/// The version and time written into every example, fixed so that the files are stable.
const APP_VERSION: &str = "0.1.0";
const SAVED_AT: &str = "2025-04-20T10:30:00+08:00";
const YEAR: i32 = 2025;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn answers(items: Vec<(&str, A)>, veto: &[(&str, VetoAnswer)]) -> Answers {
    Answers {
        items: items.into_iter().map(|(id, a)| (id.to_string(), a.0)).collect(),
        veto: veto.iter().map(|(id, v)| (id.to_string(), *v)).collect(),
    }
}

fn unit(name: &str, declared: &str, self_assessment: &str) -> Unit {
    Unit {
        name: name.into(),
        address: "陕西省榆林市神木市某镇人民路 18 号".into(),
        declared_level: declared.into(),
        leader: "王某某（党委委员、便民服务中心主任）".into(),
        contact: "李某某".into(),
        phone: "0912-8312345".into(),
        self_assessment: self_assessment.into(),
    }
}

/// Replaces the answer of one item in a list.
fn with(mut items: Vec<(&'static str, A)>, id: &'static str, a: A) -> Vec<(&'static str, A)> {
    for entry in items.iter_mut().filter(|(i, _)| *i == id) {
        entry.1 = a.clone();
    }
    items
}

const NO_VETO: &[(&str, VetoAnswer)] = &[("veto.incident", VetoAnswer::No), ("veto.accident", VetoAnswer::No)];

/// One example: its file name, the submission, and the total and level it must show.
struct Example {
    file: &'static str,
    submission: Submission,
    total: Decimal,
    level: &'static str,
    is_final: bool,
}

fn examples() -> Vec<Example> {
    let rubric = Rubric::shenmu_2024();
    let new = |u: Unit, a: Answers| Submission::new(rubric, u, YEAR, a, APP_VERSION, SAVED_AT);

    let full = new(
        unit("神木市某镇便民服务中心", "五星", "对照评分表逐项自查，21 项均达到满分要求，无一票否决情形。"),
        answers(full_marks(), NO_VETO),
    );

    let mut mixed_items = full_marks();
    for (id, a) in [
        ("site.signage", A::new().count("hall", 1).note("二楼网办区缺少功能区标识，已于 4 月补设。")),
        ("site.areas", A::new().present(&["咨询导服区", "取号区", "网办区", "休息等候区"])),
        ("site.facilities", A::new().present(&FACILITIES[..5])),
        ("items.complete", A::new().count("missing", 1)),
        ("items.stations", A::new().present(&["市场监管", "自然资源", "司法"])),
        ("items.dynamic", A::new().count("inconsistent", 2)),
        ("process.standard", A::new().dec("score", dec!(9.0)).reason("个别事项未严格执行一次性告知和限时办结。")),
        (
            "management.image",
            A::new().dec("visit", dec!(0.5)).reason("2025 年 3 月市级明察暗访发现 1 名窗口人员未佩戴工作牌。"),
        ),
        ("management.tidiness", A::new().count("lapses", 1)),
        ("management.amenities", A::new().present(&["自动饮水", "便民充电", "雨具", "复印打印", "阅读"])),
        ("satisfaction.online", A::new().count("sampled", 5).count("not_operable", 1)),
        ("satisfaction.survey", A::new().dec("rate", dec!(98.75))),
        (
            "satisfaction.innovation",
            A::new()
                .dec("score", dec!(6.5))
                .reason("“帮办代办”服务获通报表扬并经市级媒体报道，尚未形成全市推广的经验做法。")
                .honour("通报表扬", "2024-11-15", "神木市人民政府办公室")
                .honour("市级以上媒体刊登播出", "2025-01-08", "榆林日报"),
        ),
    ] {
        mixed_items = with(mixed_items, id, a);
    }
    let mixed = new(
        unit(
            "神木市某镇便民服务中心",
            "四星",
            "本中心对照评分表自查得 88.7 分，功能区、设施、基层站所进驻等方面尚有不足，正在整改。",
        ),
        answers(mixed_items, NO_VETO),
    );

    let vetoed = new(
        unit("神木市某街道便民服务中心", "五星", ""),
        answers(
            with(full_marks(), "management.tidiness", A::new().count("lapses", 2)),
            &[("veto.incident", VetoAnswer::No), ("veto.accident", VetoAnswer::Yes)],
        ),
    );

    let mut open_items = full_marks();
    for id in ["site.facilities", "items.dynamic", "process.standard", "management.rules", "satisfaction.innovation"] {
        open_items = with(open_items, id, A::unassessed());
    }
    // An unassessed item may hold values already entered; they do not count yet.
    open_items = with(open_items, "satisfaction.survey", A::unassessed().dec("rate", dec!(97.5)));
    let in_progress = new(
        unit("神木市某镇便民服务站", "", ""),
        answers(open_items, &[("veto.incident", VetoAnswer::No), ("veto.accident", VetoAnswer::Unanswered)]),
    );

    vec![
        Example { file: "full-marks.json", submission: full, total: dec!(100), level: "五星", is_final: true },
        Example { file: "mixed-township.json", submission: mixed, total: dec!(88.7), level: "四星", is_final: true },
        Example { file: "vetoed.json", submission: vetoed, total: dec!(99), level: "一票否决", is_final: true },
        Example {
            file: "in-progress.json",
            submission: in_progress,
            total: dec!(68),
            level: "不予评定",
            is_final: false,
        },
    ]
}

fn read_path(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_examples_are_exactly_what_the_engine_writes() {
    let write = std::env::var_os("XINGPING_WRITE_EXAMPLES").is_some();
    for ex in examples() {
        let path = root().join("examples").join(ex.file);
        let text = ex.submission.to_json();
        if write {
            std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
        let on_disk = String::from_utf8(read_path(&path)).expect("UTF-8");
        assert!(
            on_disk == text,
            "{} differs from what the engine writes; rerun with XINGPING_WRITE_EXAMPLES=1",
            ex.file
        );
    }
}

#[test]
fn the_examples_read_back_valid_with_the_expected_result() {
    let rubric = Rubric::shenmu_2024();
    for ex in examples() {
        let path = root().join("examples").join(ex.file);
        let loaded = match submission::read(rubric, &read_path(&path)) {
            Ok(l) => l,
            Err(e) => panic!("{}: refused: {e}", ex.file),
        };
        assert!(loaded.mismatches.is_empty(), "{}: {:?}", ex.file, loaded.mismatches);
        assert_eq!(loaded.migrated_from, None, "{}", ex.file);
        let result = loaded.submission.result.as_ref().expect("a read file has a result");
        assert_eq!(
            (result.total, result.level.as_str(), result.is_final),
            (ex.total, ex.level, ex.is_final),
            "{}",
            ex.file
        );
        assert_eq!(loaded.submission, ex.submission, "{}: read back differs", ex.file);
    }
}

#[test]
fn the_mixed_township_loses_points_where_its_answers_say() {
    let rubric = Rubric::shenmu_2024();
    let ex = examples().into_iter().find(|e| e.file == "mixed-township.json").expect("example");
    let result = ex.submission.result.expect("result");
    let item = |id: &str| result.items.iter().find(|i| i.id == id).and_then(|i| i.score);
    let want = [
        ("site.signage", dec!(2.8)),
        ("site.windows", dec!(10)),
        ("site.areas", dec!(2.0)),
        ("site.facilities", dec!(3.5)),
        ("items.complete", dec!(4.5)),
        ("items.utilities", dec!(10)),
        ("items.stations", dec!(6)),
        ("items.dynamic", dec!(1.6)),
        ("process.standard", dec!(9)),
        ("management.image", dec!(2.5)),
        ("management.tidiness", dec!(3.5)),
        ("management.amenities", dec!(2.5)),
        ("satisfaction.online", dec!(4.5)),
        ("satisfaction.survey", dec!(4.8)),
        ("satisfaction.innovation", dec!(6.5)),
    ];
    for (id, score) in want {
        assert_eq!(item(id), Some(score), "{id}");
    }
    let sections: Vec<_> = result.sections.iter().map(|s| (s.id.as_str(), s.score)).collect();
    assert_eq!(
        sections,
        [
            ("site", dec!(18.3)),
            ("items", dec!(22.1)),
            ("process", dec!(9)),
            ("management", dec!(17.5)),
            ("satisfaction", dec!(21.8))
        ]
    );
    assert_eq!(result.items.len(), rubric.items().count());
}

#[test]
fn the_in_progress_example_says_what_is_open() {
    let ex = examples().into_iter().find(|e| e.file == "in-progress.json").expect("example");
    let result = ex.submission.result.expect("result");
    assert_eq!((result.assessed, result.item_count), (15, 21));
    assert_eq!(result.notice, "尚有 6 项未评；1 个一票否决问题未答，自评结果尚未最终确定。");
    assert_eq!(result.best_reachable, dec!(100));
    let open = result.items.iter().filter(|i| i.score.is_none()).count();
    assert_eq!(open, 6);
}

#[test]
fn the_vetoed_example_keeps_its_total_but_loses_its_level() {
    let ex = examples().into_iter().find(|e| e.file == "vetoed.json").expect("example");
    let result = ex.submission.result.expect("result");
    assert_eq!((result.total, result.level.as_str()), (dec!(99), "一票否决"));
    assert!(result.total >= dec!(95), "a total that would otherwise be 五星");
}

#[test]
fn the_v0_fixture_migrates_to_a_valid_v1_file() {
    let rubric = Rubric::shenmu_2024();
    let bytes = read_path(&root().join("tests/fixtures/v0.json"));
    let loaded = submission::read(rubric, &bytes).unwrap_or_else(|e| panic!("v0 refused: {e}"));
    assert_eq!(loaded.migrated_from, Some(0));
    assert!(loaded.mismatches.is_empty(), "a v0 file stores no result: {:?}", loaded.mismatches);
    let s = &loaded.submission;
    assert_eq!(s.format_version, 1);
    assert_eq!(s.unit.name, "神木市某镇便民服务中心");
    assert_eq!(s.year, 2024);
    assert_eq!(s.answers.items.len(), 21);
    assert_eq!(s.answers.items.get("site.signage").map(|a| a.status), Some(Status::Confirmed));
    assert_eq!(s.answers.items.get("satisfaction.innovation").map(|a| a.status), Some(Status::Unassessed));
    assert_eq!(s.answers.veto.get("veto.incident"), Some(&VetoAnswer::No));
    assert_eq!(s.answers.veto.get("veto.accident"), Some(&VetoAnswer::Unanswered));
    let result = s.result.as_ref().expect("result");
    assert_eq!((result.total, result.assessed, result.is_final), (dec!(82.1), 20, false));
    // Written again, it is a v1 file that reads back the same, with nothing to migrate.
    let again = submission::read(rubric, s.to_json().as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.migrated_from, None);
    assert!(again.mismatches.is_empty());
    assert_eq!(&again.submission, s);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let bytes = read_path(&root().join("tests/fixtures/bom.json"));
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "the fixture starts with a BOM");
    let loaded = submission::read(Rubric::shenmu_2024(), &bytes).unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.mismatches.is_empty());
}

/// Whether a refusal is the one a fixture must get.
type IsRight = fn(&ReadError) -> bool;

/// Each broken fixture with the refusal it must get (`None`: read, but with mismatches).
fn bad_fixtures() -> Vec<(&'static str, Option<IsRight>)> {
    vec![
        ("not-json.json", Some(|e| matches!(e, ReadError::NotJson(_)))),
        ("truncated.json", Some(|e| matches!(e, ReadError::NotJson(why) if why.contains("意外结束")))),
        ("wrong-format.json", Some(|e| matches!(e, ReadError::NotASubmission))),
        ("version-2.json", Some(|e| matches!(e, ReadError::NewerVersion(2)))),
        ("other-rubric.json", Some(|e| matches!(e, ReadError::WrongRubric { id, .. } if id == "yulin-2024"))),
        (
            "unknown-item.json",
            Some(|e| matches!(e, ReadError::Invalid(v) if v.iter().any(|f| f.error.item == "site.parking"))),
        ),
        ("count-float.json", Some(|e| matches!(e, ReadError::Shape(_)))),
        (
            "negative-count.json",
            Some(
                |e| matches!(e, ReadError::Invalid(v) if v.iter().any(|f| f.error.field == "hall" && f.place.starts_with("标识标志（"))),
            ),
        ),
        (
            "rate-over-100.json",
            Some(
                |e| matches!(e, ReadError::Invalid(v) if v.iter().any(|f| f.error.field == "rate" && f.place == "群众满意度（满意率）")),
            ),
        ),
        ("decimal-as-number.json", Some(|e| matches!(e, ReadError::Shape(_)))),
        // 28 nines after the point: rounding it would make the rate 100.
        ("decimal-too-long.json", Some(|e| matches!(e, ReadError::Shape(why) if why.contains("不是有效的小数")))),
        ("utf16.json", Some(|e| matches!(e, ReadError::NotUtf8))),
        ("too-large.json", Some(|e| matches!(e, ReadError::TooLarge { .. }))),
        ("tampered-total.json", None),
    ]
}

#[test]
fn every_broken_fixture_is_refused_for_its_own_reason() {
    let rubric = Rubric::shenmu_2024();
    let dir = root().join("tests/fixtures/bad");
    let mut listed: Vec<String> = bad_fixtures().iter().map(|(f, _)| f.to_string()).collect();
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    listed.sort();
    on_disk.sort();
    assert_eq!(listed, on_disk, "every file under tests/fixtures/bad is checked here");
    for (file, want) in bad_fixtures() {
        let outcome = submission::read(rubric, &read_path(&dir.join(file)));
        match (outcome, want) {
            (Err(e), Some(is_right)) => {
                assert!(is_right(&e), "{file}: refused for another reason: {e:?}");
                let text = e.to_string();
                assert!(text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{file}: {text}");
            }
            (Ok(loaded), None) => {
                let what: Vec<_> = loaded.mismatches.iter().map(|m| m.what.as_str()).collect();
                assert_eq!(what, ["总分"], "{file}");
            }
            (Err(e), None) => panic!("{file}: refused, but only its stored total was changed: {e}"),
            (Ok(_), Some(_)) => panic!("{file}: read, but should be refused"),
        }
    }
}

#[test]
fn a_wrong_value_is_named_in_the_sheets_words() {
    use xingping::answers::input;
    use xingping::rubric::{Rule, Term};
    use xingping::score::place;
    let rubric = Rubric::shenmu_2024();
    let cases = [
        ("site.signage", "no_sign", "标识标志（未设置服务站（中心）标识）"),
        ("site.signage", "hall", "标识标志（大厅内未按要求设置标识、功能区不明显等）"),
        ("site.areas", input::PRESENT, "功能分布（已设置的功能区）"),
        ("satisfaction.survey", input::RATE, "群众满意度（满意率）"),
        ("satisfaction.survey", input::VALID, "群众满意度（有效问卷份数）"),
        ("process.standard", input::REASON, "规范流程（理由）"),
        ("site.signage", "", "标识标志"),
        ("veto.incident", "", "一票否决：影响恶劣"),
        // Ids the sheet does not have stay as they are, cut short.
        ("site.parking", "", "site.parking"),
        ("site.signage", "lamps", "标识标志（lamps）"),
    ];
    for (item, field, want) in cases {
        assert_eq!(place(rubric, item, field), want, "{item} / {field}");
    }
    assert_eq!(place(rubric, &"x".repeat(500), "").chars().count(), 41, "a hostile id is cut short");

    // Every input of every item has a Chinese name: none falls back to its id.
    for item in rubric.items() {
        let mut fields = vec![input::NOTE.to_string()];
        match &item.rule {
            Rule::Deduct { terms } => {
                for t in terms {
                    fields.push(match t {
                        Term::Flag { id, .. } | Term::Count { id, .. } | Term::Points { id, .. } => id.clone(),
                        Term::Missing { .. } => input::PRESENT.to_string(),
                    });
                }
                fields.extend([input::REASON, input::OTHERS].map(String::from));
            }
            Rule::Add { .. } => fields.extend([input::PRESENT, input::OTHERS].map(String::from)),
            Rule::Award { id, .. } => fields.push(id.clone()),
            Rule::Discretionary { .. } => {
                fields.extend([input::SCORE, input::REASON, input::HONOURS].map(String::from))
            }
            Rule::Survey { .. } => {
                fields.extend([input::RATE, input::SATISFIED, input::VALID, input::UNRECTIFIED].map(String::from))
            }
        }
        for field in fields {
            let named = place(rubric, &item.id, &field);
            assert!(named.starts_with(&format!("{}（", item.name)), "{named}");
            assert!(!named.chars().any(|c| c.is_ascii_alphabetic()), "{} / {field}: {named}", item.id);
        }
    }
}
