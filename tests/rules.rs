//! One row per rule, floor, cap and level boundary of the 附件2 sheet, as `rubric.md` reads it.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use xingping::answers::{Answers, Honour, InputError, ItemAnswer, Status, VetoAnswer};
use xingping::rubric::Rubric;
use xingping::score::{check_item, level_for, score, score_item, Level};

#[path = "support/answers.rs"]
mod support;
use support::{all_full_marks, A, AMENITIES, AREAS, FACILITIES, RULES, WINDOWS};

fn item_score(id: &str, a: A) -> Decimal {
    let item = Rubric::shenmu_2024().item(id).expect("item exists");
    match score_item(item, &a.0) {
        Ok(s) => s.score,
        Err(e) => panic!("{id}: unexpected errors {e:?}"),
    }
}

fn item_errors(id: &str, a: A) -> Vec<(String, InputError)> {
    let item = Rubric::shenmu_2024().item(id).expect("item exists");
    match score_item(item, &a.0) {
        Ok(s) => panic!("{id}: expected an error, got {}", s.score),
        Err(e) => e.into_iter().map(|e| (e.field, e.error)).collect(),
    }
}

#[test]
fn each_rule_scores_as_the_sheet_says() {
    let rows: Vec<(&str, &str, A, Decimal)> = vec![
        // 标识标志 3: −2 no sign, −0.2 per hall issue, floor 0.
        ("signage full marks", "site.signage", A::new(), dec!(3)),
        ("signage no sign", "site.signage", A::new().flag("no_sign"), dec!(1)),
        ("signage three hall issues", "site.signage", A::new().flag("no_sign").count("hall", 3), dec!(0.4)),
        ("signage floors at zero", "site.signage", A::new().flag("no_sign").count("hall", 6), dec!(0)),
        ("signage hall only", "site.signage", A::new().count("hall", 15), dec!(0)),
        // 窗口设置 10: −1 per missing window, −2 no 一次性告知, −2 per non-functional window.
        ("windows all present", "site.windows", A::new().present(WINDOWS), dec!(10)),
        ("windows one missing", "site.windows", A::new().present(&WINDOWS[..2]), dec!(9)),
        ("windows none", "site.windows", A::new(), dec!(7)),
        ("windows no notice", "site.windows", A::new().present(WINDOWS).flag("no_notice"), dec!(8)),
        ("windows nonfunctional", "site.windows", A::new().present(WINDOWS).count("nonfunctional", 2), dec!(6)),
        (
            "windows floor",
            "site.windows",
            A::new().present(WINDOWS).flag("no_notice").count("nonfunctional", 3),
            dec!(2),
        ),
        (
            "windows mixed",
            "site.windows",
            A::new().present(&WINDOWS[..1]).flag("no_notice").count("nonfunctional", 1),
            dec!(4),
        ),
        // 功能分布 3: −0.5 per missing area.
        ("areas all", "site.areas", A::new().present(AREAS), dec!(3)),
        ("areas two missing", "site.areas", A::new().present(&AREAS[..4]), dec!(2)),
        ("areas all missing floors at zero", "site.areas", A::new(), dec!(0)),
        // 设施配备 4: −0.5 per missing of six, so never below 1.
        ("facilities all", "site.facilities", A::new().present(FACILITIES), dec!(4)),
        ("facilities all missing", "site.facilities", A::new(), dec!(1)),
        // 应进全进 5: −0.5 per missing matter, floor 0.
        ("complete", "items.complete", A::new(), dec!(5)),
        ("complete three missing", "items.complete", A::new().count("missing", 3), dec!(3.5)),
        ("complete floors at zero", "items.complete", A::new().count("missing", 11), dec!(0)),
        // 水电气电信 10: +2 each, cap 10.
        ("utilities none", "items.utilities", A::new(), dec!(0)),
        ("utilities two", "items.utilities", A::new().present(&["供水", "供电"]), dec!(4)),
        ("utilities four", "items.utilities", A::new().present(&["供水", "供电", "供气", "电信"]), dec!(8)),
        (
            "utilities five reach cap",
            "items.utilities",
            A::new().present(&["供水", "供电", "供气", "电信"]).others(&["广电"]),
            dec!(10),
        ),
        (
            "utilities capped at 10",
            "items.utilities",
            A::new().present(&["供水", "供电", "供气", "电信"]).others(&["广电", "邮政"]),
            dec!(10),
        ),
        // 基层站所 8: +2 each, cap 8.
        ("stations three", "items.stations", A::new().present(&["市场监管", "自然资源", "司法"]), dec!(6)),
        (
            "stations capped at 8",
            "items.stations",
            A::new().present(&["市场监管", "自然资源", "退役军人", "司法"]).others(&["税务"]),
            dec!(8),
        ),
        // 动态调整 2: −1 not adjusted, −0.2 per inconsistency, floor 0.
        ("dynamic", "items.dynamic", A::new(), dec!(2)),
        ("dynamic not adjusted", "items.dynamic", A::new().flag("not_adjusted"), dec!(1)),
        ("dynamic inconsistencies", "items.dynamic", A::new().count("inconsistent", 4), dec!(1.2)),
        ("dynamic floor", "items.dynamic", A::new().flag("not_adjusted").count("inconsistent", 6), dec!(0)),
        // 规范流程 10: discretionary.
        ("process full", "process.standard", A::new().dec("score", dec!(10)), dec!(10)),
        ("process with reason", "process.standard", A::new().dec("score", dec!(8.7)).reason("台账不全"), dec!(8.7)),
        ("process zero", "process.standard", A::new().dec("score", dec!(0)).reason("未按要求实施"), dec!(0)),
        // 人员管理 3.
        ("staffing", "management.staffing", A::new(), dec!(3)),
        ("staffing no director", "management.staffing", A::new().flag("no_director"), dec!(1)),
        ("staffing both", "management.staffing", A::new().flag("no_director").flag("short_staff"), dec!(0)),
        // 服务形象 3: −2 uniform, minus 明察暗访 points, floor 0.
        ("image", "management.image", A::new(), dec!(3)),
        ("image uniform", "management.image", A::new().flag("no_uniform"), dec!(1)),
        ("image visit", "management.image", A::new().dec("visit", dec!(0.5)).reason("暗访发现态度生硬"), dec!(2.5)),
        (
            "image floor",
            "management.image",
            A::new().flag("no_uniform").dec("visit", dec!(1.5)).reason("暗访"),
            dec!(0),
        ),
        // 效能纪律 2: −0.5 per violation, floor 0.
        ("discipline", "management.discipline", A::new().count("violations", 3), dec!(0.5)),
        ("discipline floor", "management.discipline", A::new().count("violations", 5), dec!(0)),
        // 物品管理 4: −0.5 per lapse, floor 0.
        ("tidiness", "management.tidiness", A::new().count("lapses", 3), dec!(2.5)),
        ("tidiness floor", "management.tidiness", A::new().count("lapses", 9), dec!(0)),
        // 制度建设 2: −0.5 per missing rule, −0.5 per not implemented, floor 0.
        ("rules all", "management.rules", A::new().present(RULES), dec!(2)),
        (
            "rules one missing one lapse",
            "management.rules",
            A::new().present(&RULES[..5]).count("not_implemented", 1),
            dec!(1),
        ),
        ("rules floor", "management.rules", A::new().present(&RULES[..3]), dec!(0.5)),
        ("rules all missing floor", "management.rules", A::new(), dec!(0)),
        // 便民设施 4: +0.5 each, cap 4.
        ("amenities six", "management.amenities", A::new().present(AMENITIES), dec!(3)),
        (
            "amenities eight reach cap",
            "management.amenities",
            A::new().present(AMENITIES).others(&["母婴室", "轮椅租借"]),
            dec!(4),
        ),
        (
            "amenities capped",
            "management.amenities",
            A::new().present(AMENITIES).others(&["母婴室", "轮椅租借", "针线包"]),
            dec!(4),
        ),
        // 咨询投诉 2.
        ("complaints hotline", "management.complaints", A::new().flag("no_hotline"), dec!(1)),
        ("complaints floor", "management.complaints", A::new().flag("no_hotline").count("late_feedback", 3), dec!(0)),
        // 网办率 5: −0.5 per item not operable.
        ("online", "satisfaction.online", A::new().count("sampled", 10).count("not_operable", 3), dec!(3.5)),
        ("online floor", "satisfaction.online", A::new().count("sampled", 12).count("not_operable", 12), dec!(0)),
        // 就近办 3.
        ("nearby", "satisfaction.nearby", A::new().flag("weak_nearby"), dec!(1)),
        ("nearby both", "satisfaction.nearby", A::new().flag("weak_nearby").flag("weak_village"), dec!(0)),
        // 自助办 3: all or nothing.
        ("selfservice yes", "satisfaction.selfservice", A::new().flag("running"), dec!(3)),
        ("selfservice no", "satisfaction.selfservice", A::new(), dec!(0)),
        // 群众满意度 6: −0.1 per whole 0.1 % drop, −1 per 未整改, floor 0.
        ("survey 100%", "satisfaction.survey", A::new().dec("rate", dec!(100)), dec!(6)),
        ("survey 99.9% → 5.9", "satisfaction.survey", A::new().dec("rate", dec!(99.9)), dec!(5.9)),
        ("survey 99.95% → 6 (half a step)", "satisfaction.survey", A::new().dec("rate", dec!(99.95)), dec!(6)),
        ("survey 98.75% → 4.8", "satisfaction.survey", A::new().dec("rate", dec!(98.75)), dec!(4.8)),
        ("survey 95% → 1", "satisfaction.survey", A::new().dec("rate", dec!(95)), dec!(1)),
        ("survey 94% floors", "satisfaction.survey", A::new().dec("rate", dec!(94)), dec!(0)),
        ("survey rectify", "satisfaction.survey", A::new().dec("rate", dec!(99.5)).count("unrectified", 2), dec!(3.5)),
        (
            "survey rectify floor",
            "satisfaction.survey",
            A::new().dec("rate", dec!(100)).count("unrectified", 7),
            dec!(0),
        ),
        (
            "survey counts 395/400 = 98.75%",
            "satisfaction.survey",
            A::new().count("satisfied", 395).count("valid", 400),
            dec!(4.8),
        ),
        (
            "survey counts 2/3 = 66.67% floors",
            "satisfaction.survey",
            A::new().count("satisfied", 2).count("valid", 3),
            dec!(0),
        ),
        (
            "survey counts 299/300 = 99.67%",
            "satisfaction.survey",
            A::new().count("satisfied", 299).count("valid", 300),
            dec!(5.7),
        ),
        (
            "survey counts 999/1000 = 99.9%",
            "satisfaction.survey",
            A::new().count("satisfied", 999).count("valid", 1000),
            dec!(5.9),
        ),
        ("survey counts all", "satisfaction.survey", A::new().count("satisfied", 50).count("valid", 50), dec!(6)),
        // 创新做法 8: discretionary with honours.
        ("innovation full", "satisfaction.innovation", A::new().dec("score", dec!(8)), dec!(8)),
        // rubric.md asks a reason below full marks of 规范流程 only: 创新做法 is backed by honours.
        ("innovation partial, no reason", "satisfaction.innovation", A::new().dec("score", dec!(6)), dec!(6)),
        (
            "innovation partial",
            "satisfaction.innovation",
            A::new().dec("score", dec!(5.5)).reason("获市级通报表扬一次"),
            dec!(5.5),
        ),
    ];
    for (name, id, answer, want) in rows {
        assert_eq!(item_score(id, answer), want, "{name}");
    }
}

#[test]
fn each_bad_value_is_a_typed_error_not_a_clamp() {
    let rows: Vec<(&str, &str, A, &str, InputError)> = vec![
        ("negative count", "site.signage", A::new().count("hall", -1), "hall", InputError::Negative),
        (
            "open count above sane limit",
            "items.complete",
            A::new().count("missing", 1000),
            "missing",
            InputError::TooMany { max: 999, of: "合理上限".into() },
        ),
        (
            "non-functional windows above those set",
            "site.windows",
            A::new().present(&WINDOWS[..2]).count("nonfunctional", 3),
            "nonfunctional",
            InputError::TooMany { max: 2, of: "已设置的窗口共 2 个".into() },
        ),
        (
            "not operable above sampled",
            "satisfaction.online",
            A::new().count("sampled", 5).count("not_operable", 6),
            "not_operable",
            InputError::TooMany { max: 5, of: "现场抽测的事项共 5 项".into() },
        ),
        (
            "unknown area",
            "site.areas",
            A::new().present(&["母婴室"]),
            "present",
            InputError::UnknownName("母婴室".into()),
        ),
        ("unknown input", "site.signage", A::new().count("bogus", 1), "bogus", InputError::UnknownInput),
        (
            "rate above 100",
            "satisfaction.survey",
            A::new().dec("rate", dec!(100.5)),
            "rate",
            InputError::OutOfRange { min: dec!(0), max: dec!(100) },
        ),
        (
            "rate below 0",
            "satisfaction.survey",
            A::new().dec("rate", dec!(-1)),
            "rate",
            InputError::OutOfRange { min: dec!(0), max: dec!(100) },
        ),
        (
            "rate three decimals",
            "satisfaction.survey",
            A::new().dec("rate", dec!(98.755)),
            "rate",
            InputError::TooPrecise { places: 2 },
        ),
        (
            "satisfied above valid",
            "satisfaction.survey",
            A::new().count("satisfied", 401).count("valid", 400),
            "satisfied",
            InputError::SatisfiedAboveValid,
        ),
        (
            "no valid questionnaires",
            "satisfaction.survey",
            A::new().count("satisfied", 0).count("valid", 0),
            "valid",
            InputError::NoValidQuestionnaires,
        ),
        (
            "both survey modes",
            "satisfaction.survey",
            A::new().dec("rate", dec!(99)).count("satisfied", 1).count("valid", 1),
            "rate",
            InputError::BothSurveyModes,
        ),
        ("survey nothing entered", "satisfaction.survey", A::new(), "rate", InputError::Missing),
        (
            "survey valid without satisfied",
            "satisfaction.survey",
            A::new().count("valid", 10),
            "satisfied",
            InputError::Missing,
        ),
        (
            "discretionary above max",
            "process.standard",
            A::new().dec("score", dec!(10.1)),
            "score",
            InputError::OutOfRange { min: dec!(0), max: dec!(10) },
        ),
        (
            "discretionary negative",
            "satisfaction.innovation",
            A::new().dec("score", dec!(-0.1)).reason("x"),
            "score",
            InputError::OutOfRange { min: dec!(0), max: dec!(8) },
        ),
        (
            "discretionary off step",
            "process.standard",
            A::new().dec("score", dec!(9.25)).reason("x"),
            "score",
            InputError::NotAStep { step: dec!(0.1) },
        ),
        (
            "discretionary reason missing",
            "process.standard",
            A::new().dec("score", dec!(9.5)),
            "reason",
            InputError::ReasonRequired,
        ),
        (
            "discretionary blank reason",
            "process.standard",
            A::new().dec("score", dec!(9.5)).reason("   "),
            "reason",
            InputError::ReasonRequired,
        ),
        ("discretionary not entered", "process.standard", A::new(), "score", InputError::Missing),
        (
            "visit deduction needs a reason",
            "management.image",
            A::new().dec("visit", dec!(1)),
            "reason",
            InputError::ReasonRequired,
        ),
        (
            "visit deduction above 3",
            "management.image",
            A::new().dec("visit", dec!(3.5)).reason("x"),
            "visit",
            InputError::OutOfRange { min: dec!(0), max: dec!(3) },
        ),
        (
            "other name repeats a listed one",
            "items.utilities",
            A::new().others(&["供水"]),
            "others",
            InputError::DuplicateName("供水".into()),
        ),
        (
            "other name given twice",
            "management.amenities",
            A::new().others(&["母婴室", " 母婴室 "]),
            "others",
            InputError::DuplicateName("母婴室".into()),
        ),
        ("other name empty", "management.amenities", A::new().others(&["  "]), "others", InputError::EmptyName),
        (
            "others where the sheet lists none",
            "site.areas",
            A::new().others(&["母婴室"]),
            "others",
            InputError::UnknownInput,
        ),
        ("reason where none is asked", "site.areas", A::new().reason("x"), "reason", InputError::UnknownInput),
    ];
    for (name, id, answer, field, error) in rows {
        let got = item_errors(id, answer);
        assert!(got.contains(&(field.to_string(), error.clone())), "{name}: got {got:?}, want {field} {error:?}");
    }
}

#[test]
fn it_checks_honours_and_long_texts() {
    let mut a = A::new().dec("score", dec!(8));
    a.0.honours = vec![
        Honour { kind: "表彰".into(), date: "2025-03-01".into(), source: "神木市人民政府".into() },
        Honour { kind: "锦旗".into(), date: "2025-13-01".into(), source: " ".into() },
    ];
    let got = item_errors("satisfaction.innovation", a);
    assert!(got.contains(&("honours".into(), InputError::UnknownHonour("锦旗".into()))), "{got:?}");
    assert!(got.contains(&("honours".into(), InputError::BadDate)), "{got:?}");
    assert!(got.contains(&("honours".into(), InputError::MissingSource)), "{got:?}");
    // A date not filled in yet asks for one rather than for another format.
    let mut a = A::new().dec("score", dec!(8));
    a.0.honours = vec![Honour { kind: "表彰".into(), date: " ".into(), source: "神木市人民政府".into() }];
    assert_eq!(item_errors("satisfaction.innovation", a), vec![("honours".into(), InputError::Missing)]);

    let mut a = A::new().present(AREAS);
    a.0.note = "字".repeat(2_001);
    assert_eq!(item_errors("site.areas", a), vec![("note".into(), InputError::TooLong { max: 2_000 })]);
    let mut a = A::new().present(AREAS);
    a.0.note = "字".repeat(2_000);
    assert_eq!(item_score("site.areas", a), dec!(3));
}

#[test]
fn it_explains_each_score_in_one_line() {
    let rubric = Rubric::shenmu_2024();
    let line = |id: &str, a: A| score_item(rubric.item(id).expect("item"), &a.0).expect("valid").explanation;
    assert_eq!(
        line("site.signage", A::new().flag("no_sign").count("hall", 3)),
        "3 − 2（未设置服务站（中心）标识）− 0.2 × 3（大厅内未按要求设置标识、功能区不明显等 3 项）= 0.4"
    );
    assert_eq!(line("site.signage", A::new()), "3（无扣分）= 3");
    assert_eq!(
        line("items.complete", A::new().count("missing", 11)),
        "5 − 0.5 × 11（应进未进的镇（街）政务服务事项 11 项）= −0.5 → 0（扣完为止）"
    );
    assert_eq!(
        line("items.stations", A::new().present(&["市场监管", "自然资源", "退役军人", "司法"]).others(&["税务"])),
        "2 × 5（已进驻事项的基层站所 5 项：市场监管、自然资源、退役军人、司法、税务）= 10 → 8（上限 8 分）"
    );
    assert_eq!(
        line("satisfaction.survey", A::new().dec("rate", dec!(98.75)).count("unrectified", 1)),
        "6 − 0.1 × 12（满意率 98.75%，较 100% 降 1.25%，计 12 个 0.1%）− 1 × 1（未按要求整改 1 次）= 3.8"
    );
    // Only whole steps count, and the line shows the drop exactly enough to see why: 10 of
    // 5001 is a drop of 0.1999…%, one step (the rate reads ≈ 99.8%, which as typed is two).
    assert_eq!(
        line("satisfaction.survey", A::new().count("satisfied", 4991).count("valid", 5001)),
        "6 − 0.1 × 1（满意 4991/5001 份 ≈ 99.8%，较 100% 降 0.1999…%，计 1 个 0.1%）= 5.9"
    );
    assert_eq!(
        line("satisfaction.survey", A::new().count("satisfied", 395).count("valid", 400)),
        "6 − 0.1 × 12（满意 395/400 份 = 98.75%，较 100% 降 1.25%，计 12 个 0.1%）= 4.8"
    );
    assert_eq!(
        line("satisfaction.survey", A::new().dec("rate", dec!(99.95))),
        "6（满意率 99.95%，较 100% 降 0.05%，不足 0.1%，不扣分）= 6"
    );
    assert_eq!(line("satisfaction.survey", A::new().dec("rate", dec!(100))), "6（满意率 100%）= 6");
    assert_eq!(line("site.areas", A::new().present(&AREAS[1..])), "3 − 0.5 × 1（缺少咨询导服区）= 2.5");
    assert_eq!(line("satisfaction.selfservice", A::new()), "未配备或未正常运行，得 0 分");
    assert_eq!(line("process.standard", A::new().dec("score", dec!(9.5)).reason("x")), "赋分 9.5，低于满分 0.5 分");
}

/// Full marks less `lost` points, taken from 规范流程 (10) with a reason.
fn answers_with_total(total: Decimal) -> Answers {
    let mut answers = all_full_marks();
    let lost = dec!(100) - total;
    assert!(lost <= dec!(10));
    let process = A::new().dec("score", dec!(10) - lost).reason("测试");
    answers.items.insert("process.standard".into(), process.0);
    answers
}

#[test]
fn it_sums_full_marks_to_100_five_stars_final() {
    let r = score(Rubric::shenmu_2024(), &all_full_marks());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.total, dec!(100));
    assert_eq!(r.assessed, 21);
    assert_eq!(r.item_count, 21);
    assert_eq!(r.best_reachable, dec!(100));
    assert_eq!(r.level, Level::Star("五星".into()));
    assert!(r.is_final);
    assert_eq!(r.next, None);
    let subtotals: Vec<_> = r.sections.iter().map(|s| (s.name.as_str(), s.score)).collect();
    assert_eq!(
        subtotals,
        [
            ("场地建设", dec!(20)),
            ("事项进驻", dec!(25)),
            ("服务流程", dec!(10)),
            ("服务管理", dec!(20)),
            ("服务满意度", dec!(25))
        ]
    );
}

#[test]
fn each_level_boundary_is_inclusive_at_its_lower_end() {
    let rows = [
        (dec!(100), "五星"),
        (dec!(95.0), "五星"),
        (dec!(94.9), "四星"),
        (dec!(85), "四星"),
        (dec!(84.9), "三星"),
        (dec!(75), "三星"),
        (dec!(74.9), "不予评定"),
        (dec!(0), "不予评定"),
    ];
    for (total, want) in rows {
        assert_eq!(level_for(Rubric::shenmu_2024(), total).label(), want, "{total}");
    }
    for (total, want) in [(dec!(95.0), "五星"), (dec!(94.9), "四星"), (dec!(90), "四星")] {
        let r = score(Rubric::shenmu_2024(), &answers_with_total(total));
        assert_eq!((r.total, r.level.label()), (total, want));
    }
}

#[test]
fn it_says_how_far_the_next_level_is() {
    let r = score(Rubric::shenmu_2024(), &answers_with_total(dec!(94.9)));
    let next = r.next.expect("five stars is above");
    assert_eq!((next.name.as_str(), next.needed), ("五星", dec!(0.1)));

    let r = score(Rubric::shenmu_2024(), &Answers::default());
    let next = r.next.expect("three stars is above 0");
    assert_eq!((next.name.as_str(), next.needed), ("三星", dec!(75)));
}

#[test]
fn a_veto_overrides_100_points() {
    let mut answers = all_full_marks();
    answers.veto.insert("veto.accident".into(), VetoAnswer::Yes);
    let r = score(Rubric::shenmu_2024(), &answers);
    assert_eq!(r.total, dec!(100));
    assert_eq!(r.level, Level::Vetoed);
    assert_eq!(r.level.label(), "一票否决");
    assert_eq!(r.level_by_total.label(), "五星");
    assert!(r.vetoed());
    assert_eq!(r.next, None);
    assert!(r.is_final);
}

#[test]
fn unassessed_items_count_zero_and_keep_the_prediction_open() {
    let mut answers = all_full_marks();
    answers.items.get_mut("items.utilities").expect("answered").status = Status::Unassessed;
    answers.items.remove("satisfaction.innovation");
    answers.veto.remove("veto.incident");
    let r = score(Rubric::shenmu_2024(), &answers);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.total, dec!(82));
    assert_eq!(r.assessed, 19);
    assert_eq!(r.best_reachable, dec!(100));
    assert_eq!(r.level.label(), "三星");
    assert!(!r.is_final);
    assert_eq!(r.veto_unanswered(), 1);
    // A confirmed item with nothing deducted is not 未评, and an empty confirmed one is not 0.
    let r = score(Rubric::shenmu_2024(), &Answers::default());
    assert_eq!((r.total, r.assessed, r.best_reachable), (dec!(0), 0, dec!(100)));
}

#[test]
fn a_confirmed_item_missing_its_value_is_an_error_and_an_unassessed_one_is_not() {
    let rubric = Rubric::shenmu_2024();
    let process = rubric.item("process.standard").expect("item");
    let unassessed = ItemAnswer::default();
    assert_eq!(check_item(process, &unassessed), Ok(()));
    let confirmed = A::new().0;
    let errors = check_item(process, &confirmed).expect_err("missing score");
    assert_eq!(errors[0].error, InputError::Missing);
    // An invalid value blocks even an unassessed item.
    let bad = ItemAnswer { counts: [("hall".to_string(), -2)].into(), ..ItemAnswer::default() };
    assert!(check_item(rubric.item("site.signage").expect("item"), &bad).is_err());

    let mut answers = Answers::default();
    answers.items.insert("process.standard".into(), confirmed);
    answers.items.insert("nope.item".into(), ItemAnswer::default());
    answers.veto.insert("veto.nope".into(), VetoAnswer::Yes);
    let r = score(rubric, &answers);
    let fields: Vec<(&str, &InputError)> = r.errors.iter().map(|e| (e.item.as_str(), &e.error)).collect();
    assert!(fields.contains(&("process.standard", &InputError::Missing)), "{fields:?}");
    assert!(fields.contains(&("nope.item", &InputError::UnknownItem)), "{fields:?}");
    assert!(fields.contains(&("veto.nope", &InputError::UnknownItem)), "{fields:?}");
    assert!(!r.vetoed(), "an unknown veto id does not veto");
}

#[test]
fn staffing_short_staff_alone_deducts_1() {
    assert_eq!(item_score("management.staffing", A::new().flag("short_staff")), dec!(2));
}

#[test]
fn complaints_late_feedback_deducts_half_a_point_each_time() {
    assert_eq!(item_score("management.complaints", A::new().count("late_feedback", 1)), dec!(1.5));
    assert_eq!(item_score("management.complaints", A::new().count("late_feedback", 2)), dec!(1));
}

#[test]
fn nearby_weak_village_alone_deducts_1() {
    assert_eq!(item_score("satisfaction.nearby", A::new().flag("weak_village")), dec!(2));
}

#[test]
fn a_yes_to_the_incident_veto_overrides_100_points() {
    let mut answers = all_full_marks();
    answers.veto.insert("veto.incident".into(), VetoAnswer::Yes);
    let r = score(Rubric::shenmu_2024(), &answers);
    assert_eq!(r.total, dec!(100));
    assert_eq!(r.level, Level::Vetoed);
    assert_eq!(r.level.label(), "一票否决");
    assert!(r.vetoed());
    assert_eq!(r.next, None);
}

#[test]
fn final_needs_both_veto_questions_answered() {
    for unanswered in ["veto.incident", "veto.accident"] {
        let mut answers = all_full_marks();
        answers.veto.remove(unanswered);
        let r = score(Rubric::shenmu_2024(), &answers);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert_eq!(r.assessed, 21);
        assert_eq!(r.veto_unanswered(), 1, "{unanswered}");
        assert!(!r.is_final, "{unanswered} unanswered");
    }
    let r = score(Rubric::shenmu_2024(), &all_full_marks());
    assert_eq!((r.assessed, r.veto_unanswered()), (21, 0));
    assert!(r.is_final);
}

#[test]
fn an_open_count_of_999_is_accepted() {
    assert_eq!(item_score("items.complete", A::new().count("missing", 999)), dec!(0));
}

#[test]
fn a_further_other_name_is_checked_by_the_engines_rule_before_it_is_added() {
    use xingping::score::other_error;
    // Files and drafts keep the rule they were written under: names are compared trimmed, so
    // "供 水" beside the listed 供水 is read as before (the page no longer lets it be added).
    let item = Rubric::shenmu_2024().item("items.utilities").expect("item");
    assert!(score_item(item, &A::new().others(&["供 水"]).0).is_ok());
    let names = ["供水".to_string(), "供电".to_string()];
    let others = ["有线电视".to_string()];
    assert_eq!(other_error(&names, &others, "燃气"), None);
    assert_eq!(other_error(&names, &others, " 供 水"), Some(InputError::DuplicateName("供 水".into())));
    assert_eq!(other_error(&names, &others, "有线　电视"), Some(InputError::DuplicateName("有线　电视".into())));
    assert_eq!(other_error(&names, &others, "  "), Some(InputError::EmptyName));
    assert_eq!(other_error(&names, &others, &"长".repeat(51)), Some(InputError::TooLong { max: 50 }));
    let full: Vec<String> = (0..50).map(|i| format!("其他{i}")).collect();
    assert_eq!(other_error(&names, &full, "燃气"), Some(InputError::TooManyEntries { max: 50 }));
}
