//! How fast `xingping score` checks a city's worth of files: generates 10,000 varied valid
//! submission files (answers drawn from the sheet's own rules with a fixed seed), then times
//! the built `xingping score DIR --json` (and the table) over them, and the in-process
//! `submission::read` alone for comparison. Prints files per second and total times.
//!
//! Run with `cargo bench --bench score_files`; `XINGPING_BENCH_FILES=N` changes the count and
//! `XINGPING_BENCH_DIR=DIR` writes the files there and keeps them.
//! The target is 10,000 files in under 1 s on a 2-core machine.

use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use xingping::answers::{Answers, Honour, ItemAnswer, Status, VetoAnswer};
use xingping::rubric::{Bound, Rubric, Rule, Term};
use xingping::submission::{self, Submission, Unit};

/// Runs of the command line; the best and the median are reported.
const RUNS: usize = 5;

/// A small fixed-seed generator (xorshift64*), so that every run scores the same files.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `0..=max`.
    fn upto(&mut self, max: u64) -> u64 {
        self.next() % (max + 1)
    }
    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    /// A decimal in `[0, max]` in steps of `step`.
    fn steps(&mut self, max: Decimal, step: Decimal) -> Decimal {
        let n = u64::try_from((max / step).trunc()).unwrap_or(0);
        Decimal::from(self.upto(n)) * step
    }
    fn subset(&mut self, names: &[String], keep_percent: u64) -> xingping::keyed::Names {
        names.iter().filter(|_| self.chance(keep_percent)).cloned().collect()
    }
}

/// A valid answer for one item, drawn from its rule.
fn answer(rng: &mut Rng, rule: &Rule, max: Decimal) -> ItemAnswer {
    let mut a = ItemAnswer {
        status: if rng.chance(92) { Status::Confirmed } else { Status::Unassessed },
        ..ItemAnswer::default()
    };
    match rule {
        Rule::Deduct { terms } => {
            // Lists and fixed counts first: other counts are bounded by them.
            for t in terms {
                match t {
                    Term::Missing { names, .. } => a.present = rng.subset(names, 85),
                    Term::Flag { id, .. } => {
                        a.flags.insert(id.clone(), rng.chance(10));
                    }
                    Term::Count { id, bound: Bound::Fixed(_), .. } => {
                        let n = if rng.chance(60) { 0 } else { rng.upto(4) };
                        a.counts.insert(id.clone(), i64::try_from(n).unwrap_or(0));
                    }
                    Term::Points { id, max, step, .. } if rng.chance(20) => {
                        let p = rng.steps(*max, *step);
                        a.decimals.insert(id.clone(), p);
                        a.reason = "明察暗访发现问题".into();
                    }
                    _ => {}
                }
            }
            for t in terms {
                if let Term::Count { id, bound, .. } = t {
                    let bound = match bound {
                        Bound::Fixed(_) => continue,
                        Bound::Present => a.present.len() as u64,
                        Bound::Count(other) => a.counts.get(other).map_or(0, |n| u64::try_from(*n).unwrap_or(0)),
                    };
                    a.counts.insert(id.clone(), i64::try_from(rng.upto(bound)).unwrap_or(0));
                }
            }
        }
        Rule::Add { names, others, .. } => {
            a.present = rng.subset(names, 70);
            if *others && rng.chance(30) {
                a.others = vec!["有线电视".into()];
            }
        }
        Rule::Award { id, .. } => {
            a.flags.insert(id.clone(), rng.chance(80));
        }
        Rule::Discretionary { step, honours, .. } => {
            let s = if rng.chance(30) { max } else { rng.steps(max, *step) };
            a.decimals.insert("score".into(), s);
            if s < max {
                a.reason = "按实际情况赋分".into();
            }
            if let Some(kind) = honours.get(usize::try_from(rng.upto(3)).unwrap_or(0)) {
                for k in 0..rng.upto(2) {
                    a.honours.push(Honour {
                        kind: kind.clone(),
                        date: format!("2024-{:02}-{:02}", 1 + k * 5, 1 + rng.upto(27)),
                        source: "神木市人民政府".into(),
                    });
                }
            }
        }
        Rule::Survey { .. } => {
            if rng.chance(70) {
                let rate = Decimal::new(i64::try_from(9_000 + rng.upto(1_000)).unwrap_or(10_000), 2);
                a.decimals.insert("rate".into(), rate);
            } else {
                let valid = 50 + rng.upto(450);
                let satisfied = valid - rng.upto(valid / 10);
                a.counts.insert("valid".into(), i64::try_from(valid).unwrap_or(1));
                a.counts.insert("satisfied".into(), i64::try_from(satisfied).unwrap_or(1));
            }
            if rng.chance(10) {
                a.counts.insert("unrectified".into(), 1);
            }
        }
    }
    a
}

fn submission(rng: &mut Rng, rubric: &Rubric, k: usize) -> Submission {
    let mut answers = Answers::default();
    for item in rubric.items() {
        answers.items.insert(item.id.clone(), answer(rng, &item.rule, item.max));
    }
    for v in &rubric.veto.items {
        let a = match rng.upto(49) {
            0 => VetoAnswer::Yes,
            1 | 2 => VetoAnswer::Unanswered,
            _ => VetoAnswer::No,
        };
        answers.veto.insert(v.id.clone(), a);
    }
    let unit = Unit {
        name: format!("神木市第{k}镇便民服务中心"),
        address: format!("神木市某镇人民路 {k} 号"),
        declared_level: ["", "三星", "四星", "五星"][k % 4].into(),
        leader: "王某某（主任）".into(),
        contact: "李某某".into(),
        phone: format!("0912-8{:06}", k % 1_000_000),
        self_assessment: "对照评分表逐项自查。".repeat(k % 5),
    };
    Submission::new(rubric, unit, 2024 + (k % 3) as i32, answers, "0.1.0", "2025-04-20T10:30:00+08:00")
}

/// Writes `count` files into `dir`, in subdirectories of 1,000 as an office might keep them.
fn generate(dir: &Path, count: usize) -> Vec<PathBuf> {
    let rubric = Rubric::shenmu_2024();
    let mut rng = Rng(0x5EED_2024_0045_0002);
    let mut paths = Vec::with_capacity(count);
    for k in 0..count {
        let sub = dir.join(format!("batch-{:03}", k / 1_000));
        if k % 1_000 == 0 {
            std::fs::create_dir_all(&sub).unwrap_or_else(|e| panic!("{}: {e}", sub.display()));
        }
        let path = sub.join(format!("unit-{k:05}.json"));
        std::fs::write(&path, submission(&mut rng, rubric, k).to_json())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        paths.push(path);
    }
    paths
}

/// CPU time (user + system) used so far by this process's finished children, on Linux
/// (`/proc/self/stat`, in clock ticks of 1/100 s); `None` elsewhere.
fn children_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // cutime and cstime are fields 16 and 17 of the whole line, 14 and 15 after the name.
    let ticks: u64 = fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// One run of the command line: wall time, CPU time, what it printed and its exit status.
struct Run {
    wall: Duration,
    cpu: Option<Duration>,
    stdout: Vec<u8>,
    code: i32,
}

fn run_cli(args: &[&str]) -> Run {
    let cpu_before = children_cpu();
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_xingping"))
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .unwrap_or_else(|e| panic!("cannot run xingping: {e}"));
    let wall = started.elapsed();
    let cpu = children_cpu().zip(cpu_before).map(|(after, before)| after.saturating_sub(before));
    Run { wall, cpu, stdout: out.stdout, code: out.status.code().unwrap_or(-1) }
}

/// `"k0":value,"k1":value,…`: the members of one wide object.
fn wide_members(count: usize, value: &str) -> String {
    (0..count).map(|i| format!("\"k{i}\":{value}")).collect::<Vec<_>>().join(",")
}

fn report(what: &str, count: usize, mut times: Vec<Duration>) {
    times.sort();
    let best = times[0];
    let median = times[times.len() / 2];
    let per_sec = |d: Duration| count as f64 / d.as_secs_f64();
    println!(
        "{what:<44} best {:>7.1} ms ({:>8.0} files/s), median {:>7.1} ms ({:>8.0} files/s)",
        best.as_secs_f64() * 1e3,
        per_sec(best),
        median.as_secs_f64() * 1e3,
        per_sec(median)
    );
}

/// The CPU time of the runs: unlike wall time, it hardly depends on what else the machine runs.
fn report_cpu(what: &str, count: usize, runs: &[Run]) {
    let mut cpu: Vec<Duration> = runs.iter().filter_map(|r| r.cpu).collect();
    cpu.sort();
    if let Some(best) = cpu.first() {
        println!(
            "{what:<44} CPU (user + sys) {:>7.1} ms, {:>6.1} µs per file",
            best.as_secs_f64() * 1e3,
            best.as_secs_f64() * 1e6 / count as f64
        );
    }
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and then a quick smoke
    // run with a few files is enough.
    let benching = std::env::args().any(|a| a == "--bench");
    let count = std::env::var("XINGPING_BENCH_FILES").ok().and_then(|n| n.parse().ok()).unwrap_or(if benching {
        10_000
    } else {
        200
    });
    // `XINGPING_BENCH_DIR` keeps the files there for a profiler; by default they are removed.
    let keep = std::env::var_os("XINGPING_BENCH_DIR").map(PathBuf::from);
    let dir =
        keep.clone().unwrap_or_else(|| std::env::temp_dir().join(format!("xingping-bench-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&dir);

    let started = Instant::now();
    let paths = generate(&dir, count);
    let bytes: u64 = paths.iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum();
    println!(
        "generated {count} files ({:.1} MB) in {:.2} s under {}",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        dir.display()
    );

    let dir_arg = dir.to_string_lossy().into_owned();
    let runs = if benching { RUNS } else { 1 };
    let mut json_runs = Vec::new();
    for _ in 0..runs {
        let run = run_cli(&["score", &dir_arg, "--json"]);
        assert_eq!(run.code, 0, "every generated file is valid and consistent");
        let doc: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON output");
        assert_eq!(doc.as_array().map(Vec::len), Some(count), "one entry per file");
        json_runs.push(run);
    }
    let what = format!("xingping score DIR --json ({count} files)");
    report(&what, count, json_runs.iter().map(|r| r.wall).collect());
    report_cpu(&what, count, &json_runs);

    let mut table_runs = Vec::new();
    for _ in 0..runs {
        let run = run_cli(&["score", &dir_arg]);
        assert_eq!(run.code, 0);
        assert!(String::from_utf8_lossy(&run.stdout).contains(&format!("共 {count} 个文件：有效 {count} 个")));
        table_runs.push(run);
    }
    let what = format!("xingping score DIR (table, {count} files)");
    report(&what, count, table_runs.iter().map(|r| r.wall).collect());
    report_cpu(&what, count, &table_runs);

    // The domain alone, one thread, files already in memory: parse, migrate, check, score, compare.
    let rubric = Rubric::shenmu_2024();
    let contents: Vec<Vec<u8>> = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    let mut read_times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let valid =
            contents.iter().filter(|b| submission::read(rubric, b).is_ok_and(|l| l.mismatches.is_empty())).count();
        read_times.push(started.elapsed());
        assert_eq!(valid, count);
    }
    report("submission::read in memory, one thread", count, read_times);

    // Hostile files just under 1 MiB: one object with tens of thousands of keys where a few
    // fields belong, or as many item ids. Reading must stay linear-ish (they are refused).
    let head = r#"{"format":"xingping-submission","format_version":1,"rubric":{"id":"shenmu-2024","version":"1"},"app_version":"x","saved_at":"","year":2024,"#;
    let wide_unit = format!("{head}\"unit\":{{{}}},\"answers\":{{}}}}", wide_members(70_000, "\"\""));
    let wide_items = format!("{head}\"unit\":{{}},\"answers\":{{\"items\":{{{}}}}}}}", wide_members(60_000, "{}"));
    for (what, text) in [("a unit of 70,000 keys", wide_unit), ("60,000 item ids", wide_items)] {
        assert!(text.len() < submission::MAX_FILE_BYTES);
        let mut times = Vec::new();
        for _ in 0..runs {
            let started = Instant::now();
            assert!(submission::read(rubric, text.as_bytes()).is_err());
            times.push(started.elapsed());
        }
        report(&format!("submission::read, {what}"), 1, times);
    }

    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
