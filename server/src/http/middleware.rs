//! Per-request middleware: who is asking ([`request_context`]) and whether a state-changing
//! request really comes from our own pages ([`same_origin`]).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::backend::{RequestCtx, AGENT_SESSION_COOKIE, SESSION_COOKIE};
use app::i18n::Lang;

use crate::sessions;
use crate::state::AppState;

/// Value of cookie `name` in the request's `Cookie` headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// The client's address. Behind `proxy_hops` proxies of ours, each appends the address it
/// received the request from to `X-Forwarded-For`, so the client is that many entries from the
/// right; entries further left were written by the client and prove nothing. A request with
/// fewer entries did not come through our proxies: its peer address is used.
fn client_ip(headers: &HeaderMap, peer: Option<SocketAddr>, proxy_hops: usize) -> String {
    let peer = || peer.map(|addr| addr.ip().to_string()).unwrap_or_else(|| "unknown".into());
    if proxy_hops == 0 {
        return peer();
    }
    let entries: Vec<&str> =
        headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).map(str::trim).collect();
    match entries.len().checked_sub(proxy_hops).map(|i| entries[i]) {
        Some(ip) if ip.parse::<std::net::IpAddr>().is_ok() => ip.to_owned(),
        _ => peer(),
    }
}

/// The language of a request: the `lang` cookie, else the browser's preference, else French.
pub fn language(headers: &HeaderMap) -> Lang {
    cookie(headers, Lang::COOKIE)
        .and_then(|code| Lang::from_code(&code))
        .or_else(|| headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Lang::from_accept_language))
        .unwrap_or_default()
}

/// Resolves the session, language and client address once and stores them in the request's
/// extensions, where server functions and pages read them.
pub async fn request_context(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let headers = request.headers();
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
    let request_id = headers.get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let session = match cookie(headers, SESSION_COOKIE).filter(|t| !t.is_empty()) {
        Some(token) => match sessions::resolve(&state.db, &state.clock, &token).await {
            Ok(session) => session,
            Err(error) => {
                tracing::error!(%error, "session lookup failed");
                return (StatusCode::SERVICE_UNAVAILABLE, "service temporarily unavailable").into_response();
            }
        },
        None => None,
    };
    let agent = match cookie(headers, AGENT_SESSION_COOKIE).filter(|t| !t.is_empty()) {
        Some(token) => {
            match crate::sessions::resolve_agent(&state.db, &state.clock, &token, state.config.agent_second_factor_required).await {
                Ok(agent) => agent,
                Err(error) => {
                    tracing::error!(%error, "agent session lookup failed");
                    return (StatusCode::SERVICE_UNAVAILABLE, "service temporarily unavailable").into_response();
                }
            }
        }
        None => None,
    };
    let ctx = RequestCtx {
        request_id,
        client_ip: client_ip(headers, peer, state.config.proxy_hops),
        lang: language(headers),
        session,
        agent,
        secure_cookies: state.config.secure_cookies(),
    };
    request.extensions_mut().insert(ctx);
    next.run(request).await
}

/// Origin of a URL (`scheme://host[:port]`).
fn origin_of(url: &str) -> Option<&str> {
    let after_scheme = url.find("://")? + 3;
    let end = url[after_scheme..].find('/').map(|i| i + after_scheme).unwrap_or(url.len());
    Some(&url[..end])
}

/// Whether a state-changing request comes from one of our pages.
pub fn is_same_origin(headers: &HeaderMap, public_url: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "same-origin" || site == "none";
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let allowed = |origin: &str| {
        Some(origin) == origin_of(public_url)
            || host.is_some_and(|host| origin == format!("http://{host}") || origin == format!("https://{host}"))
    };
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        return allowed(origin);
    }
    if let Some(referer) = headers.get(header::REFERER).and_then(|v| v.to_str().ok()) {
        return origin_of(referer).is_some_and(allowed);
    }
    false
}

/// CSRF protection: with `SameSite=Lax` cookies, a cross-site form can still POST; this
/// refuses any non-GET request that does not come from the service's own origin (OWASP's
/// "verifying origin with standard headers").
pub async fn same_origin(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || is_same_origin(request.headers(), &state.config.public_url) {
        next.run(request).await
    } else {
        tracing::warn!(path = %request.uri().path(), "cross-origin state-changing request refused");
        (StatusCode::FORBIDDEN, "cross-origin request refused").into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn reads_cookies() {
        let map = headers(&[("cookie", "a=1; sid=abc"), ("cookie", "lang=en")]);
        assert_eq!(cookie(&map, "sid"), Some("abc".into()));
        assert_eq!(cookie(&map, "lang"), Some("en".into()));
        assert_eq!(cookie(&map, "x"), None);
        assert_eq!(language(&map), Lang::En);
        assert_eq!(language(&headers(&[("accept-language", "en-US,en;q=0.9")])), Lang::En);
        assert_eq!(language(&headers(&[])), Lang::Fr);
    }

    #[test]
    fn origin_check() {
        let public = "https://anef.example";
        assert!(is_same_origin(&headers(&[("sec-fetch-site", "same-origin")]), public));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "cross-site"), ("origin", "https://anef.example")]), public));
        assert!(is_same_origin(&headers(&[("origin", "https://anef.example")]), public));
        assert!(!is_same_origin(&headers(&[("origin", "https://evil.example")]), public));
        assert!(is_same_origin(&headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")]), public));
        assert!(is_same_origin(&headers(&[("referer", "https://anef.example/connexion")]), public));
        assert!(!is_same_origin(&headers(&[("referer", "https://anef.example.evil.com/x")]), public));
        assert!(!is_same_origin(&headers(&[]), public));
    }

    #[test]
    fn client_address_is_the_one_our_proxies_saw() {
        let peer = Some(SocketAddr::from(([10, 0, 0, 1], 5000)));
        // The client wrote 198.51.100.66; our load balancer appended the address it saw.
        let map = headers(&[("x-forwarded-for", "198.51.100.66, 203.0.113.9")]);
        assert_eq!(client_ip(&map, peer, 1), "203.0.113.9");
        assert_eq!(client_ip(&map, peer, 2), "198.51.100.66", "two proxies: the outer one saw the client");
        assert_eq!(client_ip(&map, peer, 0), "10.0.0.1", "no proxy: the header is ignored");
        assert_eq!(client_ip(&map, peer, 3), "10.0.0.1", "fewer entries than proxies: not from our proxies");
        let garbage = headers(&[("x-forwarded-for", "not-an-address")]);
        assert_eq!(client_ip(&garbage, peer, 1), "10.0.0.1");
    }
}
