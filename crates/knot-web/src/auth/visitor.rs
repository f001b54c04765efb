//! Who is signed in, for the page frame: a layer looks up the session of every page request
//! once, hands it to the extractors (so they do not look again) and makes the name and the
//! sign-out form's token available to the navigation while the page renders — including error
//! pages, which are rendered outside the handler.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::sessions::{resolve, SignedIn};
use crate::error::is_api_path;
use crate::AppState;

/// The session the layer found for this request (None: not signed in).
#[derive(Debug, Clone)]
pub(crate) struct Resolved(pub Option<SignedIn>);

/// What the navigation shows for a signed-in person.
#[derive(Debug, Clone)]
pub(crate) struct Visitor {
    pub name: String,
    /// For the sign-out form.
    pub csrf: String,
}

tokio::task_local! {
    static VISITOR: Option<Visitor>;
}

/// The signed-in person of the page being rendered, if any.
pub(crate) fn visitor() -> Option<Visitor> {
    VISITOR.try_with(Clone::clone).ok().flatten()
}

/// Looks up the session of page requests (not API calls or assets).
pub(crate) async fn visitor_layer(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if is_api_path(path) || path.starts_with("/static/") {
        return next.run(request).await;
    }
    let visitor = match resolve(&state, request.headers()).await {
        Ok(found) => {
            let visitor = found.as_ref().map(|user| Visitor {
                name: user.account.display_name.clone(),
                csrf: user.csrf().to_string(),
            });
            request.extensions_mut().insert(Resolved(found));
            visitor
        }
        // Left to the extractors, which look again and report the failure.
        Err(_) => None,
    };
    VISITOR.scope(visitor, next.run(request)).await
}
