//! Public pages as anonymous visitors get them come from a short-lived cache, per language and
//! encoding; a logged-in visitor always gets a page rendered for them.

use crate::common::{Backend, TestApp};
use app::accounts::LoginOutcome;

/// Status, request id, cache header and body (raw bytes as sent: gzip when asked for).
async fn page(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> (u16, String, String, Vec<u8>) {
    let client = reqwest::Client::builder().build().expect("client");
    let mut request = client.get(app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let (id, cache) = (header("x-request-id"), header("x-page-cache"));
    (status, id, cache, response.bytes().await.expect("body").to_vec())
}

#[tokio::test]
async fn anonymous_pages_are_shared_personal_ones_are_not() {
    let app = TestApp::spawn(Backend::Sqlite).await;

    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let (status, first_id, first_cache, first) = page(&app, "/connexion", &[("accept-encoding", "gzip")]).await;
    let (_, second_id, second_cache, second) = page(&app, "/connexion", &[("accept-encoding", "gzip")]).await;
    assert_eq!(status, 200);
    assert_eq!((first_cache.as_str(), second_cache.as_str()), ("miss", "hit"));
    assert!(first.starts_with(&[0x1f, 0x8b]), "compressed for a browser that accepts gzip");
    assert_eq!(first, second, "the second anonymous visitor gets the same page");
    assert!(!first_id.is_empty() && first_id != second_id, "each response keeps its own request id");
    let (status, _, cache, plain) = page(&app, "/connexion", &[]).await;
    let plain = text(&plain);
    // Says what came instead when it fails (it failed once, under the whole suite's load).
    assert!(
        plain.contains("Créez votre compte"),
        "an identity request is another entry: {status} {cache}: {}",
        plain.chars().take(3000).collect::<String>()
    );

    // Another language is another entry.
    let (status, _, cache, english) = page(&app, "/connexion", &[("cookie", "lang=en")]).await;
    let english = text(&english);
    assert!(english.contains("Create your account"), "{status} {cache}: {}", english.chars().take(3000).collect::<String>());
    let (status, _, cache, by_browser) = page(&app, "/connexion", &[("accept-language", "en-GB,en;q=0.8")]).await;
    let by_browser = text(&by_browser);
    assert!(by_browser.contains("Create your account"), "{status} {cache}: {}", by_browser.chars().take(3000).collect::<String>());

    // A logged-in visitor gets the page with their name in the header.
    server::seed::seed_demo_accounts(&app.state.db, &app.state.clock).await.expect("demo accounts");
    let _: LoginOutcome =
        app.call_fn_default(app::accounts::Login { identifier: "9102458731".into(), password: "Demo-2026!".into() }).await.expect("login");
    let personal = app.client.get(app.url("/connexion")).send().await.expect("request");
    assert!(personal.headers().get("x-page-cache").is_none(), "a logged-in visitor bypasses the cache");
    let personal = personal.text().await.expect("body");
    assert!(personal.contains("HERNÁNDEZ RUIZ"), "the logged-in header shows the holder");
    let (_, _, _, anonymous_again) = page(&app, "/connexion", &[]).await;
    assert!(!text(&anonymous_again).contains("HERNÁNDEZ RUIZ"), "nothing personal ever enters the cache");
    app.finish().await;
}

/// Every page carries the security headers, and its policy admits only the scripts that carry
/// this response's nonce.
#[tokio::test]
async fn pages_carry_a_content_security_policy_with_their_nonce() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    for path in ["/connexion", "/aide"] {
        let response = reqwest::get(app.url(path)).await.expect("page");
        let headers = response.headers().clone();
        let html = response.text().await.expect("html");
        assert_eq!(headers["x-frame-options"], "DENY");
        assert_eq!(headers["referrer-policy"], "same-origin");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(headers.get("strict-transport-security").is_none(), "plain HTTP in tests");
        let policy = headers["content-security-policy"].to_str().expect("ascii");
        assert!(policy.contains("frame-ancestors 'none'") && policy.contains("object-src 'none'"), "{policy}");
        let nonce = policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a nonce");
        assert!(nonce.len() >= 16, "{nonce}");
        // Every inline script of the page carries that nonce.
        let scripts = html.matches("<script").count();
        assert!(scripts > 0);
        assert_eq!(html.matches(&format!("nonce=\"{nonce}\"")).count(), scripts, "{path}: {html}");
    }
    app.finish().await;
}

/// The site's assets go out as compressed at build time (scripts/precompress.sh): brotli to
/// browsers that accept it, gzip to the others, never recompressed on the fly.
#[tokio::test]
async fn assets_are_served_precompressed_at_build_time() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let pkg = app.state.config.site_root.join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg");
    std::fs::write(pkg.join("anef.js"), "console.log('anef');".repeat(100)).expect("js");
    std::fs::write(pkg.join("anef.js.br"), b"brotli bytes").expect("br");
    std::fs::write(pkg.join("anef.js.gz"), b"gzip bytes").expect("gz");
    let client = reqwest::Client::builder().no_gzip().no_brotli().build().expect("client");
    for (accept, encoding, body) in [("br, gzip", "br", "brotli bytes"), ("gzip", "gzip", "gzip bytes")] {
        let response = client.get(app.url("/pkg/anef.js")).header("accept-encoding", accept).send().await.expect("asset");
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-encoding"], encoding, "{accept}");
        assert_eq!(response.text().await.expect("body"), body, "{accept}: the precompressed file as it is");
    }
    app.finish().await;
}
