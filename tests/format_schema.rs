//! `docs/format.schema.json` against the files the program writes and the reader's serde
//! shapes: the schema is valid draft 2020-12, every example matches it, and for every small
//! change to an example (a key removed, an unknown key added, a value of the wrong type) the
//! schema and `submission::read` agree on whether the shape is acceptable.
//! Also checks that `docs/format.md` names every field the schema declares.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::path::PathBuf;
use xingping::answers::Answers;
use xingping::rubric::Rubric;
use xingping::submission::{self, ReadError, Submission, Unit};

const SCHEMA_ID: &str = "urn:xingping:submission:v1";
const EXAMPLES: [&str; 4] = ["full-marks.json", "mixed-township.json", "vetoed.json", "in-progress.json"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_text(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn schema_value() -> Value {
    serde_json::from_str(&read_text("docs/format.schema.json")).expect("the schema is JSON")
}

struct Validator {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Validator {
    fn compile(schema: Value) -> Result<Validator, String> {
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler.set_default_draft(boon::Draft::V2020_12);
        compiler.add_resource(SCHEMA_ID, schema).map_err(|e| format!("{e:#}"))?;
        let index = compiler.compile(SCHEMA_ID, &mut schemas).map_err(|e| format!("{e:#}"))?;
        Ok(Validator { schemas, index })
    }

    fn new() -> Validator {
        Validator::compile(schema_value()).unwrap_or_else(|e| panic!("the schema does not compile: {e}"))
    }

    fn check(&self, doc: &Value) -> Result<(), String> {
        self.schemas.validate(doc, self.index).map_err(|e| format!("{e:#}"))
    }
}

fn example(name: &str) -> Value {
    serde_json::from_str(&read_text(&format!("examples/{name}"))).expect("JSON")
}

/// Whether the reader takes the file's shape: read, or refused only for its values.
fn reader_takes_shape(doc: &Value) -> bool {
    match submission::read(Rubric::shenmu_2024(), doc.to_string().as_bytes()) {
        Ok(_) => true,
        Err(ReadError::Shape(_) | ReadError::NotASubmission | ReadError::NewerVersion(_)) => false,
        Err(ReadError::NotJson(_) | ReadError::NotUtf8 | ReadError::TooLarge { .. }) => {
            panic!("a mutated document is still small JSON text")
        }
        Err(
            ReadError::WrongRubric { .. } | ReadError::BadYear(_) | ReadError::BadUnit { .. } | ReadError::Invalid(_),
        ) => true,
    }
}

#[test]
fn the_schema_is_valid_draft_2020_12() {
    let schema = schema_value();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(Validator::compile(schema.clone()).is_ok());
    // The compiler checks a schema against the meta-schema, so a broken one is caught.
    let mut broken = schema;
    broken["$defs"]["decimal"]["type"] = json!("strin");
    assert!(Validator::compile(broken).is_err(), "a schema with an unknown type compiles");
}

#[test]
fn every_file_the_program_writes_matches_the_schema() {
    let v = Validator::new();
    let rubric = Rubric::shenmu_2024();
    for name in EXAMPLES {
        if let Err(e) = v.check(&example(name)) {
            panic!("examples/{name}: {e}");
        }
    }
    // The v0 file, migrated and written again.
    let loaded = submission::read(rubric, read_text("tests/fixtures/v0.json").as_bytes()).expect("v0 reads");
    let written: Value = serde_json::from_str(&loaded.submission.to_json()).expect("JSON");
    v.check(&written).unwrap_or_else(|e| panic!("v0 written as v1: {e}"));
    // The smallest file: nothing entered, nothing filled in.
    let empty = Submission::new(rubric, Unit::default(), 2025, Answers::default(), "0.1.0", "");
    let empty: Value = serde_json::from_str(&empty.to_json()).expect("JSON");
    v.check(&empty).unwrap_or_else(|e| panic!("an empty file: {e}"));
    // Without the result, which a reader does not need.
    let mut bare = example("mixed-township.json");
    bare.as_object_mut().map(|m| m.remove("result"));
    v.check(&bare).unwrap_or_else(|e| panic!("without result: {e}"));
}

#[test]
fn the_schema_refuses_the_shape_errors_among_the_fixtures() {
    let v = Validator::new();
    for name in ["count-float.json", "decimal-as-number.json", "wrong-format.json", "version-2.json"] {
        let doc: Value = serde_json::from_str(&read_text(&format!("tests/fixtures/bad/{name}"))).expect("JSON");
        assert!(v.check(&doc).is_err(), "{name} matches the schema");
        assert!(!reader_takes_shape(&doc), "{name} is read");
    }
    // Files refused for their values, not their shape, match it: the schema cannot know the sheet.
    for name in ["negative-count.json", "unknown-item.json", "other-rubric.json", "tampered-total.json"] {
        let doc: Value = serde_json::from_str(&read_text(&format!("tests/fixtures/bad/{name}"))).expect("JSON");
        v.check(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// Every small change to `doc`: each key removed, an unknown key added to each object, each
/// leaf replaced by a value of another type.
fn mutations(doc: &Value) -> Vec<(String, Value)> {
    fn walk(node: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        match node {
            Value::Object(map) => {
                for (k, v) in map {
                    path.push(k.clone());
                    walk(v, path, out);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    path.push(i.to_string());
                    walk(v, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    fn at<'a>(doc: &'a mut Value, path: &[String]) -> &'a mut Value {
        path.iter().fold(doc, |node, key| match node {
            Value::Object(map) => map.get_mut(key).expect("path exists"),
            Value::Array(items) => items.get_mut(key.parse::<usize>().expect("index")).expect("path exists"),
            _ => panic!("path through a leaf"),
        })
    }
    let mut paths = Vec::new();
    walk(doc, &mut Vec::new(), &mut paths);
    let mut out = Vec::new();
    for path in paths {
        let shown = format!("/{}", path.join("/"));
        let node = at(&mut doc.clone(), &path).clone();
        if let Some((last, parent)) = path.split_last() {
            let mut d = doc.clone();
            if let Value::Object(map) = at(&mut d, parent) {
                map.remove(last);
                out.push((format!("remove {shown}"), d));
            }
        }
        match node {
            Value::Object(_) => {
                for extra in [json!(true), json!(1), json!("x")] {
                    let mut d = doc.clone();
                    if let Value::Object(map) = at(&mut d, &path) {
                        map.insert("zz_unknown".into(), extra.clone());
                    }
                    out.push((format!("add zz_unknown={extra} to {shown}"), d));
                }
            }
            Value::Array(_) => {}
            leaf => {
                let others = match leaf {
                    // Where a decimal is, spellings of a number other than the plain form.
                    Value::String(text) if text.parse::<f64>().is_ok() => {
                        vec![json!(1), json!(1.5), Value::Null, json!("1e2"), json!("+1"), json!(".5")]
                    }
                    Value::String(_) => vec![json!(1), json!(1.5), Value::Null],
                    Value::Number(_) => vec![json!(1.5), json!("1"), Value::Null],
                    Value::Bool(_) => vec![json!("true"), json!(1), Value::Null],
                    _ => vec![json!(1), json!(true)],
                };
                for other in others {
                    let mut d = doc.clone();
                    *at(&mut d, &path) = other.clone();
                    out.push((format!("set {shown} = {other}"), d));
                }
            }
        }
    }
    out
}

#[test]
fn the_schema_and_the_reader_agree_on_every_small_change() {
    let v = Validator::new();
    let mut checked = 0;
    for name in ["mixed-township.json", "in-progress.json"] {
        for (what, doc) in mutations(&example(name)) {
            let schema_ok = v.check(&doc).is_ok();
            let reader_ok = reader_takes_shape(&doc);
            assert_eq!(schema_ok, reader_ok, "{name}: {what}: schema says {schema_ok}, the reader {reader_ok}");
            checked += 1;
        }
    }
    assert!(checked > 1_000, "only {checked} changes");
}

/// The property names each object of the schema declares, by definition name.
fn declared(schema: &Value) -> Vec<(String, BTreeSet<String>)> {
    let keys = |node: &Value| -> BTreeSet<String> {
        node["properties"].as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default()
    };
    let mut out =
        vec![("submission".to_string(), keys(schema)), ("rubric".to_string(), keys(&schema["properties"]["rubric"]))];
    for (name, def) in schema["$defs"].as_object().expect("$defs") {
        if def.get("properties").is_some() {
            out.push((name.clone(), keys(def)));
        }
    }
    out
}

/// The keys an example uses, by the schema definition of the object they are in.
fn used(doc: &Value, into: &mut [(String, BTreeSet<String>)]) {
    let mut add = |kind: &str, node: &Value| {
        if let Some(map) = node.as_object() {
            if let Some((_, set)) = into.iter_mut().find(|(k, _)| k == kind) {
                set.extend(map.keys().cloned());
            }
        }
    };
    add("submission", doc);
    add("rubric", &doc["rubric"]);
    add("unit", &doc["unit"]);
    add("answers", &doc["answers"]);
    add("result", &doc["result"]);
    let empty = Map::new();
    for item in doc["answers"]["items"].as_object().unwrap_or(&empty).values() {
        add("itemAnswer", item);
        for h in item["honours"].as_array().into_iter().flatten() {
            add("honour", h);
        }
    }
    for s in doc["result"]["sections"].as_array().into_iter().flatten() {
        add("storedSection", s);
    }
    for i in doc["result"]["items"].as_array().into_iter().flatten() {
        add("storedItem", i);
    }
}

#[test]
fn the_schema_declares_exactly_the_fields_the_examples_write() {
    let schema = schema_value();
    let want = declared(&schema);
    let mut got: Vec<(String, BTreeSet<String>)> = want.iter().map(|(k, _)| (k.clone(), BTreeSet::new())).collect();
    for name in EXAMPLES {
        used(&example(name), &mut got);
    }
    assert_eq!(want.len(), 9, "{want:?}");
    for ((kind, declared), (_, written)) in want.iter().zip(&got) {
        assert_eq!(declared, written, "{kind}: declared in the schema vs written by the examples");
    }
}

#[test]
fn the_format_doc_names_every_field() {
    let doc = read_text("docs/format.md");
    for (kind, keys) in declared(&schema_value()) {
        for key in keys {
            assert!(doc.contains(&format!("`{key}`")), "docs/format.md does not name `{key}` ({kind})");
        }
    }
    for limit in ["1 MiB", "UTF-16", "BOM", "migrate", "format.schema.json"] {
        assert!(doc.contains(limit), "docs/format.md does not mention {limit}");
    }
}
