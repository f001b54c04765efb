//! The route table: every address the app answers, with its method, in one list. The router is
//! built from it, and a test checks it against the OpenAPI document, so a route cannot be added
//! without being documented.

use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{self, MethodRouter};

use crate::AppState;

/// One method on one address.
#[derive(Debug)]
pub struct Route {
    pub method: Method,
    /// The axum path pattern, which is also the OpenAPI path: `/atlas/{id}`.
    pub path: &'static str,
    pub(crate) handler: MethodRouter<AppState>,
}

impl Route {
    pub(crate) fn get<H, T>(path: &'static str, handler: H) -> Route
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        Route::on(Method::GET, path, routing::get(handler))
    }

    pub(crate) fn post<H, T>(path: &'static str, handler: H) -> Route
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        Route::on(Method::POST, path, routing::post(handler))
    }

    pub(crate) fn put<H, T>(path: &'static str, handler: H) -> Route
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        Route::on(Method::PUT, path, routing::put(handler))
    }

    pub(crate) fn patch<H, T>(path: &'static str, handler: H) -> Route
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        Route::on(Method::PATCH, path, routing::patch(handler))
    }

    pub(crate) fn delete<H, T>(path: &'static str, handler: H) -> Route
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        Route::on(Method::DELETE, path, routing::delete(handler))
    }

    fn on(method: Method, path: &'static str, handler: MethodRouter<AppState>) -> Route {
        Route {
            method,
            path,
            handler,
        }
    }
}

/// Every route: pages, API and assets.
pub(crate) fn all() -> Vec<Route> {
    let mut routes = crate::pages::routes();
    routes.extend(crate::api::routes());
    routes.extend(crate::assets::routes());
    routes
}

/// (method, path) of every clinic API route (`/api/v1/clinic…`), from the same table: the role
/// matrix test walks it, so a new clinic route cannot go untested.
pub fn clinic_route_table() -> Vec<(Method, &'static str)> {
    route_table()
        .into_iter()
        .filter(|(_, path)| path.starts_with("/api/v1/clinic"))
        .collect()
}

/// (method, path) of every route, for checking the OpenAPI document against the router.
pub fn route_table() -> Vec<(Method, &'static str)> {
    all().into_iter().map(|r| (r.method, r.path)).collect()
}
