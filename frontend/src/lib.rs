//! Hydration entry point: the wasm bundle the browser downloads. All UI code lives in `app`.

// The release build (LTO, whole app inlined here) computes the layout of the full view tree.
#![recursion_limit = "512"]

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else {
        return;
    };
    // Most pages are split off the main bundle (app/src/pages.rs): hydration waits for the
    // shown page's chunk, so it is asynchronous. End-to-end tests (and anyone scripting the
    // page) wait for this marker, set once it has finished, before clicking.
    wasm_bindgen_futures::spawn_local(async move {
        let owner = leptos::mount::hydrate_from_async(body.clone(), app::App).await;
        owner.forget();
        let _ = body.dataset().set("hydrated", "true");
    });
}
