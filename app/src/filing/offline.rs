//! Offline tolerance: what the applicant types is also kept in the browser (localStorage), so a
//! reload or a lost connection loses nothing, and the page knows whether the network is there.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::catalogue::Answers;

/// Unsaved input of one step of one draft, and the server version it was typed over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalDraft {
    pub version: i32,
    pub step: String,
    pub answers: Answers,
}

fn key(id: &str) -> String {
    format!("anef.brouillon.{id}")
}

pub fn keep(id: &str, draft: &LocalDraft) {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        let _ = gloo_storage::LocalStorage::set(key(id), draft);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (key(id), draft);
}

pub fn kept(id: &str) -> Option<LocalDraft> {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::get(key(id)).ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key(id);
        None
    }
}

pub fn forget(id: &str) {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::delete(key(id));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = key(id);
}

/// Whether the browser is online, following its `online` and `offline` events.
pub fn use_online() -> ReadSignal<bool> {
    let (online, set_online) = signal(true);
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        if let Some(window) = web_sys::window() {
            set_online.set(window.navigator().on_line());
            for (event, value) in [("online", true), ("offline", false)] {
                let callback = Closure::<dyn Fn()>::new(move || set_online.set(value));
                let _ = window.add_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
                // The listener lives as long as the page.
                callback.forget();
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = set_online;
    online
}
