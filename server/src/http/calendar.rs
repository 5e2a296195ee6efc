//! `GET /api/demandes/{application}/rendez-vous.ics`: the standing appointment to collect the
//! card, as a calendar file, for the file's owner only.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use sea_orm::EntityTrait;

use app::backend::RequestCtx;
use app::error::AppError;

use super::uploads::{failure, internal};
use crate::appointments::service::Details;
use crate::db::entities::prefecture;
use crate::state::AppState;

pub async fn appointment(State(state): State<AppState>, Extension(ctx): Extension<RequestCtx>, Path(public_id): Path<String>) -> Response {
    let file = match crate::filing::filed_application(&state.db, &ctx, &public_id).await {
        Ok(file) => file,
        Err(error) => return failure(error),
    };
    let (booking, slot) = match crate::appointments::standing(&state.db, file.id).await {
        Ok(Some(found)) => found,
        Ok(None) => return failure(AppError::NotFound),
        Err(error) => return internal(error),
    };
    let office = match prefecture::Entity::find_by_id(slot.prefecture_id).one(&state.db).await {
        Ok(office) => office,
        Err(error) => return internal(error),
    };
    let ics = Details::new(&state, &file, &slot, office.as_ref(), &booking).ics();
    let mut response = (StatusCode::OK, ics).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8"));
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"rendez-vous.ics\""));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}
