#![cfg(target_arch = "wasm32")]
//! The view layer (`src/app/html.rs`) against the browser's real DOM, in headless Chromium:
//! what a patch keeps (the nodes of keyed rows, text the clerk typed), what it puts back (a
//! box the state did not take), and which handlers an event reaches.
//!
//! Run the way `scripts/test.sh` does:
//! `CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=tests/webdriver.json
//!  cargo test --target wasm32-unknown-unknown --test patch`.

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use xingping::app::html::{el, Html, Mounted};
use xingping::app::{Filter, Msg};

fn body() -> web_sys::Node {
    web_sys::window().expect("window").document().expect("document").body().expect("body").into()
}

fn mount(html: Html) -> Mounted {
    Mounted::mount(&body(), html).expect("mounted")
}

fn element(m: &Mounted) -> web_sys::Element {
    m.node().clone().dyn_into().expect("an element")
}

fn property(node: &web_sys::Node, name: &str) -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(node, &name.into()).expect("a property")
}

/// The `i`th child node of `parent`.
fn nth(parent: &web_sys::Element, i: usize) -> web_sys::Node {
    let mut n = parent.first_child().expect("a child");
    for _ in 0..i {
        n = n.next_sibling().expect("a next child");
    }
    n
}

fn list(keys: &[&'static str]) -> Html {
    el("ul").kids(keys.iter().map(|k| el("li").key(*k).text(*k))).into()
}

#[wasm_bindgen_test]
fn keyed_rows_keep_their_nodes_when_others_go_or_move() {
    let mut m = mount(list(&["a", "b", "c"]));
    let ul = element(&m);
    let b = nth(&ul, 1);
    let c = nth(&ul, 2);
    m.patch(list(&["a", "c"]));
    assert_eq!(ul.text_content().as_deref(), Some("ac"));
    assert!(nth(&ul, 1).is_same_node(Some(&c)), "c kept its node");
    m.patch(list(&["c", "a", "b"]));
    assert_eq!(ul.text_content().as_deref(), Some("cab"));
    assert!(nth(&ul, 0).is_same_node(Some(&c)), "c moved, not made again");
    assert!(!nth(&ul, 2).is_same_node(Some(&b)), "b came back as a new node");
    ul.remove();
}

#[wasm_bindgen_test]
fn a_message_that_comes_and_goes_above_a_box_leaves_the_box_alone() {
    use xingping::app::html::when;
    let form = |warn: bool, rows: &[&'static str]| -> Html {
        el("div")
            .child(when(warn, || el("p").text("warning").into()))
            .kids(rows.iter().map(|r| el("span").text(*r)))
            .child(el("textarea"))
            .into()
    };
    let mut m = mount(form(false, &["a"]));
    let div = element(&m);
    let area = div.query_selector("textarea").expect("query").expect("textarea");
    m.patch(form(true, &["a", "b"]));
    assert_eq!(div.text_content().as_deref(), Some("warningab"));
    assert!(div.query_selector("textarea").expect("query").expect("textarea").is_same_node(Some(&area)));
    m.patch(form(false, &[]));
    assert_eq!(div.text_content().as_deref(), Some(""));
    assert!(div.query_selector("textarea").expect("query").expect("textarea").is_same_node(Some(&area)));
    div.remove();
}

#[wasm_bindgen_test]
fn a_box_that_shows_the_state_keeps_its_caret_and_follows_a_new_value() {
    let input = |value: &'static str| -> Html { el("div").child(el("input").attr("value", value)).into() };
    let mut m = mount(input("9"));
    let div = element(&m);
    let node: web_sys::Node = div.first_child().expect("input");
    let typed: web_sys::HtmlInputElement = node.clone().dyn_into().expect("input");
    // The clerk types "9." with the caret after the 9; the state takes the text as typed.
    typed.set_value("9.");
    typed.set_selection_range(1, 1).expect("caret");
    m.patch(input("9."));
    assert_eq!(typed.value(), "9.");
    assert_eq!(typed.selection_start().expect("caret"), Some(1), "the value was not written again");
    // A value the state did not take is put back; a new one from the state is shown.
    typed.set_value("x");
    m.patch(input("9."));
    assert_eq!(typed.value(), "9.");
    m.patch(input("9.5"));
    assert_eq!(typed.value(), "9.5");
    assert!(div.first_child().expect("input").is_same_node(Some(&node)), "the same box, so focus stays");
    div.remove();
}

#[wasm_bindgen_test]
fn a_tick_the_state_did_not_take_is_taken_back() {
    let tick = |on: bool| -> Html { el("p").child(el("input").attr("type", "checkbox").flag("checked", on)).into() };
    let mut m = mount(tick(false));
    let p = element(&m);
    let node = p.first_child().expect("checkbox");
    js_sys::Reflect::set(&node, &"checked".into(), &true.into()).expect("tick");
    m.patch(tick(false));
    assert_eq!(property(&node, "checked").as_bool(), Some(false));
    m.patch(tick(true));
    assert_eq!(property(&node, "checked").as_bool(), Some(true));
    p.remove();
}

#[wasm_bindgen_test]
fn a_select_shows_the_value_of_the_state_once_its_options_are_there() {
    let select = |years: &[&'static str], value: &'static str| -> Html {
        el("select").kids(years.iter().map(|y| el("option").attr("value", *y).text(*y))).attr("value", value).into()
    };
    let mut m = mount(select(&["2025", "2026"], "2026"));
    assert_eq!(property(m.node(), "value").as_string().as_deref(), Some("2026"));
    m.patch(select(&["2025", "2026", "2027"], "2027"));
    assert_eq!(property(m.node(), "value").as_string().as_deref(), Some("2027"));
    element(&m).remove();
}

#[wasm_bindgen_test]
fn an_event_reaches_the_handlers_on_its_way_up_innermost_first() {
    let m = mount(
        el("div")
            .on("click", |_| Some(Msg::Filter(Filter::All)))
            .child(el("p").child(el("button").on_click(Msg::Filter(Filter::Lost)).text("x")))
            .into(),
    );
    let root = element(&m);
    let button = root.query_selector("button").expect("query").expect("button");
    let found: Vec<Option<Msg>> =
        m.handlers(&button, "click").iter().map(|h| h(&web_sys::Event::new("click").expect("event"))).collect();
    assert_eq!(found.len(), 2);
    assert!(matches!(found[0], Some(Msg::Filter(Filter::Lost))), "the button's own first");
    assert!(matches!(found[1], Some(Msg::Filter(Filter::All))), "then the one around it");
    assert!(m.handlers(&button, "input").is_empty(), "no handler of another event");
    let outside: web_sys::Node = body();
    assert!(m.handlers(&outside, "click").is_empty(), "nothing outside the tree");
    root.remove();
}
