//! The `xingping` command line for the city office: prints the 附件2 sheet and scores
//! submission files in bulk, over the same domain modules as the page.
//!
//! Everything it prints is derived by [`xingping::submission::read`], which recomputes every
//! score from the answers; the command line adds only file handling and presentation. It
//! never trusts a file: a file that cannot be read or is refused is reported, not a panic.

use rust_decimal::Decimal;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use xingping::answers::FieldError;
use xingping::json::short;
use xingping::rubric::{Rubric, Rule};
use xingping::score::{fmt_num, fmt_score, UNRATED};
use xingping::submission::{self, Loaded, Mismatch, ReadError, WrongValue, MAX_FILE_BYTES};

const USAGE: &str = "\
星评（xingping）：神木市镇（街）星级便民服务机构创建自评工具 · 命令行

用法：
  xingping rubric [--json]            显示评分表（附件2）；--json 输出一个 JSON 对象
  xingping score 文件或目录… [--json]  读取自评提交文件，按评分表重新计算并核对；
                                      目录会递归查找其中的 *.json 文件（按路径排序）
  xingping --help                     显示本说明
  xingping --version                  显示版本

选项：
  --json    以 JSON 输出（score 输出一个数组，每个文件一项）
  --        其后的参数都当作文件名

退出状态：
  0  所有文件有效，且文件中保存的结果与重新计算一致
  1  有文件被拒绝，或保存的结果与重新计算不一致
  2  用法错误（未知命令或选项、未给出文件、路径不存在等）
";

/// Files handed to one worker at a time; small enough to balance, large enough to be cheap.
const CHUNK: usize = 32;
/// The most worker threads used to read and score files.
const MAX_THREADS: usize = 8;
/// The widest 单位 cell of the table, in terminal columns.
const UNIT_WIDTH: usize = 28;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let command = match parse_args(args) {
        Ok(command) => command,
        Err(e) => {
            eprintln!("xingping：{e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let (written, code) = match command {
        Command::Help => (out.write_all(USAGE.as_bytes()), 0),
        Command::Version => (writeln!(out, "xingping {}", env!("CARGO_PKG_VERSION")), 0),
        Command::Rubric { json } => (print_rubric(&mut out, Rubric::shenmu_2024(), json), 0),
        Command::Score { paths, json } => match collect_files(&paths) {
            Ok(files) => {
                let results = score_files(Rubric::shenmu_2024(), &files, json);
                let code = if results.iter().all(|r| r.ok) { 0 } else { 1 };
                let written = if json { print_json(&mut out, &results) } else { print_table(&mut out, &results) };
                (written, code)
            }
            Err(e) => {
                eprintln!("xingping：{e}");
                return ExitCode::from(2);
            }
        },
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::from(code),
        // A reader such as `head` that stops early is not an error of ours.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(code),
        Err(e) => {
            eprintln!("xingping：无法写出结果：{e}");
            ExitCode::from(1)
        }
    }
}

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Command {
    /// `--help`, `-h` or `help`.
    Help,
    /// `--version` or `-V`.
    Version,
    /// `rubric [--json]`.
    Rubric {
        /// Print JSON.
        json: bool,
    },
    /// `score PATH… [--json]`.
    Score {
        /// Files and directories, as given.
        paths: Vec<PathBuf>,
        /// Print JSON.
        json: bool,
    },
}

/// Why the command line could not be carried out (exit status 2). Each variant reads as one
/// Chinese sentence.
#[derive(Debug)]
enum UsageError {
    /// No command at all.
    NoCommand,
    /// A command this program does not have.
    UnknownCommand(String),
    /// An option the command does not have.
    UnknownFlag(String),
    /// An argument the command does not take (`rubric` takes no files).
    UnexpectedArgument(String),
    /// `score` without any file or directory.
    NoFiles,
    /// A path that does not exist.
    NotFound(PathBuf),
    /// A directory that cannot be listed.
    UnreadableDir(PathBuf, String),
    /// Directories that hold no `*.json` file, and no file given.
    NothingFound,
}

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UsageError::NoCommand => write!(f, "请指定命令（rubric 或 score）。"),
            UsageError::UnknownCommand(c) => write!(f, "未知命令“{c}”，可用的命令为 rubric 和 score。"),
            UsageError::UnknownFlag(o) => write!(f, "未知选项“{o}”。"),
            UsageError::UnexpectedArgument(a) => write!(f, "rubric 命令不接受参数“{a}”。"),
            UsageError::NoFiles => write!(f, "请给出要评分的文件或目录。"),
            UsageError::NotFound(p) => write!(f, "路径“{}”不存在。", p.display()),
            UsageError::UnreadableDir(p, why) => write!(f, "无法读取目录“{}”：{why}。", p.display()),
            UsageError::NothingFound => write!(f, "给出的目录中没有找到 .json 文件。"),
        }
    }
}

/// Reads the arguments after the program name.
fn parse_args(args: Vec<OsString>) -> Result<Command, UsageError> {
    let mut json = false;
    let mut help = false;
    let mut version = false;
    let mut words = Vec::new();
    let mut only_words = false;
    for arg in args {
        let text = arg.to_string_lossy();
        if only_words || !text.starts_with('-') || text == "-" {
            words.push(arg);
            continue;
        }
        match text.as_ref() {
            "--" => only_words = true,
            "--json" => json = true,
            "-h" | "--help" => help = true,
            "-V" | "--version" => version = true,
            other => return Err(UsageError::UnknownFlag(other.to_string())),
        }
    }
    if help {
        return Ok(Command::Help);
    }
    if version {
        return Ok(Command::Version);
    }
    let mut words = words.into_iter();
    let Some(command) = words.next() else { return Err(UsageError::NoCommand) };
    match command.to_string_lossy().as_ref() {
        "help" => Ok(Command::Help),
        "rubric" => match words.next() {
            Some(extra) => Err(UsageError::UnexpectedArgument(extra.to_string_lossy().into_owned())),
            None => Ok(Command::Rubric { json }),
        },
        "score" => {
            let paths: Vec<PathBuf> = words.map(PathBuf::from).collect();
            if paths.is_empty() {
                Err(UsageError::NoFiles)
            } else {
                Ok(Command::Score { paths, json })
            }
        }
        other => Err(UsageError::UnknownCommand(other.to_string())),
    }
}

// ---------------------------------------------------------------------------------------------
// rubric

/// The rule kind as the sheet data names it.
fn kind(rule: &Rule) -> &'static str {
    match rule {
        Rule::Deduct { .. } => "deduct",
        Rule::Add { .. } => "add",
        Rule::Award { .. } => "award",
        Rule::Discretionary { .. } => "discretionary",
        Rule::Survey { .. } => "survey",
    }
}

/// The rule kind in words, for the readable sheet.
fn kind_label(rule: &Rule) -> &'static str {
    match rule {
        Rule::Deduct { .. } => "扣分项",
        Rule::Add { .. } => "加分项，有上限",
        Rule::Award { .. } => "达标得分",
        Rule::Discretionary { .. } => "酌情赋分",
        Rule::Survey { .. } => "按满意率扣分",
    }
}

#[derive(Serialize)]
struct RubricJson<'a> {
    id: &'a str,
    version: &'a str,
    title: &'a str,
    source: &'a str,
    max: Decimal,
    sections: Vec<SectionJson<'a>>,
    veto: Vec<VetoJson<'a>>,
    veto_consequence: &'a str,
    levels: Vec<LevelJson<'a>>,
}

#[derive(Serialize)]
struct SectionJson<'a> {
    id: &'a str,
    name: &'a str,
    max: &'a Decimal,
    items: Vec<ItemJson<'a>>,
}

#[derive(Serialize)]
struct ItemJson<'a> {
    id: &'a str,
    name: &'a str,
    indicator: &'a str,
    max: &'a Decimal,
    requirement: &'a str,
    criteria: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
struct VetoJson<'a> {
    id: &'a str,
    name: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct LevelJson<'a> {
    id: &'a str,
    name: &'a str,
    min: &'a Decimal,
}

fn print_rubric(out: &mut impl Write, rubric: &Rubric, json: bool) -> io::Result<()> {
    if json {
        let doc = RubricJson {
            id: &rubric.id,
            version: &rubric.version,
            title: &rubric.title,
            source: &rubric.source,
            max: rubric.max_total(),
            sections: rubric
                .sections
                .iter()
                .map(|s| SectionJson {
                    id: &s.id,
                    name: &s.name,
                    max: &s.max,
                    items: s
                        .items
                        .iter()
                        .map(|i| ItemJson {
                            id: &i.id,
                            name: &i.name,
                            indicator: &i.indicator,
                            max: &i.max,
                            requirement: &i.requirement,
                            criteria: &i.criteria,
                            kind: kind(&i.rule),
                        })
                        .collect(),
                })
                .collect(),
            veto: rubric.veto.items.iter().map(|v| VetoJson { id: &v.id, name: &v.name, text: &v.text }).collect(),
            veto_consequence: &rubric.veto.consequence,
            levels: rubric.levels.iter().map(|l| LevelJson { id: &l.id, name: &l.name, min: &l.min }).collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
        return writeln!(out);
    }

    writeln!(out, "{}", rubric.title)?;
    writeln!(
        out,
        "来源：{}；评分表 {}，数据版本 {}；满分 {} 分",
        rubric.source,
        rubric.id,
        rubric.version,
        fmt_score(rubric.max_total())
    )?;
    let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let mut n = 0;
    for (k, section) in rubric.sections.iter().enumerate() {
        let numeral = numerals.get(k).map_or_else(|| (k + 1).to_string(), |s| s.to_string());
        writeln!(out, "\n{numeral}、{}（{} 分）[{}]", section.name, fmt_score(section.max), section.id)?;
        for item in &section.items {
            n += 1;
            writeln!(
                out,
                "\n  {n}. {}（{} 分，{}）[{}]",
                item.name,
                fmt_score(item.max),
                kind_label(&item.rule),
                item.id
            )?;
            if item.indicator != item.name {
                writeln!(out, "     二级指标：{}", item.indicator)?;
            }
            writeln!(out, "     评分要求：{}", item.requirement)?;
            writeln!(out, "     评分细则：{}", item.criteria)?;
        }
    }
    writeln!(out, "\n一票否决：{}", rubric.veto.consequence)?;
    for v in &rubric.veto.items {
        writeln!(out, "  · {}：{} [{}]", v.name, v.text, v.id)?;
    }
    writeln!(out, "\n星级（按总分，下限含本数）：")?;
    for l in &rubric.levels {
        writeln!(out, "  {}：{} 分（含）以上", l.name, fmt_num(l.min))?;
    }
    if let Some(lowest) = rubric.levels.iter().map(|l| l.min).min() {
        writeln!(out, "  {UNRATED}星级：{} 分以下", fmt_num(lowest))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// score: finding files

/// Every file to score: files as given, directories walked for `*.json` in path order.
///
/// # Errors
/// A path that does not exist, a directory that cannot be listed, or nothing to score.
fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, UsageError> {
    let mut files = Vec::new();
    let mut seen_dirs = BTreeSet::new();
    for path in paths {
        let Ok(meta) = std::fs::metadata(path) else { return Err(UsageError::NotFound(path.clone())) };
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, &mut seen_dirs)?;
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    if files.is_empty() {
        return Err(UsageError::NothingFound);
    }
    Ok(files)
}

/// Adds the `*.json` files under `dir` to `out`, following links to directories once.
fn walk(dir: &Path, out: &mut Vec<PathBuf>, seen: &mut BTreeSet<PathBuf>) -> Result<(), UsageError> {
    // A link back up the tree would otherwise be walked for ever.
    if let Ok(real) = std::fs::canonicalize(dir) {
        if !seen.insert(real) {
            return Ok(());
        }
    }
    let unreadable = |e: io::Error| UsageError::UnreadableDir(dir.to_path_buf(), io_reason(&e));
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else { continue };
        let (is_dir, is_file) = if file_type.is_symlink() {
            (path.is_dir(), path.is_file())
        } else {
            (file_type.is_dir(), file_type.is_file())
        };
        if is_dir {
            walk(&path, out, seen)?;
        } else if is_file && path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
            // Only regular files: a pipe or device named *.json would block the walk.
            out.push(path);
        }
    }
    Ok(())
}

/// An I/O error as a short Chinese phrase.
fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "文件不存在".to_string(),
        io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        io::ErrorKind::IsADirectory => "这是一个目录".to_string(),
        _ => format!("读取出错（{e}）"),
    }
}

// ---------------------------------------------------------------------------------------------
// score: reading and checking

/// Why one file is refused.
enum Refusal {
    /// The file could not be read at all.
    Io(String),
    /// The file was read and refused by [`submission::read`].
    Read(ReadError),
}

impl Refusal {
    /// The full reason, one Chinese sentence.
    fn reason(&self) -> String {
        match self {
            Refusal::Io(why) => format!("无法读取文件：{why}。"),
            Refusal::Read(e) => e.to_string(),
        }
    }

    /// A few words for the table's 状态 column.
    fn short(&self) -> String {
        match self {
            Refusal::Io(_) => "无法读取".into(),
            Refusal::Read(e) => match e {
                ReadError::TooLarge { .. } => "文件过大".into(),
                ReadError::NotUtf8 => "不是 UTF-8 文本".into(),
                ReadError::NotJson(_) => "不是有效的 JSON".into(),
                ReadError::NotASubmission => "不是提交文件".into(),
                ReadError::NewerVersion(v) => format!("格式版本 {v} 过新"),
                ReadError::WrongRubric { .. } => "评分表不符".into(),
                ReadError::Shape(_) => "格式不符".into(),
                ReadError::BadYear(_) => "年度有误".into(),
                ReadError::BadUnit { field, .. } => format!("{field}有误"),
                ReadError::Invalid(errors) => format!("答案有误 {} 处", errors.len()),
            },
        }
    }

    /// Every reason, each a sentence of its own: one per wrong value for invalid answers.
    fn errors(&self) -> Vec<String> {
        match self {
            Refusal::Read(ReadError::Invalid(errors)) => {
                errors.iter().map(|e| format!("文件中的答案有误：{}。", field_error(e))).collect()
            }
            other => vec![other.reason()],
        }
    }

    /// The lines under the table: one per wrong value for invalid answers, else the reason.
    fn details(&self) -> Vec<String> {
        match self {
            Refusal::Read(ReadError::Invalid(errors)) => errors.iter().map(field_error).collect(),
            other => vec![other.reason()],
        }
    }
}

/// A wrong value in the sheet's words, then by item and input id for whoever fixes the file
/// (`标识标志（大厅内未按要求设置标识、功能区不明显等）：不能为负数（site.signage / hall）`).
fn field_error(e: &WrongValue) -> String {
    let FieldError { item, field, .. } = &e.error;
    if e.place == short(item) {
        // An item the sheet does not have is named by its id already.
        return e.to_string();
    }
    let ids = if field.is_empty() { short(item) } else { format!("{} / {}", short(item), short(field)) };
    format!("{e}（{ids}）")
}

/// Reads one file, at most one byte past the limit so that a huge file is not loaded whole.
fn read_bytes(path: &Path) -> Result<Vec<u8>, Refusal> {
    let io = |e: io::Error| Refusal::Io(io_reason(&e));
    let file = File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > MAX_FILE_BYTES as u64 {
        return Err(Refusal::Read(ReadError::TooLarge { bytes: usize::try_from(len).unwrap_or(usize::MAX) }));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0) + 1);
    file.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(io)?;
    Ok(bytes)
}

fn check_file(rubric: &Rubric, path: &Path) -> Result<Loaded, Refusal> {
    let bytes = read_bytes(path)?;
    submission::read(rubric, &bytes).map_err(Refusal::Read)
}

/// One file's outcome, already rendered for the chosen output.
struct FileResult {
    /// Valid and consistent.
    ok: bool,
    /// Refused (as against read with mismatches).
    refused: bool,
    /// What is printed for it.
    rendered: Rendered,
}

enum Rendered {
    /// One JSON object.
    Json(String),
    /// One table row and its detail lines.
    Row(Row),
}

struct Row {
    file: String,
    unit: String,
    year: String,
    total: String,
    level: String,
    assessed: String,
    status: String,
    details: Vec<String>,
}

/// Reads, scores and renders every file, in the order given, on a few threads.
fn score_files(rubric: &Rubric, files: &[PathBuf], json: bool) -> Vec<FileResult> {
    let one = |path: &PathBuf| {
        let outcome = check_file(rubric, path);
        let ok = matches!(&outcome, Ok(loaded) if loaded.mismatches.is_empty());
        let refused = outcome.is_err();
        let file = path.display().to_string();
        let rendered =
            if json { Rendered::Json(render_json(&file, &outcome)) } else { Rendered::Row(render_row(file, &outcome)) };
        FileResult { ok, refused, rendered }
    };
    let threads =
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_THREADS).min(files.len().div_ceil(CHUNK));
    if threads <= 1 {
        return files.iter().map(one).collect();
    }
    let next = AtomicUsize::new(0);
    // Each worker takes the next chunk until none is left; the calling thread works too, so
    // the files are all scored even if no thread can be started.
    let work = || {
        let mut done: Vec<(usize, Vec<FileResult>)> = Vec::new();
        loop {
            let start = next.fetch_add(CHUNK, Ordering::Relaxed);
            match files.get(start..files.len().min(start + CHUNK)) {
                Some(chunk) if !chunk.is_empty() => done.push((start, chunk.iter().map(one).collect())),
                _ => break,
            }
        }
        done
    };
    let mut parts = std::thread::scope(|scope| {
        let helpers: Vec<_> =
            (1..threads).filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok()).collect();
        let mut parts = work();
        for helper in helpers {
            parts.extend(helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        parts
    });
    parts.sort_unstable_by_key(|(start, _)| *start);
    parts.into_iter().flat_map(|(_, results)| results).collect()
}

// ---------------------------------------------------------------------------------------------
// score: output

/// `(key, value)` pairs serialised as a JSON object in their order (the sheet's).
struct Ordered<'a>(Vec<(&'a str, Option<String>)>);

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct FileJson<'a> {
    file: &'a str,
    ok: bool,
    unit: Option<&'a str>,
    year: Option<i32>,
    total: Option<String>,
    level: Option<&'a str>,
    #[serde(rename = "final")]
    is_final: Option<bool>,
    assessed: Option<usize>,
    item_count: Option<usize>,
    best_reachable: Option<String>,
    notice: Option<&'a str>,
    migrated_from: Option<u32>,
    sections: Ordered<'a>,
    items: Ordered<'a>,
    errors: Vec<String>,
    mismatches: Vec<MismatchJson<'a>>,
}

#[derive(Serialize)]
struct MismatchJson<'a> {
    what: &'a str,
    stored: &'a str,
    recomputed: &'a str,
}

fn mismatch_json(m: &Mismatch) -> MismatchJson<'_> {
    MismatchJson { what: &m.what, stored: &m.stored, recomputed: &m.recomputed }
}

fn render_json(file: &str, outcome: &Result<Loaded, Refusal>) -> String {
    let doc = match outcome {
        Ok(loaded) => {
            let s = &loaded.submission;
            let r = &loaded.report;
            FileJson {
                file,
                ok: loaded.mismatches.is_empty(),
                unit: Some(&s.unit.name),
                year: Some(s.year),
                total: Some(fmt_score(r.total)),
                level: Some(r.level.label()),
                is_final: Some(r.is_final),
                assessed: Some(r.assessed),
                item_count: Some(r.item_count),
                best_reachable: Some(fmt_score(r.best_reachable)),
                notice: s.result.as_ref().map(|res| res.notice.as_str()),
                migrated_from: loaded.migrated_from,
                sections: Ordered(r.sections.iter().map(|x| (x.id.as_str(), Some(fmt_score(x.score)))).collect()),
                items: Ordered(
                    r.items.iter().map(|i| (i.id.as_str(), i.is_counted().then(|| fmt_score(i.counted())))).collect(),
                ),
                errors: Vec::new(),
                mismatches: loaded.mismatches.iter().map(mismatch_json).collect(),
            }
        }
        Err(refusal) => FileJson {
            file,
            ok: false,
            unit: None,
            year: None,
            total: None,
            level: None,
            is_final: None,
            assessed: None,
            item_count: None,
            best_reachable: None,
            notice: None,
            migrated_from: None,
            sections: Ordered(Vec::new()),
            items: Ordered(Vec::new()),
            errors: refusal.errors(),
            mismatches: Vec::new(),
        },
    };
    // Serialising plain strings, numbers and maps with string keys cannot fail.
    serde_json::to_string(&doc).unwrap_or_default()
}

fn render_row(file: String, outcome: &Result<Loaded, Refusal>) -> Row {
    match outcome {
        Ok(loaded) => {
            let s = &loaded.submission;
            let r = &loaded.report;
            let mut level = r.level.label().to_string();
            if !r.is_final && !r.vetoed() {
                level.push_str("（未定）");
            }
            let mut total = fmt_score(r.total);
            if r.vetoed() {
                total.push_str("（作废）");
            }
            let (status, details) = if loaded.mismatches.is_empty() {
                ("有效".to_string(), Vec::new())
            } else {
                (
                    format!("不一致：{} 处", loaded.mismatches.len()),
                    loaded.mismatches.iter().map(|m| m.to_string()).collect(),
                )
            };
            let unit = if s.unit.name.trim().is_empty() { "（未填写）".to_string() } else { s.unit.name.clone() };
            Row {
                file,
                unit,
                year: s.year.to_string(),
                total,
                level,
                assessed: format!("{}/{}", r.assessed, r.item_count),
                status,
                details,
            }
        }
        Err(refusal) => Row {
            file,
            unit: "—".into(),
            year: "—".into(),
            total: "—".into(),
            level: "—".into(),
            assessed: "—".into(),
            status: format!("拒绝：{}", refusal.short()),
            details: refusal.details(),
        },
    }
}

fn print_json(out: &mut impl Write, results: &[FileResult]) -> io::Result<()> {
    out.write_all(b"[")?;
    for (k, result) in results.iter().enumerate() {
        if let Rendered::Json(text) = &result.rendered {
            out.write_all(if k == 0 { b"\n" } else { b",\n" })?;
            out.write_all(text.as_bytes())?;
        }
    }
    out.write_all(b"\n]\n")
}

fn print_table(out: &mut impl Write, results: &[FileResult]) -> io::Result<()> {
    let rows: Vec<&Row> = results
        .iter()
        .filter_map(|r| match &r.rendered {
            Rendered::Row(row) => Some(row),
            Rendered::Json(_) => None,
        })
        .collect();
    let header = ["文件", "单位", "年度", "总分", "星级", "已评", "状态"];
    let cells = |row: &Row| -> [String; 7] {
        [
            row.file.clone(),
            clip(&row.unit, UNIT_WIDTH),
            row.year.clone(),
            row.total.clone(),
            row.level.clone(),
            row.assessed.clone(),
            row.status.clone(),
        ]
    };
    let mut widths = header.map(width);
    let all: Vec<[String; 7]> = rows.iter().map(|r| cells(r)).collect();
    for line in &all {
        for (w, cell) in widths.iter_mut().zip(line) {
            *w = (*w).max(width(cell));
        }
    }
    let mut line = String::new();
    let mut put = |out: &mut dyn Write, values: &[&str]| -> io::Result<()> {
        line.clear();
        for (k, (value, w)) in values.iter().zip(widths).enumerate() {
            line.push_str(value);
            if k + 1 < values.len() {
                line.extend(std::iter::repeat_n(' ', w.saturating_sub(width(value)) + 2));
            }
        }
        line.push('\n');
        out.write_all(line.as_bytes())
    };
    put(out, &header)?;
    for row in &all {
        let values: Vec<&str> = row.iter().map(String::as_str).collect();
        put(out, &values)?;
    }

    let refused = results.iter().filter(|r| r.refused).count();
    let mismatched = results.iter().filter(|r| !r.ok && !r.refused).count();
    let valid = results.iter().filter(|r| r.ok).count();
    if rows.iter().any(|row| !row.details.is_empty()) {
        writeln!(out)?;
        for row in rows.iter().filter(|row| !row.details.is_empty()) {
            writeln!(out, "{}：{}", row.file, row.status)?;
            for d in &row.details {
                writeln!(out, "  {d}")?;
            }
        }
    }
    writeln!(out, "\n共 {} 个文件：有效 {valid} 个，拒绝 {refused} 个，不一致 {mismatched} 个。", rows.len())
}

/// Terminal columns a text takes: CJK and full-width characters take two.
fn width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Cuts a text to `max` columns, marking the cut with `…`.
fn clip(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = if is_wide(c) { 2 } else { 1 };
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn it_parses_the_commands() {
        let cases: &[(&[&str], Command)] = &[
            (&["--help"], Command::Help),
            (&["score", "a.json", "-h"], Command::Help),
            (&["help"], Command::Help),
            (&["-V"], Command::Version),
            (&["rubric"], Command::Rubric { json: false }),
            (&["--json", "rubric"], Command::Rubric { json: true }),
            (
                &["score", "a.json", "--json", "dir"],
                Command::Score { paths: vec!["a.json".into(), "dir".into()], json: true },
            ),
            (&["score", "--", "--json"], Command::Score { paths: vec!["--json".into()], json: false }),
        ];
        for (words, want) in cases {
            assert_eq!(&parse_args(args(words)).expect("parses"), want, "{words:?}");
        }
    }

    #[test]
    fn it_refuses_bad_command_lines() {
        let cases: &[(&[&str], &str)] = &[
            (&[], "请指定命令"),
            (&["grade"], "未知命令“grade”"),
            (&["score"], "请给出要评分的文件"),
            (&["score", "--csv", "a.json"], "未知选项“--csv”"),
            (&["rubric", "extra"], "不接受参数“extra”"),
        ];
        for (words, want) in cases {
            let e = parse_args(args(words)).expect_err("refused").to_string();
            assert!(e.contains(want), "{words:?}: {e}");
        }
    }

    #[test]
    fn it_measures_and_clips_wide_text() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("神木市（某镇）"), 14);
        assert_eq!(clip("神木市某镇便民服务中心", 10), "神木市某…");
        assert!(width(&clip("神木市某镇便民服务中心", 10)) <= 10);
        assert_eq!(clip("short", 10), "short");
    }
}
