//! The page's markup as a value, and the code that keeps the page in step with it.
//!
//! Views are plain functions of the state that build an [`Html`] tree: elements with their
//! attributes, keys, children and event handlers. [`Mounted`] is what was last put on the page;
//! [`Mounted::patch`] changes only what differs, so the element with the keyboard focus, the
//! caret in a text box and the page's scroll position stay. A child is matched with the one it
//! replaces by its key, or else by its place in the view's code (the how-many-th `child`/`kids`
//! call, and its index in a list): a message that appears above a text box shifts nothing, and
//! the box the clerk is typing in stays the same box. A handler returns the message the
//! app should act on ([`Msg`]); the app listens once per event type at its root and asks
//! [`Mounted::handlers`] which handlers an event reaches, innermost first, as the browser
//! bubbles it.
//!
//! [`Html::to_html`] writes the same tree as an HTML string: the native render tests use it.
//!
//! The page was written with Yew before; Yew's code for the same screens was 90 KiB of gzip
//! and the page has a 160 KB budget (`docs/size.md`). This module is the part of a framework
//! the page needs: no components, no scheduler, no hooks.

use super::Msg;
use std::borrow::Cow;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// A text of the markup: borrowed from the sheet's data and the code, or made for the page.
pub type Str = Cow<'static, str>;

/// What an event does: the message for the app, if any. It may read the event (the text
/// typed, the key pressed) and call `prevent_default` on it.
pub type Handler = Rc<dyn Fn(&web_sys::Event) -> Option<Msg>>;

/// A piece of markup.
#[derive(Clone, Default)]
pub enum Html {
    /// Nothing (an `if` that did not hold).
    #[default]
    Empty,
    /// An element.
    El(El),
    /// A text.
    Text(Str),
    /// Several pieces side by side; flattened into the parent's children.
    List(Vec<Html>),
}

/// An element under construction. Boxed, so that each step of a builder chain moves a
/// pointer, not the whole element (the page has hundreds of such steps).
#[derive(Clone)]
pub struct El(Box<Inner>);

#[derive(Clone)]
struct Inner {
    tag: &'static str,
    key: Option<Str>,
    attrs: Vec<(&'static str, Str)>,
    on: Vec<(&'static str, Handler)>,
    /// The children, each with its place ([`place`]).
    kids: Vec<(u32, Html)>,
    /// How many `child`/`kids` calls there were.
    slots: u32,
}

/// A child's place in the view's code: the how-many-th `child` or `kids` call of its parent,
/// and its index among the pieces that call gave.
fn place(slot: u32, index: u32) -> u32 {
    slot << 16 | index
}

/// A new element, `<tag>`.
#[inline(never)]
pub fn el(tag: &'static str) -> El {
    El(Box::new(Inner { tag, key: None, attrs: Vec::new(), on: Vec::new(), kids: Vec::new(), slots: 0 }))
}

/// A `<button type="button">` saying `label` that sends `msg` when clicked.
#[inline(never)]
pub fn button(label: &'static str, msg: Msg) -> El {
    el("button").attr("type", "button").on_click(msg).text(label)
}

/// Several pieces as one.
pub fn list(items: impl IntoIterator<Item = Html>) -> Html {
    Html::List(items.into_iter().collect())
}

/// The pieces `f` makes when `on` holds, else nothing.
pub fn when(on: bool, f: impl FnOnce() -> Html) -> Html {
    if on {
        f()
    } else {
        Html::Empty
    }
}

impl El {
    /// Sets an attribute. `value`, `checked` and `selected` are kept in step with what the
    /// control shows (its property), not only its markup.
    pub fn attr(self, name: &'static str, value: impl Into<Str>) -> El {
        self.set(name, value.into())
    }

    // The builder's work is done out of line: a chain is then a row of calls, not the same
    // code copied into every view.
    #[inline(never)]
    fn set(mut self, name: &'static str, value: Str) -> El {
        self.0.attrs.push((name, value));
        self
    }

    /// Sets an attribute when there is a value.
    pub fn attr_opt(self, name: &'static str, value: Option<impl Into<Str>>) -> El {
        match value {
            Some(v) => self.set(name, v.into()),
            None => self,
        }
    }

    /// Sets a boolean attribute (`hidden`, `checked`, `required`…) when `on`.
    #[inline(never)]
    pub fn flag(self, name: &'static str, on: bool) -> El {
        if on {
            self.set(name, Cow::Borrowed(""))
        } else {
            self
        }
    }

    /// The `id`.
    pub fn id(self, id: impl Into<Str>) -> El {
        self.set("id", id.into())
    }

    /// The `class`: the names given, skipping `None`.
    #[inline(never)]
    pub fn class(self, names: &[Option<&str>]) -> El {
        let mut out = String::new();
        for name in names.iter().flatten() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(name);
        }
        self.set("class", Cow::Owned(out))
    }

    /// The key that tells this element apart from its siblings across renders (a list's
    /// rows): a row keeps its place on the page, with its focus, when others come or go.
    pub fn key(mut self, key: impl Into<Str>) -> El {
        self.0.key = Some(key.into());
        self
    }

    /// Handles `event` (`click`, `input`, `change`, `keydown`, `dragover`, `drop`).
    pub fn on(self, event: &'static str, f: impl Fn(&web_sys::Event) -> Option<Msg> + 'static) -> El {
        self.handle(event, Rc::new(f))
    }

    #[inline(never)]
    fn handle(mut self, event: &'static str, h: Handler) -> El {
        self.0.on.push((event, h));
        self
    }

    /// Sends `msg` on a click.
    #[inline(never)]
    pub fn on_click(self, msg: Msg) -> El {
        self.handle("click", Rc::new(move |_| Some(msg.clone())))
    }

    /// Sends what `f` makes of the control's new text (`input` events).
    pub fn on_input(self, f: impl Fn(String) -> Msg + 'static) -> El {
        self.on("input", move |e| Some(f(value_of(e))))
    }

    /// Sends what `f` makes of the control's new value or state (`change` events): the
    /// value of a `<select>`, whether a box is ticked.
    pub fn on_change(self, f: impl Fn(&web_sys::Event) -> Msg + 'static) -> El {
        self.on("change", move |e| Some(f(e)))
    }

    /// Adds a child (a list's pieces each, nothing for [`Html::Empty`]).
    pub fn child(self, child: impl Into<Html>) -> El {
        self.add(child.into())
    }

    #[inline(never)]
    fn add(mut self, child: Html) -> El {
        let slot = self.next_slot();
        push(&mut self.0.kids, slot, &mut 0, child);
        self
    }

    fn next_slot(&mut self) -> u32 {
        self.0.slots += 1;
        self.0.slots
    }

    /// Adds a text child.
    pub fn text(self, t: impl Into<Str>) -> El {
        self.add(Html::Text(t.into()))
    }

    /// Adds children: a list's rows, all in one place of the view's code.
    pub fn kids<H: Into<Html>>(mut self, kids: impl IntoIterator<Item = H>) -> El {
        let slot = self.next_slot();
        let mut index = 0;
        for k in kids {
            push(&mut self.0.kids, slot, &mut index, k.into());
        }
        self
    }
}

/// Adds `h` to `kids` at `slot`: a list's pieces each, nothing for [`Html::Empty`].
fn push(kids: &mut Vec<(u32, Html)>, slot: u32, index: &mut u32, h: Html) {
    match h {
        Html::Empty => {}
        Html::List(items) => {
            for i in items {
                push(kids, slot, index, i);
            }
        }
        h => {
            kids.push((place(slot, *index), h));
            *index += 1;
        }
    }
}

impl From<El> for Html {
    fn from(e: El) -> Html {
        Html::El(e)
    }
}

impl From<&'static str> for Html {
    fn from(t: &'static str) -> Html {
        Html::Text(Cow::Borrowed(t))
    }
}

impl From<String> for Html {
    fn from(t: String) -> Html {
        Html::Text(Cow::Owned(t))
    }
}

impl From<Option<El>> for Html {
    fn from(e: Option<El>) -> Html {
        e.map_or(Html::Empty, Html::from)
    }
}

/// The text of the control an event came from (`<input>`, `<textarea>`, `<select>`).
pub fn value_of(e: &web_sys::Event) -> String {
    property(e, "value").as_string().unwrap_or_default()
}

/// Whether the checkbox or radio button an event came from is ticked.
pub fn checked_of(e: &web_sys::Event) -> bool {
    property(e, "checked").as_bool().unwrap_or(false)
}

fn property(e: &web_sys::Event, name: &str) -> wasm_bindgen::JsValue {
    e.target().map_or(wasm_bindgen::JsValue::UNDEFINED, |t| js_sys::Reflect::get(&t, &name.into()).unwrap_or_default())
}

/// The key pressed, for `keydown` handlers.
pub fn key_of(e: &web_sys::Event) -> String {
    e.dyn_ref::<web_sys::KeyboardEvent>().map(|k| k.key()).unwrap_or_default()
}

/// Whether a modifier key (Alt, Ctrl, Meta, Shift) was held.
pub fn modified(e: &web_sys::Event) -> bool {
    e.dyn_ref::<web_sys::KeyboardEvent>().is_some_and(|k| k.alt_key() || k.ctrl_key() || k.meta_key() || k.shift_key())
}

// ---- As a string (render tests, natively) -------------------------------------------------

const VOID: [&str; 7] = ["input", "br", "img", "meta", "link", "hr", "col"];

impl Html {
    /// The markup as HTML text, as a server would send it (handlers left out).
    pub fn to_html(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Html::Empty => {}
            Html::Text(t) => escape(out, t),
            Html::List(items) => items.iter().for_each(|i| i.write(out)),
            Html::El(El(e)) => {
                out.push('<');
                out.push_str(e.tag);
                for (name, value) in &e.attrs {
                    // A textarea's value is its content.
                    if e.tag == "textarea" && *name == "value" {
                        continue;
                    }
                    out.push(' ');
                    out.push_str(name);
                    if !(value.is_empty() && is_flag(name)) {
                        out.push_str("=\"");
                        escape(out, value);
                        out.push('"');
                    }
                }
                out.push('>');
                if VOID.contains(&e.tag) {
                    return;
                }
                if e.tag == "textarea" {
                    if let Some((_, v)) = e.attrs.iter().find(|(n, _)| *n == "value") {
                        escape(out, v);
                    }
                }
                e.kids.iter().for_each(|(_, k)| k.write(out));
                out.push_str("</");
                out.push_str(e.tag);
                out.push('>');
            }
        }
    }
}

fn is_flag(name: &str) -> bool {
    matches!(name, "hidden" | "checked" | "selected" | "open" | "required" | "disabled" | "multiple")
}

fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

// ---- On the page ---------------------------------------------------------------------------

/// What is on the page: an element or a text node, and what it was made from.
pub struct Mounted {
    node: web_sys::Node,
    /// The element's tag; empty for a text node.
    tag: &'static str,
    key: Key,
    attrs: Vec<(&'static str, Str)>,
    on: Vec<(&'static str, Handler)>,
    /// A text node's text.
    text: Str,
    kids: Vec<Mounted>,
}

/// What tells a child apart from its siblings: its key, or its place in the view's code.
enum Key {
    Named(Str),
    At(u32),
}

fn child_key(at: u32, h: &Html) -> Key {
    match h {
        Html::El(El(e)) => e.key.clone().map_or(Key::At(at), Key::Named),
        _ => Key::At(at),
    }
}

/// Whether `m` is the child `h` at place `at` replaces (without copying a key per render).
fn same_child(m: &Mounted, at: u32, h: &Html) -> bool {
    let named = match h {
        Html::El(El(e)) => e.key.as_deref(),
        _ => None,
    };
    match (&m.key, named) {
        (Key::Named(k), Some(n)) => k == n,
        (Key::At(a), None) => *a == at,
        _ => false,
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

impl Mounted {
    /// Puts `html` (an element) on the page as the last child of `parent`.
    pub fn mount(parent: &web_sys::Node, html: Html) -> Option<Mounted> {
        let doc = document()?;
        let m = create(&doc, 0, html, false)?;
        parent.append_child(&m.node).ok()?;
        Some(m)
    }

    /// The page's node for this piece.
    pub fn node(&self) -> &web_sys::Node {
        &self.node
    }

    /// Changes the page to show `html` instead of what it shows now.
    pub fn patch(&mut self, html: Html) {
        let Some(doc) = document() else { return };
        patch(&doc, self, 0, html, false);
    }

    /// The handlers of `event` that an event on `target` reaches, innermost first.
    pub fn handlers(&self, target: &web_sys::Node, event: &str) -> Vec<Handler> {
        // The path from this node down to the target, as child positions.
        let mut path = Vec::new();
        let mut n = target.clone();
        while !n.is_same_node(Some(&self.node)) {
            let Some(parent) = n.parent_node() else { return Vec::new() };
            let mut at = 0;
            let mut sibling = n.previous_sibling();
            while let Some(s) = sibling {
                at += 1;
                sibling = s.previous_sibling();
            }
            path.push(at);
            n = parent;
        }
        let mut found = Vec::new();
        let mut m = self;
        let mut collect = |m: &Mounted| found.extend(m.on.iter().filter(|(e, _)| *e == event).map(|(_, h)| h.clone()));
        collect(m);
        for at in path.into_iter().rev() {
            let Some(next) = m.kids.get(at) else { break };
            m = next;
            collect(m);
        }
        found.reverse();
        found
    }
}

fn create(doc: &web_sys::Document, at: u32, html: Html, svg: bool) -> Option<Mounted> {
    let key = child_key(at, &html);
    match html {
        Html::Text(t) => Some(Mounted {
            node: doc.create_text_node(&t).into(),
            tag: "",
            key,
            attrs: Vec::new(),
            on: Vec::new(),
            text: t,
            kids: Vec::new(),
        }),
        Html::El(El(e)) => {
            let Inner { tag, attrs, on, kids, .. } = *e;
            let svg = svg || tag == "svg";
            let element = if svg {
                doc.create_element_ns(Some("http://www.w3.org/2000/svg"), tag).ok()?
            } else {
                doc.create_element(tag).ok()?
            };
            let mut m = Mounted {
                node: element.clone().into(),
                tag,
                key,
                attrs: Vec::new(),
                on,
                text: Cow::Borrowed(""),
                kids: Vec::new(),
            };
            for (at, h) in kids {
                if let Some(k) = create(doc, at, h, svg) {
                    let _ = element.append_child(&k.node);
                    m.kids.push(k);
                }
            }
            set_attrs(&element, tag, &[], &attrs);
            m.attrs = attrs;
            Some(m)
        }
        Html::Empty | Html::List(_) => None,
    }
}

fn patch(doc: &web_sys::Document, m: &mut Mounted, at: u32, html: Html, svg: bool) {
    match html {
        Html::Text(t) if m.tag.is_empty() => {
            if m.text != t {
                m.node.set_node_value(Some(&t));
                m.text = t;
            }
        }
        Html::El(El(e)) if e.tag == m.tag => {
            let Inner { tag, attrs, on, kids, .. } = *e;
            let svg = svg || tag == "svg";
            // A node with a tag is an element this module made.
            let element = m.node.unchecked_ref::<web_sys::Element>();
            // Children first: a <select>'s value can only be set once its options are there.
            patch_kids(doc, element, &mut m.kids, kids, svg);
            set_attrs(element, tag, &m.attrs, &attrs);
            m.attrs = attrs;
            m.on = on;
        }
        html => {
            let Some(new) = create(doc, at, html, svg) else { return };
            if let Some(parent) = m.node.parent_node() {
                let _ = parent.replace_child(&new.node, &m.node);
            }
            *m = new;
        }
    }
}

fn patch_kids(
    doc: &web_sys::Document,
    parent: &web_sys::Element,
    old: &mut Vec<Mounted>,
    new: Vec<(u32, Html)>,
    svg: bool,
) {
    // Each new child takes the old child of its key (or place), if there was one: usually the
    // next one in order, so look there first.
    let mut left: Vec<Option<Mounted>> = std::mem::take(old).into_iter().map(Some).collect();
    let mut next = 0;
    for (at, h) in new {
        let found = match left.get_mut(next) {
            Some(m) if m.as_ref().is_some_and(|m| same_child(m, at, &h)) => {
                next += 1;
                m.take()
            }
            _ => left.iter_mut().find(|m| m.as_ref().is_some_and(|m| same_child(m, at, &h))).and_then(Option::take),
        };
        match found {
            Some(mut m) => {
                patch(doc, &mut m, at, h, svg);
                old.push(m);
            }
            None => old.extend(create(doc, at, h, svg)),
        }
    }
    for gone in left.into_iter().flatten() {
        let _ = parent.remove_child(&gone.node);
    }
    // Put the nodes in order, moving only those out of place.
    let mut cursor = parent.first_child();
    for m in old.iter() {
        if cursor.as_ref().is_some_and(|c| c.is_same_node(Some(&m.node))) {
            cursor = m.node.next_sibling();
        } else {
            let _ = parent.insert_before(&m.node, cursor.as_ref());
        }
    }
}

/// Makes the element's attributes `new` where they were `old`.
fn set_attrs(element: &web_sys::Element, tag: &str, old: &[(&'static str, Str)], new: &[(&'static str, Str)]) {
    // A box the clerk ticked that the state did not take is unticked again.
    if tag == "input" && !new.iter().any(|(n, _)| *n == "checked") {
        set_property(element, "checked", &false.into());
    }
    for (name, _) in old {
        if !new.iter().any(|(n, _)| n == name) {
            match *name {
                "value" => set_property(element, "value", &"".into()),
                "checked" | "selected" => set_property(element, name, &false.into()),
                _ => {
                    let _ = element.remove_attribute(name);
                }
            }
        }
    }
    for (name, value) in new {
        match *name {
            // What the control shows, compared with the page (the clerk may have typed).
            "value" => set_property(element, "value", &value.as_ref().into()),
            "checked" | "selected" => set_property(element, name, &true.into()),
            _ => {
                if old.iter().find(|(n, _)| n == name).is_none_or(|(_, v)| v != value) {
                    let _ = element.set_attribute(name, value);
                }
            }
        }
    }
}

fn set_property(element: &web_sys::Element, name: &str, value: &wasm_bindgen::JsValue) {
    let name = wasm_bindgen::JsValue::from_str(name);
    if js_sys::Reflect::get(element, &name).ok().as_ref() != Some(value) {
        let _ = js_sys::Reflect::set(element, &name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_writes_text_escaped_flags_bare_and_lists_flattened() {
        let html: Html = el("p")
            .attr("title", "a \"b\" & <c>")
            .flag("hidden", true)
            .flag("open", false)
            .child(list([Html::from("1 < 2"), Html::Empty, list([el("br").into(), Html::from("&")])]))
            .child(el("textarea").attr("value", "<x>"))
            .into();
        assert_eq!(
            html.to_html(),
            "<p title=\"a &quot;b&quot; &amp; &lt;c&gt;\" hidden>1 &lt; 2<br>&amp;<textarea>&lt;x&gt;</textarea></p>"
        );
    }
}
