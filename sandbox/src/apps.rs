//! Handlers for `/v1/apps`, `/v1/apps/{id}` and everything else.

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header::ALLOW;
use axum::http::{Method, Uri};
use axum::response::IntoResponse;
use percent_encoding::percent_decode_str;
use serde_json::Value;

use crate::documents::{self, APP_FIELDS, APP_TYPE, View};
use crate::errors::ApiError;
use crate::listing;
use crate::paging;
use crate::query::{self, parse_pairs};
use crate::state::Shared;

/// `GET /v1/apps`: one page of the (filtered, sorted) apps.
pub(crate) async fn list_apps(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
) -> Result<Json<Value>, ApiError> {
    let list = listing::parse(&parse_pairs(uri.query()))?;
    let selected = listing::select(&shared.apps, &list);
    let limit = list.limit.unwrap_or(shared.page_size);
    let page = paging::page(selected.len(), list.offset, limit)?;
    let base = shared.base_url.as_str();
    let data = selected
        .get(page.range.clone())
        .unwrap_or_default()
        .iter()
        .map(|app| documents::app_resource(app, base, View::Collection, list.fields.as_deref()))
        .collect();
    let next = page
        .next
        .map(|offset| paging::next_link(&shared.next_link_base, uri.path(), uri.query(), offset));
    let self_link = self_link(base, &uri);
    let document = documents::collection_document(data, &self_link, next, selected.len(), limit);
    Ok(Json(document))
}

/// `GET /v1/apps/{id}`: one app, or 404 naming the id.
pub(crate) async fn read_app(
    State(shared): State<Arc<Shared>>,
    id: Result<Path<String>, PathRejection>,
    uri: Uri,
) -> Result<Json<Value>, ApiError> {
    let id = match id {
        Ok(Path(id)) => id,
        Err(_) => lossy_last_segment(uri.path()),
    };
    let pairs = parse_pairs(uri.query());
    query::check_parameters(&pairs, query::INSTANCE)?;
    let fields = query::sparse_fields(&pairs, APP_TYPE, APP_FIELDS)?;
    let app = shared
        .apps
        .iter()
        .find(|app| app.id == id)
        .ok_or_else(|| ApiError::resource_not_found(APP_TYPE, &id))?;
    let base = shared.base_url.as_str();
    let data = documents::app_resource(app, base, View::Instance, fields.as_deref());
    Ok(Json(documents::instance_document(
        data,
        &self_link(base, &uri),
    )))
}

/// Any other method on a known path: 405 with `Allow: GET`.
pub(crate) async fn method_not_allowed(method: Method) -> impl IntoResponse {
    let error = ApiError::method_not_allowed(APP_TYPE, method.as_str());
    ([(ALLOW, "GET")], error)
}

/// Any unknown path: 404.
pub(crate) async fn not_found() -> ApiError {
    ApiError::path_not_found()
}

/// The absolute URL of the request itself.
fn self_link(base: &str, uri: &Uri) -> String {
    match uri.query() {
        Some(query) => format!("{base}{}?{query}", uri.path()),
        None => format!("{base}{}", uri.path()),
    }
}

/// The id when the router could not decode it (e.g. invalid UTF-8 after `%`-decoding).
fn lossy_last_segment(path: &str) -> String {
    let segment = path.rsplit('/').next().unwrap_or_default();
    percent_decode_str(segment).decode_utf8_lossy().into_owned()
}
