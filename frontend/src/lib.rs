//! Hydration entry point: the wasm bundle the browser downloads. All UI code lives in `app`.

// The release build (LTO, whole app inlined here) computes the layout of the full view tree.
#![recursion_limit = "512"]

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // End-to-end tests (and anyone scripting the page) wait for this marker before clicking.
    if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        let _ = body.dataset().set("hydrated", "true");
    }
}
