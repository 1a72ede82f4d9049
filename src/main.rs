//! The page's entry point (wasm32): renders [`xingping::app::App`].

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<xingping::app::App>::new().render();
}
