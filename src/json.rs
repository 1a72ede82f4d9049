//! A small JSON reader and writer for the three JSON texts 星评 knows: the sheet data, the
//! submission file and the stored draft.
//!
//! It replaces serde and serde_json in the domain: the generic code they generate for each
//! type was a fifth of the page's WebAssembly. Reading gives a tree of [`Node`]s that keep
//! their line, so that a type error can say where it is; each type then reads its fields with
//! [`Fields`], which refuses unknown, repeated and missing ones. Writing turns a [`Value`]
//! tree into text laid out as serde_json did (two-space indent, keys in the given order, only
//! `"`, `\` and control characters escaped), so files written before read and compare the same.

use crate::keyed::sorted_order;
use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;

/// How deep arrays and objects may nest (as in serde_json); deeper input is refused, not
/// recursed into until the stack runs out.
const MAX_DEPTH: usize = 128;

/// A JSON value. Numbers keep their text, so nothing is lost before a type reads them.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object, its members in the order written (repeated keys included).
    Object(Vec<(String, Node)>),
}

/// A value with the line it starts on (1-based; 0 for values built in code).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The line in the text.
    pub line: usize,
    /// The value.
    pub value: Value,
}

/// Why a text is not JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxError {
    /// The text ends in the middle of a value.
    Eof {
        /// The last line.
        line: usize,
    },
    /// Something that is not JSON, or nesting deeper than 128.
    At {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
    },
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyntaxError::Eof { line } => write!(f, "内容在第 {line} 行意外结束"),
            SyntaxError::At { line, column } => write!(f, "第 {line} 行第 {column} 列有语法错误"),
        }
    }
}

/// Why a JSON value is not the type asked for. Each variant reads as a Chinese phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeError {
    /// A member the type does not have.
    Unknown(String),
    /// A member the type needs.
    Missing(String),
    /// A member given twice.
    Repeated(String),
    /// A value of the wrong JSON kind or out of range; `found` names it in Chinese.
    Type {
        /// The line of the value.
        line: usize,
        /// What was found, e.g. 小数 `3.5`.
        found: String,
    },
    /// A string that is not one of the names allowed there.
    Variant(String),
    /// A string that is not a decimal number.
    Decimal {
        /// The line of the value.
        line: usize,
        /// The text.
        text: String,
    },
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeError::Unknown(key) => write!(f, "有格式中没有的字段“{}”", short(key)),
            ShapeError::Missing(key) => write!(f, "缺少字段“{key}”"),
            ShapeError::Repeated(key) => write!(f, "字段“{}”重复出现", short(key)),
            ShapeError::Type { line, found } => {
                write!(f, "第 {line} 行有类型不对的值（{found}），分数应为文本形式的小数，计数应为整数")
            }
            ShapeError::Variant(name) => write!(f, "有无法识别的取值“{}”", short(name)),
            ShapeError::Decimal { line, text } => write!(f, "第 {line} 行的“{}”不是有效的小数", short(text)),
        }
    }
}

/// A text from a file as a message shows it: at most 40 characters, so that a huge value
/// does not become a huge message.
pub fn short(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Parses a whole text as one JSON value.
///
/// # Errors
/// A [`SyntaxError`] with the line (and column) where the text stops being JSON.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut p = Parser { src: text, text: text.as_bytes(), pos: 0, line: 1, line_start: 0 };
    let node = p.value(0)?;
    p.skip_space();
    if p.pos < p.text.len() {
        return Err(p.error());
    }
    Ok(node)
}

struct Parser<'a> {
    src: &'a str,
    text: &'a [u8],
    pos: usize,
    line: usize,
    line_start: usize,
}

impl Parser<'_> {
    fn error(&self) -> SyntaxError {
        if self.pos >= self.text.len() {
            return SyntaxError::Eof { line: self.line };
        }
        let before = &self.text[self.line_start..self.pos];
        let column = before.iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
        SyntaxError::At { line: self.line, column }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    self.line_start = self.pos;
                }
                b' ' | b'\t' | b'\r' => self.pos += 1,
                _ => break,
            }
        }
    }

    fn eat(&mut self, b: u8) -> Result<(), SyntaxError> {
        self.skip_space();
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error())
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        self.skip_space();
        let line = self.line;
        let value = match self.peek() {
            Some(b'{') | Some(b'[') if depth >= MAX_DEPTH => return Err(self.error()),
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            _ => return Err(self.error()),
        };
        Ok(Node { line, value })
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.error());
            }
            let key = self.string()?;
            self.eat(b':')?;
            members.push((key, self.value(depth + 1)?));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.error()),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error()),
            }
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, SyntaxError> {
        for &b in word.as_bytes() {
            if self.peek() != Some(b) {
                return Err(self.error());
            }
            self.pos += 1;
        }
        Ok(value)
    }

    fn digits(&mut self) -> Result<(), SyntaxError> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.error());
        }
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        Ok(())
    }

    fn number(&mut self) -> Result<String, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        if self.peek() == Some(b'0') {
            self.pos += 1;
        } else {
            self.digits()?;
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.digits()?;
        }
        // Only ASCII digits and signs were consumed: the slice is on character boundaries.
        Ok(self.src.get(start..self.pos).unwrap_or_default().to_string())
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut n = 0;
        for _ in 0..4 {
            let digit = self.peek().and_then(|b| (b as char).to_digit(16)).ok_or_else(|| self.error())?;
            n = n * 16 + digit;
            self.pos += 1;
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character at once. Those
            // are ASCII, so the run ends on a character boundary of the text.
            let run = self.text[self.pos..].iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            let end = run.map_or(self.text.len(), |n| self.pos + n);
            out.push_str(self.src.get(self.pos..end).unwrap_or_default());
            self.pos = end;
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            out.push(self.unicode_escape()?);
                            continue;
                        }
                        _ => return Err(self.error()),
                    };
                    self.pos += 1;
                    out.push(escaped);
                }
                // A control character, or the end of the text.
                _ => return Err(self.error()),
            }
        }
    }

    /// The character of a `\uXXXX` escape (after the `\u`), joining a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.text.get(self.pos..self.pos + 2) != Some(b"\\u") {
                return Err(self.error());
            }
            self.pos += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error());
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.error())
    }
}

impl Node {
    /// A node built in code, to be written.
    pub fn new(value: Value) -> Node {
        Node { line: 0, value }
    }

    fn wrong(&self) -> ShapeError {
        let found = match &self.value {
            Value::Null => "空值".to_string(),
            Value::Bool(b) => format!("真假值 `{b}`"),
            Value::Number(n) if n.contains(['.', 'e', 'E']) => format!("小数 `{}`", short(n)),
            Value::Number(n) => format!("整数 `{}`", short(n)),
            Value::String(s) => format!("文本 \"{}\"", short(s)),
            Value::Array(_) => "列表".to_string(),
            Value::Object(_) => "对象".to_string(),
        };
        ShapeError::Type { line: self.line, found }
    }

    /// The value as a string.
    pub fn str(&self) -> Result<&str, ShapeError> {
        match &self.value {
            Value::String(s) => Ok(s),
            _ => Err(self.wrong()),
        }
    }

    /// The value as a `String`.
    pub fn string(&self) -> Result<String, ShapeError> {
        self.str().map(str::to_string)
    }

    /// The value as `true` or `false`.
    pub fn bool(&self) -> Result<bool, ShapeError> {
        match self.value {
            Value::Bool(b) => Ok(b),
            _ => Err(self.wrong()),
        }
    }

    /// The value as a whole number of type `T` (no fraction, no exponent, in range).
    pub fn int<T: FromStr>(&self) -> Result<T, ShapeError> {
        match &self.value {
            Value::Number(n) if !n.contains(['.', 'e', 'E']) => n.parse().map_err(|_| self.wrong()),
            _ => Err(self.wrong()),
        }
    }

    /// The value as a decimal written as a string in the plain form `-?[0-9]+(\.[0-9]+)?`,
    /// e.g. `"3.5"`: no sign `+`, exponent or separators, so one value has one spelling. A
    /// value with more digits than a `Decimal` holds exactly is refused, not rounded.
    pub fn decimal(&self) -> Result<Decimal, ShapeError> {
        let text = self.str()?;
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        let unsigned = text.strip_prefix('-').unwrap_or(text);
        let plain = match unsigned.split_once('.') {
            Some((whole, fraction)) => digits(whole) && digits(fraction),
            None => digits(unsigned),
        };
        plain
            .then(|| Decimal::from_str_exact(text).ok())
            .flatten()
            .ok_or_else(|| ShapeError::Decimal { line: self.line, text: text.to_string() })
    }

    /// The value as an array, each element read by `read`.
    pub fn list<T>(&self, read: impl Fn(&Node) -> Result<T, ShapeError>) -> Result<Vec<T>, ShapeError> {
        match &self.value {
            Value::Array(items) => items.iter().map(read).collect(),
            _ => Err(self.wrong()),
        }
    }

    /// The members of an object, in order.
    pub fn members(&self) -> Result<&[(String, Node)], ShapeError> {
        match &self.value {
            Value::Object(members) => Ok(members),
            _ => Err(self.wrong()),
        }
    }

    /// The members of an object, to be read field by field.
    pub fn fields(&self) -> Result<Fields<'_>, ShapeError> {
        let members = self.members()?;
        // Sorted, so that a file with a huge object is refused quickly, not in quadratic time.
        let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
        let order = sorted_order(&keys);
        if let Some(pair) = order.windows(2).find(|pair| keys[pair[0]] == keys[pair[1]]) {
            return Err(ShapeError::Repeated(keys[pair[0]].to_string()));
        }
        Ok(Fields { members, taken: vec![false; members.len()] })
    }

    /// Reads an object with `read`, which takes its fields; then refuses any member left.
    pub fn object<T>(&self, read: impl FnOnce(&mut Fields) -> Result<T, ShapeError>) -> Result<T, ShapeError> {
        let mut fields = self.fields()?;
        let value = read(&mut fields)?;
        fields.end()?;
        Ok(value)
    }

    /// The member `key` of an object, if the value is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// The members of one object being read into a type: each field is taken once, and
/// [`Fields::end`] refuses what is left.
pub struct Fields<'a> {
    members: &'a [(String, Node)],
    taken: Vec<bool>,
}

impl<'a> Fields<'a> {
    /// The member `key`, if present (a `null` counts as present).
    pub fn optional(&mut self, key: &str) -> Option<&'a Node> {
        let i = self.members.iter().position(|(k, _)| k == key)?;
        self.taken[i] = true;
        Some(&self.members[i].1)
    }

    /// The member `key`, which must be present.
    pub fn required(&mut self, key: &str) -> Result<&'a Node, ShapeError> {
        self.optional(key).ok_or_else(|| ShapeError::Missing(key.to_string()))
    }

    /// The member `key` read by `read`, or `T::default()` when absent.
    pub fn or_default<T: Default>(
        &mut self,
        key: &str,
        read: impl Fn(&Node) -> Result<T, ShapeError>,
    ) -> Result<T, ShapeError> {
        self.optional(key).map_or_else(|| Ok(T::default()), read)
    }

    /// The member `key` read by `read`; absent or `null` is `None`.
    pub fn maybe<T>(
        &mut self,
        key: &str,
        read: impl Fn(&Node) -> Result<T, ShapeError>,
    ) -> Result<Option<T>, ShapeError> {
        match self.optional(key) {
            None | Some(Node { value: Value::Null, .. }) => Ok(None),
            Some(node) => read(node).map(Some),
        }
    }

    /// Refuses any member that was not taken.
    pub fn end(self) -> Result<(), ShapeError> {
        match self.members.iter().zip(&self.taken).find(|(_, taken)| !**taken) {
            Some(((key, _), _)) => Err(ShapeError::Unknown(key.clone())),
            None => Ok(()),
        }
    }
}

/// Builds an object from `(key, value)` pairs in the order given.
pub fn object(members: Vec<(&str, Value)>) -> Value {
    Value::Object(members.into_iter().map(|(k, v)| (k.to_string(), Node::new(v))).collect())
}

impl Value {
    /// A string value.
    pub fn str(text: &str) -> Value {
        Value::String(text.to_string())
    }

    /// A decimal, written as a string.
    pub fn decimal(d: Decimal) -> Value {
        Value::String(d.to_string())
    }

    /// A whole number.
    pub fn int(n: impl fmt::Display) -> Value {
        Value::Number(n.to_string())
    }

    /// An array of the values.
    pub fn list(items: impl IntoIterator<Item = Value>) -> Value {
        Value::Array(items.into_iter().map(Node::new).collect())
    }

    /// The text on one line, with no spaces.
    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None);
        out
    }

    /// The text with two-space indentation.
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0));
        out
    }

    fn write(&self, out: &mut String, indent: Option<usize>) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(n),
            Value::String(s) => write_string(out, s),
            Value::Array(items) => {
                write_list(out, indent, '[', ']', items, |out, item, inner| item.value.write(out, inner));
            }
            Value::Object(members) => {
                write_list(out, indent, '{', '}', members, |out, (key, node), inner| {
                    write_string(out, key);
                    out.push_str(if inner.is_some() { ": " } else { ":" });
                    node.value.write(out, inner);
                });
            }
        }
    }
}

fn write_list<T>(
    out: &mut String,
    indent: Option<usize>,
    open: char,
    close: char,
    items: &[T],
    write_item: impl Fn(&mut String, &T, Option<usize>),
) {
    out.push(open);
    let inner = indent.map(|n| n + 1);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        new_line(out, inner);
        write_item(out, item, inner);
    }
    if !items.is_empty() {
        new_line(out, indent);
    }
    out.push(close);
}

fn new_line(out: &mut String, indent: Option<usize>) {
    if let Some(n) = indent {
        out.push('\n');
        for _ in 0..n {
            out.push_str("  ");
        }
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    let mut rest = s;
    // Copy runs that need no escape at once; the characters escaped are all ASCII.
    while let Some(i) = rest.bytes().position(|b| b == b'"' || b == b'\\' || b < 0x20) {
        out.push_str(&rest[..i]);
        match rest.as_bytes()[i] {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0C => out.push_str("\\f"),
            b => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 0xF)] as char);
            }
        }
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_writes_back_like_serde_json() {
        let text = r#"{"a": [1, -2.5, true, null], "b": {"c": "x\"\\\n\u0001\u00e9\ud83d\ude00/"}, "e": [], "f": {}}"#;
        let node = parse(text).unwrap();
        let via_serde: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(node.value.to_pretty(), serde_json::to_string_pretty(&via_serde).unwrap());
        assert_eq!(node.value.to_compact(), serde_json::to_string(&via_serde).unwrap());
    }

    #[test]
    fn refuses_what_is_not_json_with_the_line() {
        for (text, want) in [
            ("", SyntaxError::Eof { line: 1 }),
            ("{\n\"a\": [1,", SyntaxError::Eof { line: 2 }),
            ("{\n  \"a\": 01}", SyntaxError::At { line: 2, column: 9 }),
            ("[1] x", SyntaxError::At { line: 1, column: 5 }),
            ("{\"a\" 1}", SyntaxError::At { line: 1, column: 6 }),
            ("\"\u{1}\"", SyntaxError::At { line: 1, column: 2 }),
            ("\"\\ud800\"", SyntaxError::At { line: 1, column: 8 }),
            ("[1.]", SyntaxError::At { line: 1, column: 4 }),
            ("tru", SyntaxError::Eof { line: 1 }),
        ] {
            assert_eq!(parse(text), Err(want), "{text:?}");
        }
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(matches!(parse(&deep), Err(SyntaxError::At { .. })));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn fields_refuse_unknown_repeated_missing_and_wrong_types() {
        let node = parse("{\"n\": 3,\n\"d\": \"1.5\", \"x\": 1.5}").unwrap();
        let mut f = node.fields().unwrap();
        assert_eq!(f.required("n").and_then(Node::int::<u32>), Ok(3));
        assert_eq!(f.required("d").and_then(Node::decimal), Ok(Decimal::new(15, 1)));
        assert_eq!(f.required("zz").err(), Some(ShapeError::Missing("zz".into())));
        assert_eq!(
            f.required("x").and_then(Node::int::<i64>).unwrap_err().to_string(),
            "第 2 行有类型不对的值（小数 `1.5`），分数应为文本形式的小数，计数应为整数"
        );
        assert_eq!(f.end(), Ok(()));
        let node = parse(r#"{"n": 3, "m": 1}"#).unwrap();
        let mut f = node.fields().unwrap();
        f.required("n").unwrap();
        assert_eq!(f.end(), Err(ShapeError::Unknown("m".into())));
        assert_eq!(parse(r#"{"n": 3, "n": 1}"#).unwrap().fields().err(), Some(ShapeError::Repeated("n".into())));
        assert!(parse("-1").unwrap().int::<u32>().is_err());
        let long = format!("\"{}\"", "长".repeat(5_000));
        let message = parse(&long).unwrap().bool().unwrap_err().to_string();
        assert!(message.contains(&format!("文本 \"{}…\"", "长".repeat(40))), "{message}");
        for bad in ["abc", "1e2", "+1", "1_0", ".5", "5.", "-", "1.2.3", " 1", "１"] {
            assert!(parse(&format!("\"{bad}\"")).unwrap().decimal().is_err(), "{bad}");
        }
        for (good, want) in [("0", Decimal::ZERO), ("-2.50", Decimal::new(-250, 2)), ("98.75", Decimal::new(9875, 2))] {
            assert_eq!(parse(&format!("\"{good}\"")).unwrap().decimal(), Ok(want));
        }
    }
}
