//! A short-lived cache of the public pages as anonymous visitors get them (home, login, help…),
//! compressed: the same bytes for everyone of a language, like a CDN would keep them. Rendering
//! and compressing a page costs far more than the page changes, and these pages take the load
//! of a campaign of renewals. Anything personal bypasses it: a session cookie, another method,
//! a page outside the list, a response that is not a plain 200 or that sets a cookie.
//!
//! Each instance keeps its own copy for a few seconds, so servers stay stateless.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use app::backend::SESSION_COOKIE;
use app::i18n::Lang;

use super::middleware::{cookie, language};

/// Pages whose anonymous rendering is the same for every visitor of a language.
const PUBLIC_PAGES: &[&str] = &["/", "/connexion", "/aide", "/contact", "/mentions-legales", "/donnees-personnelles", "/accessibilite"];
const TIME_TO_LIVE: Duration = Duration::from_secs(10);
const MAX_ENTRIES: usize = 512;
const MAX_BODY: usize = 512 * 1024;

#[derive(Clone, Hash, PartialEq, Eq)]
struct Key {
    path_and_query: String,
    lang: Lang,
    gzip: bool,
}

struct Entry {
    stored_at: Instant,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Clone, Default)]
pub struct PageCache {
    entries: Arc<Mutex<HashMap<Key, Arc<Entry>>>>,
}

impl PageCache {
    fn get(&self, key: &Key) -> Option<Arc<Entry>> {
        let entries = self.entries.lock().ok()?;
        entries.get(key).filter(|e| e.stored_at.elapsed() < TIME_TO_LIVE).cloned()
    }

    fn put(&self, key: Key, entry: Entry) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.retain(|_, e| e.stored_at.elapsed() < TIME_TO_LIVE);
                if entries.len() >= MAX_ENTRIES {
                    entries.clear();
                }
            }
            entries.insert(key, Arc::new(entry));
        }
    }
}

fn cache_key(request: &Request) -> Option<Key> {
    let uri = request.uri();
    let headers = request.headers();
    let anonymous = cookie(headers, SESSION_COOKIE).is_none_or(|token| token.is_empty());
    if request.method() != Method::GET || !anonymous || !PUBLIC_PAGES.contains(&uri.path()) {
        return None;
    }
    let gzip = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("gzip"));
    Some(Key { path_and_query: uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default(), lang: language(headers), gzip })
}

/// Tells operators (and tests) whether a page came from the cache.
const CACHE_HEADER: &str = "x-page-cache";

fn respond(entry: &Entry) -> Response {
    let mut response = Response::new(Body::from(entry.body.clone()));
    *response.headers_mut() = entry.headers.clone();
    response.headers_mut().insert(CACHE_HEADER, HeaderValue::from_static("hit"));
    response
}

/// Sits outside the compression layer, so a hit costs neither rendering nor compressing.
pub async fn serve_cached(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    let Some(key) = cache_key(&request) else {
        return next.run(request).await;
    };
    if let Some(entry) = cache.get(&key) {
        return respond(&entry);
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "page too large or unreadable for the cache");
            let mut response = Response::from_parts(parts, Body::empty());
            *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            response.headers_mut().remove(header::CONTENT_ENCODING);
            return response;
        }
    };
    let mut headers = parts.headers.clone();
    // The request id belongs to the request that rendered the page.
    headers.remove("x-request-id");
    let entry = Entry { stored_at: Instant::now(), headers, body: body.clone() };
    cache.put(key, entry);
    let mut response = Response::from_parts(parts, Body::from(body));
    response.headers_mut().insert(CACHE_HEADER, HeaderValue::from_static("miss"));
    response
}
