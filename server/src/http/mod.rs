//! The HTTP surface: pages and server functions (Leptos), static files, health and the
//! language switch, wrapped in request-id, tracing, compression, limits and CSRF checks.

pub mod calendar;
pub mod intake;
pub mod message_files;
pub mod middleware;
pub mod page_cache;
pub mod printouts;
pub mod uploads;

use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use serde::Deserialize;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use app::backend::Services;
use app::domain::navigation::safe_return_path;
use app::i18n::Lang;

use crate::accounts::AccountsService;
use crate::state::AppState;

/// Body size for pages and server functions (uploads have their own, larger limit).
const FORM_BODY_LIMIT: usize = 256 * 1024;

pub fn services(state: &AppState) -> Services {
    Services {
        accounts: std::sync::Arc::new(AccountsService::new(state.clone())),
        filing: std::sync::Arc::new(crate::filing::service::FilingService::new(state.clone())),
        instruction: std::sync::Arc::new(crate::instruction::service::InstructionService::new(state.clone())),
        admin: std::sync::Arc::new(crate::administration::AgentAdminService::new(state.clone())),
        lawful_stay: std::sync::Arc::new(crate::lawful_stay::service::LawfulStayService::new(state.clone())),
        messages: std::sync::Arc::new(crate::messages::service::MessagesService::new(state.clone())),
        appointments: std::sync::Arc::new(crate::appointments::service::AppointmentsService::new(state.clone())),
    }
}

pub fn router(state: AppState) -> Router {
    let leptos_options = state.leptos.clone();
    let routes = generate_route_list(app::App);
    let services = services(&state);
    let request_timeout =
        TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, Duration::from_secs(state.config.request_timeout_seconds));

    let pages = Router::new()
        .route("/health", get(health))
        .route("/langue/{code}", get(switch_language))
        .route("/api/procedures/{procedure}/justificatifs.pdf", get(printouts::documents_list))
        .route("/api/modeles/{file}", get(printouts::model))
        .leptos_routes_with_context(&state, routes, move || provide_context(services.clone()), {
            let options = leptos_options.clone();
            move || app::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(app::shell))
        .layer(
            ServiceBuilder::new()
                .layer(request_timeout)
                .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::same_origin))
                .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::request_context))
                .layer(RequestBodyLimitLayer::new(FORM_BODY_LIMIT))
                .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))),
        )
        .with_state(state.clone());

    // Files joined to drafts and messages: a larger body limit of their own, and no total
    // time: `intake` fails an upload only when it stops progressing.
    let upload_bodies = Router::new()
        .route("/api/demandes/{application}/pieces/{document}", post(uploads::upload))
        .route("/api/demandes/{application}/messages/pieces", post(message_files::upload_route::<false>))
        .route("/api/agent/dossiers/{application}/messages/pieces", post(message_files::upload_route::<true>));
    // Their downloads and removals, and the agent's refusal with its decision.
    let files = Router::new()
        .route("/api/demandes/{application}/fichiers/{file}", get(uploads::download).delete(uploads::remove))
        .route("/api/demandes/{application}/documents/{kind}", get(uploads::issued))
        .route("/api/demandes/{application}/rendez-vous.ics", get(calendar::appointment))
        .route("/api/agent/dossiers/{application}/fichiers/{file}", get(uploads::agent_download))
        .route("/api/agent/dossiers/{application}/refus", post(uploads::agent_refuse))
        .route(
            "/api/demandes/{application}/messages/pieces/{file}",
            get(message_files::download_route::<false>).delete(message_files::remove_route::<false>),
        )
        .route(
            "/api/agent/dossiers/{application}/messages/pieces/{file}",
            get(message_files::download_route::<true>).delete(message_files::remove_route::<true>),
        )
        .layer(request_timeout)
        .merge(upload_bodies)
        .layer(
            ServiceBuilder::new()
                .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::same_origin))
                .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::request_context))
                .layer(RequestBodyLimitLayer::new(uploads::UPLOAD_BODY_LIMIT))
                .layer(DefaultBodyLimit::disable()),
        )
        .with_state(state.clone());

    // Static files skip the session lookup and may be cached.
    let site_root = state.config.site_root.clone();
    let assets = Router::new()
        // Compressed once at build time at the best levels (scripts/precompress.sh).
        .nest_service("/pkg", ServeDir::new(site_root.join("pkg")).precompressed_br().precompressed_gzip())
        .nest_service("/dsfr", ServeDir::new(site_root.join("dsfr")).precompressed_br().precompressed_gzip())
        .route_service("/favicon.svg", ServeFile::new(site_root.join("favicon.svg")))
        .layer(request_timeout)
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600")));

    // Two years of HTTPS only, once the service is served over HTTPS.
    let hsts = state.config.public_url.starts_with("https://").then(|| HeaderValue::from_static("max-age=63072000; includeSubDomains"));
    Router::new().merge(assets).merge(files).merge(pages).layer(
        ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
            .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
            .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
            .layer(SetResponseHeaderLayer::overriding(
                HeaderName::from_static("permissions-policy"),
                HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
            ))
            .layer(SetResponseHeaderLayer::overriding(header::STRICT_TRANSPORT_SECURITY, hsts))
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .layer(TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
                let request_id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %request_id)
            }))
            .layer(PropagateRequestIdLayer::x_request_id())
            .layer(axum::middleware::from_fn_with_state(page_cache::PageCache::default(), page_cache::serve_cached))
            // Fastest level: most of the gain in size for a fraction of the CPU of the default.
            .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Fastest)),
    )
}

/// For load balancers: 200 when the database answers, 503 otherwise.
/// `/health`: whether the database answers, and how many e-mails failed for good (an alert
/// above zero: someone did not get their link or their receipt).
async fn health(State(state): State<AppState>) -> Response {
    let checked = async {
        crate::db::ping(&state.db).await?;
        crate::jobs::dead_letter_count(&state.db).await
    };
    match checked.await {
        Ok(dead_letters) => Json(serde_json::json!({ "status": "ok", "dead_letters": dead_letters })).into_response(),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({ "status": "unavailable" }))).into_response()
        }
    }
}

#[derive(Deserialize)]
struct LanguageQuery {
    retour: Option<String>,
}

/// `/langue/en?retour=/connexion`: remembers the language and goes back (works without JS).
async fn switch_language(State(state): State<AppState>, Path(code): Path<String>, Query(query): Query<LanguageQuery>) -> Response {
    let Some(lang) = Lang::from_code(&code) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let back = query.retour.as_deref().and_then(safe_return_path).unwrap_or("/");
    let secure = if state.config.secure_cookies() { "; Secure" } else { "" };
    let cookie = format!("{}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}", Lang::COOKIE, lang.code());
    let mut response = Redirect::to(back).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}
