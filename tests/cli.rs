//! The `xingping` command line, run as a program on the examples and the fixtures: what it
//! prints and the exit status it gives.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use xingping::rubric::Rubric;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary from the crate root, so that printed paths are relative to it.
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xingping"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run xingping: {e}"))
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or_else(|| panic!("killed by a signal: {out:?}"))
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(out)))
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A fresh empty directory under the system's temporary directory.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xingping-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::copy(root().join(from), to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
}

/// The file object for `name` in a `score --json` array.
fn entry<'a>(array: &'a Value, name: &str) -> &'a Value {
    array
        .as_array()
        .expect("an array")
        .iter()
        .find(|f| f["file"].as_str().is_some_and(|p| p.ends_with(name)))
        .unwrap_or_else(|| panic!("{name} not in {array}"))
}

#[test]
fn rubric_json_is_the_sheet_data() {
    let out = run(&["rubric", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    let sheet = Rubric::shenmu_2024();
    assert_eq!(doc["id"], "shenmu-2024");
    assert_eq!(doc["version"], sheet.version.as_str());

    let sections = doc["sections"].as_array().expect("sections");
    assert_eq!(sections.len(), 5);
    let items: Vec<&Value> = sections.iter().flat_map(|s| s["items"].as_array().expect("items")).collect();
    assert_eq!(items.len(), 21);
    for (got, want) in items.iter().zip(sheet.items()) {
        assert_eq!(got["id"], want.id.as_str());
        assert_eq!(got["name"], want.name.as_str());
        assert_eq!(got["requirement"], want.requirement.as_str(), "{}", want.id);
        assert_eq!(got["criteria"], want.criteria.as_str(), "{}", want.id);
        assert_eq!(got["max"], want.max.to_string().as_str(), "{}: decimals are strings", want.id);
        let kind = got["kind"].as_str().expect("kind");
        assert!(["deduct", "add", "award", "discretionary", "survey"].contains(&kind), "{kind}");
    }
    let kind_of = |id: &str| items.iter().find(|i| i["id"] == id).map(|i| i["kind"].clone());
    assert_eq!(kind_of("site.signage"), Some("deduct".into()));
    assert_eq!(kind_of("items.utilities"), Some("add".into()));
    assert_eq!(kind_of("satisfaction.selfservice"), Some("award".into()));
    assert_eq!(kind_of("process.standard"), Some("discretionary".into()));
    assert_eq!(kind_of("satisfaction.survey"), Some("survey".into()));
    for (got, want) in sections.iter().zip(&sheet.sections) {
        assert_eq!((got["id"].as_str(), got["name"].as_str()), (Some(want.id.as_str()), Some(want.name.as_str())));
        assert_eq!(got["max"], want.max.to_string().as_str());
    }

    let veto = doc["veto"].as_array().expect("veto");
    assert_eq!(veto.len(), 2);
    for (got, want) in veto.iter().zip(&sheet.veto.items) {
        assert_eq!(got["id"], want.id.as_str());
        assert_eq!(got["name"], want.name.as_str());
        assert_eq!(got["text"], want.text.as_str());
    }
    let levels: Vec<(&str, &str)> = doc["levels"]
        .as_array()
        .expect("levels")
        .iter()
        .map(|l| (l["name"].as_str().unwrap_or_default(), l["min"].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(levels, [("五星", "95"), ("四星", "85"), ("三星", "75")]);
}

#[test]
fn rubric_text_shows_every_item_veto_and_level() {
    let out = run(&["rubric"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    let sheet = Rubric::shenmu_2024();
    for s in &sheet.sections {
        assert!(text.contains(&format!("{}（{}.0 分）", s.name, s.max)), "{}", s.name);
    }
    for i in sheet.items() {
        assert!(text.contains(&format!("{}（{}.0 分", i.name, i.max)), "{}", i.id);
        assert!(text.contains(&format!("评分要求：{}", i.requirement)), "{}", i.id);
        assert!(text.contains(&format!("评分细则：{}", i.criteria)), "{}", i.id);
    }
    for v in &sheet.veto.items {
        assert!(text.contains(&v.text), "{}", v.id);
    }
    assert!(text.contains("五星：95 分（含）以上"));
    assert!(text.contains("不予评定星级：75 分以下"));
}

#[test]
fn scoring_the_examples_gives_their_totals_and_levels() {
    let out = run(&[
        "score",
        "--json",
        "examples/full-marks.json",
        "examples/mixed-township.json",
        "examples/vetoed.json",
        "examples/in-progress.json",
    ]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let doc = json(&out);
    assert_eq!(doc.as_array().map(Vec::len), Some(4));
    let want = [
        ("full-marks.json", "100.0", "五星", true, 21),
        ("mixed-township.json", "88.7", "四星", true, 21),
        ("vetoed.json", "99.0", "一票否决", true, 21),
        ("in-progress.json", "68.0", "不予评定", false, 15),
    ];
    for (file, total, level, is_final, assessed) in want {
        let f = entry(&doc, file);
        assert_eq!(f["ok"], true, "{file}");
        assert_eq!(f["total"], total, "{file}");
        assert_eq!(f["level"], level, "{file}");
        assert_eq!(f["final"], is_final, "{file}");
        assert_eq!(f["assessed"], assessed, "{file}");
        assert_eq!(f["errors"], Value::Array(vec![]), "{file}");
        assert_eq!(f["mismatches"], Value::Array(vec![]), "{file}");
        assert_eq!(f["items"].as_object().map(|m| m.len()), Some(21), "{file}");
        assert_eq!(f["sections"].as_object().map(|m| m.len()), Some(5), "{file}");
    }
    let mixed = entry(&doc, "mixed-township.json");
    assert_eq!(mixed["items"]["satisfaction.survey"], "4.8");
    assert_eq!(mixed["items"]["process.standard"], "9.0");
    assert_eq!(mixed["sections"]["site"], "18.3");
    let open = entry(&doc, "in-progress.json");
    assert_eq!(open["items"]["process.standard"], Value::Null, "未评 is null");
    assert_eq!(open["items"]["site.signage"], "3.0");
}

#[test]
fn the_table_lists_each_file_and_a_summary() {
    let out = run(&["score", "examples"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("文件") && lines[0].contains("已评") && lines[0].contains("状态"), "{}", lines[0]);
    let row = |name: &str| lines.iter().find(|l| l.contains(name)).copied().unwrap_or_else(|| panic!("{name}"));
    let full = row("full-marks.json");
    for cell in ["神木市某镇便民服务中心", "2025", "100.0", "五星", "21/21", "有效"] {
        assert!(full.contains(cell), "{cell} in {full}");
    }
    assert!(row("vetoed.json").contains("一票否决"));
    assert!(row("in-progress.json").contains("15/21"));
    assert!(text.contains("共 4 个文件：有效 4 个，拒绝 0 个，不一致 0 个。"), "{text}");
}

#[test]
fn each_broken_fixture_is_refused_with_a_chinese_reason() {
    let dir = root().join("tests/fixtures/bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n != "tampered-total.json")
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    for name in names {
        let path = format!("tests/fixtures/bad/{name}");
        let out = run(&["score", "--json", &path]);
        assert_eq!(code(&out), 1, "{name}");
        let f = entry(&json(&out), &name).clone();
        assert_eq!(f["ok"], false, "{name}");
        assert_eq!(f["level"], Value::Null, "{name}");
        assert_eq!(f["total"], Value::Null, "{name}");
        let errors = f["errors"].as_array().expect("errors");
        assert!(!errors.is_empty(), "{name}");
        for e in errors {
            assert!(has_chinese(e.as_str().unwrap_or_default()), "{name}: {e}");
        }

        let out = run(&["score", &path]);
        assert_eq!(code(&out), 1, "{name}");
        let text = stdout(&out);
        assert!(text.contains("拒绝："), "{name}: {text}");
        assert!(text.contains(errors[0].as_str().unwrap_or_default()) || text.contains("答案有误"), "{name}: {text}");
    }
}

#[test]
fn specific_fixtures_give_specific_reasons() {
    let cases = [
        ("not-json.json", "不是有效的 JSON"),
        ("truncated.json", "意外结束"),
        ("wrong-format.json", "不是星评的自评提交文件"),
        ("version-2.json", "格式版本为 2"),
        ("other-rubric.json", "yulin-2024"),
        ("unknown-item.json", "site.parking：评分表中没有这一项"),
        ("count-float.json", "计数应为整数"),
        (
            "negative-count.json",
            "标识标志（大厅内未按要求设置标识、功能区不明显等）：不能为负数（site.signage / hall）",
        ),
        ("rate-over-100.json", "群众满意度（满意率）：须在 0 到 100 之间（satisfaction.survey / rate）"),
        ("decimal-as-number.json", "文本形式的小数"),
        ("utf16.json", "不是 UTF-8"),
        ("too-large.json", "不应超过 1 MB"),
    ];
    let paths: Vec<String> = cases.iter().map(|(n, _)| format!("tests/fixtures/bad/{n}")).collect();
    let mut args = vec!["score", "--json"];
    args.extend(paths.iter().map(String::as_str));
    let out = run(&args);
    assert_eq!(code(&out), 1);
    let doc = json(&out);
    for (name, want) in cases {
        let errors = entry(&doc, name)["errors"].to_string();
        assert!(errors.contains(want), "{name}: {errors}");
    }
}

#[test]
fn a_tampered_total_is_a_mismatch() {
    let out = run(&["score", "--json", "tests/fixtures/bad/tampered-total.json"]);
    assert_eq!(code(&out), 1);
    let doc = json(&out);
    let f = entry(&doc, "tampered-total.json");
    assert_eq!(f["ok"], false);
    assert_eq!(f["errors"], Value::Array(vec![]));
    assert_eq!(f["total"], "88.7", "the recomputed total wins");
    assert_eq!(f["level"], "四星");
    assert_eq!(f["mismatches"], serde_json::json!([{ "what": "总分", "stored": "95.0", "recomputed": "88.7" }]));

    let out = run(&["score", "tests/fixtures/bad/tampered-total.json"]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(text.contains("不一致：1 处"), "{text}");
    assert!(text.contains("总分：文件中为 95.0，重新计算为 88.7"), "{text}");
}

#[test]
fn the_v0_and_bom_fixtures_score_as_valid() {
    let out = run(&["score", "--json", "tests/fixtures/v0.json", "tests/fixtures/bom.json"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let doc = json(&out);
    let v0 = entry(&doc, "v0.json");
    assert_eq!((v0["total"].as_str(), v0["migrated_from"].as_u64()), (Some("82.1"), Some(0)));
    assert_eq!(entry(&doc, "bom.json")["total"], "100.0");
}

#[test]
fn a_directory_is_walked_in_path_order() {
    let dir = temp_dir("walk");
    std::fs::create_dir_all(dir.join("b/nested")).expect("dirs");
    copy(Path::new("examples/vetoed.json"), &dir.join("b/nested/z.json"));
    copy(Path::new("examples/full-marks.json"), &dir.join("a.json"));
    copy(Path::new("examples/mixed-township.json"), &dir.join("b/m.JSON"));
    copy(Path::new("examples/full-marks.json"), &dir.join("b/readme.txt"));
    let dir_arg = dir.to_string_lossy().into_owned();
    let out = run(&["score", "--json", &dir_arg]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let doc = json(&out);
    let files: Vec<String> = doc
        .as_array()
        .expect("array")
        .iter()
        .map(|f| f["file"].as_str().unwrap_or_default().trim_start_matches(&dir_arg).to_string())
        .collect();
    let sep = std::path::MAIN_SEPARATOR;
    assert_eq!(files, [format!("{sep}a.json"), format!("{sep}b{sep}m.JSON"), format!("{sep}b{sep}nested{sep}z.json")]);

    // One bad file among good ones makes the run fail, and the others are still scored.
    copy(Path::new("tests/fixtures/bad/not-json.json"), &dir.join("b/broken.json"));
    let out = run(&["score", "--json", &dir_arg]);
    assert_eq!(code(&out), 1);
    let doc = json(&out);
    assert_eq!(doc.as_array().map(Vec::len), Some(4));
    assert_eq!(doc.as_array().map(|a| a.iter().filter(|f| f["ok"] == true).count()), Some(3));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn many_files_keep_their_order_across_threads() {
    let dir = temp_dir("many");
    let sources = ["examples/full-marks.json", "examples/mixed-township.json", "tests/fixtures/bad/not-json.json"];
    for k in 0..150 {
        copy(Path::new(sources[k % 3]), &dir.join(format!("{k:04}.json")));
    }
    let out = run(&["score", "--json", &dir.to_string_lossy()]);
    assert_eq!(code(&out), 1);
    let doc = json(&out);
    let files = doc.as_array().expect("array");
    assert_eq!(files.len(), 150);
    for (k, f) in files.iter().enumerate() {
        assert!(f["file"].as_str().unwrap_or_default().ends_with(&format!("{k:04}.json")), "{k}: {}", f["file"]);
        let want = ["100.0", "88.7"].get(k % 3).map_or(Value::Null, |t| Value::from(*t));
        assert_eq!(f["total"], want, "{k}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_2_with_a_chinese_message() {
    let empty = temp_dir("empty");
    let empty_arg = empty.to_string_lossy().into_owned();
    let cases: &[&[&str]] = &[
        &[],
        &["grade", "examples"],
        &["score"],
        &["score", "--json"],
        &["score", "--csv", "examples"],
        &["rubric", "--yaml"],
        &["rubric", "examples/full-marks.json"],
        &["score", "examples/no-such-file.json"],
        &["score", "examples/full-marks.json", "no/such/dir"],
        &["score", &empty_arg],
    ];
    for args in cases {
        let out = run(args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
        let err = stderr(&out);
        assert!(err.starts_with("xingping：") && has_chinese(&err), "{args:?}: {err}");
    }
    let out = run(&["score", "no/such/dir"]);
    assert!(stderr(&out).contains("路径“no/such/dir”不存在"), "{}", stderr(&out));
    let _ = std::fs::remove_dir_all(&empty);
}

#[test]
fn help_and_version_exit_0() {
    for args in [&["--help"][..], &["-h"], &["help"], &["score", "--help"]] {
        let out = run(args);
        assert_eq!(code(&out), 0, "{args:?}");
        let text = stdout(&out);
        assert!(text.contains("用法") && text.contains("xingping score") && text.contains("退出状态"), "{text}");
    }
    let out = run(&["--version"]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), format!("xingping {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_file_given_by_name_is_read_whatever_its_extension() {
    let dir = temp_dir("ext");
    let file = dir.join("submission.txt");
    copy(Path::new("examples/full-marks.json"), &file);
    let out = run(&["score", "--json", &file.to_string_lossy()]);
    assert_eq!(code(&out), 0);
    assert_eq!(json(&out)[0]["total"], "100.0");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn a_walk_skips_pipes_and_survives_link_loops() {
    let dir = temp_dir("special");
    copy(Path::new("examples/full-marks.json"), &dir.join("a.json"));
    std::fs::create_dir_all(dir.join("sub")).expect("dir");
    // A link back up the tree, and a link to a file, which is scored.
    std::os::unix::fs::symlink(&dir, dir.join("sub/loop")).expect("symlink");
    std::os::unix::fs::symlink(dir.join("a.json"), dir.join("sub/link.json")).expect("symlink");
    // A named pipe would block a reader for ever.
    let made_fifo = Command::new("mkfifo").arg(dir.join("pipe.json")).status().map(|s| s.success()).unwrap_or(false);
    let out = run(&["score", "--json", &dir.to_string_lossy()]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let doc = json(&out);
    let files: Vec<&str> = doc.as_array().expect("array").iter().filter_map(|f| f["file"].as_str()).collect();
    assert_eq!(files.len(), 2, "{files:?} (fifo made: {made_fifo})");
    assert!(files[0].ends_with("a.json") && files[1].ends_with("link.json"), "{files:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
