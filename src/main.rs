//! The page's entry point (wasm32): opens a draft and renders [`xingping::app::App`] with it.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        use xingping::app::{state::Draft, App, AppProps};
        let this_year = js_sys::Date::new_0().get_full_year() as i32;
        let props = AppProps { draft: Draft::new(this_year), this_year };
        yew::Renderer::<App>::with_props(props).render();
    }
}
