//! Extractors for the signed-in account, and the CSRF checks that go with them.
//!
//! - [`PageUser`]: an HTML page; without a session the visitor is sent to `/signin` (and back
//!   afterwards).
//! - [`ApiUser`]: a JSON call; without a session, 401. A call that changes anything (any method
//!   but GET and HEAD) must send the session's token in `X-CSRF-Token`, else 403.
//! - [`UserForm`]: a form post from a page: the session, plus the form, whose `csrf` field must
//!   match the session's token, else 403.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{Method, Uri};
use axum::response::{IntoResponse, Redirect, Response};

use knot_store::SecurityEventKind;

use super::client::{client_ip, ClientGroup};
use super::events;
use super::sessions::{resolve, SignedIn};
use super::tokens::same_secret;
use super::visitor::Resolved;
use crate::extract::FormPairs;
use crate::{AppState, WebError};

/// The hidden form field that carries the CSRF token.
pub(crate) const CSRF_FIELD: &str = "csrf";
/// The header that carries the CSRF token on API calls.
pub(crate) const CSRF_HEADER: &str = "x-csrf-token";

/// The signed-in account of a page request.
#[derive(Debug)]
pub(crate) struct PageUser(pub SignedIn);

/// The signed-in account of an API request (CSRF checked on changes).
#[derive(Debug)]
pub(crate) struct ApiUser(pub SignedIn);

/// A page's form post by a signed-in account, its CSRF token checked.
#[derive(Debug)]
pub(crate) struct UserForm {
    pub user: SignedIn,
    pub pairs: Vec<(String, String)>,
}

impl UserForm {
    /// The first value of a field, trimmed of nothing ("" when absent).
    pub fn value(&self, name: &str) -> &str {
        field(&self.pairs, name)
    }
}

/// The first value of a form field ("" when absent).
pub(crate) fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(key, _)| key == name)
        .map_or("", |(_, value)| value.as_str())
}

/// The client's address (behind a trusted proxy, the one it forwarded for), when the server
/// was started with connection info.
pub(crate) fn client_address(parts: &Parts, state: &AppState) -> Option<IpAddr> {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    client_ip(peer, &parts.headers, &state.auth.trusted_proxies)
}

/// The client's address as an extractor (None in tests and without connection info).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClientAddress(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(client_address(parts, state)))
    }
}

/// Records a signed-in request refused for its CSRF token (`what`: "the API call POST /…").
async fn record_csrf_refusal(
    state: &AppState,
    user: &SignedIn,
    address: Option<IpAddr>,
    what: String,
) {
    events::record(
        &*state.store,
        SecurityEventKind::CsrfRefused,
        Some(user.account.user_id),
        address.map(ClientGroup::of),
        format!("{what} was refused: its CSRF token was missing or wrong"),
    )
    .await;
}

/// The request's session: the one the visitor layer found, or looked up now.
async fn signed_in(parts: &Parts, state: &AppState) -> Result<Option<SignedIn>, WebError> {
    if let Some(Resolved(found)) = parts.extensions.get::<Resolved>() {
        return Ok(found.clone());
    }
    resolve(state, &parts.headers).await
}

/// A local path to return to after signing in; anything else (another site) becomes `/diary`.
pub(crate) fn safe_next(next: &str) -> &str {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    if local {
        next
    } else {
        "/diary"
    }
}

/// Where to send a visitor without a session: `/signin`, then back to this page (for a form
/// post, the page it came from).
fn to_sign_in(method: &Method, uri: &Uri) -> Response {
    let path = uri.path();
    let back = if method == Method::GET {
        uri.path_and_query().map_or(path, |pq| pq.as_str())
    } else {
        path.split('/')
            .nth(1)
            .map_or("/", |first| path.get(..first.len() + 1).unwrap_or("/"))
    };
    let next: String = form_urlencoded::byte_serialize(safe_next(back).as_bytes()).collect();
    Redirect::to(&format!("/signin?next={next}")).into_response()
}

impl FromRequestParts<AppState> for PageUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match signed_in(parts, state).await {
            Ok(Some(user)) => Ok(PageUser(user)),
            Ok(None) => Err(to_sign_in(&parts.method, &parts.uri)),
            Err(error) => Err(error.into_response()),
        }
    }
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let Some(user) = signed_in(parts, state).await? else {
            return Err(WebError::Unauthorized(
                "sign in first: POST /api/v1/account/signin with {\"email\": …, \"password\": …}, \
                 then send the cookie it sets with every call"
                    .into(),
            ));
        };
        if !parts.method.is_safe() {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !same_secret(sent, user.csrf()) {
                let what = format!("the API call {} {}", parts.method, parts.uri.path());
                record_csrf_refusal(state, &user, client_address(parts, state), what).await;
                return Err(WebError::Forbidden(
                    "this call changes data, so it needs the header X-CSRF-Token with the \
                     csrf_token that sign-in (or GET /api/v1/account/me) returned"
                        .into(),
                ));
            }
        }
        Ok(ApiUser(user))
    }
}

impl FromRequest<AppState> for UserForm {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let PageUser(user) = PageUser::from_request_parts(&mut parts, state).await?;
        let (method, path) = (parts.method.clone(), parts.uri.path().to_string());
        let address = client_address(&parts, state);
        let request = Request::from_parts(parts, body);
        let FormPairs(pairs) = FormPairs::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        if !same_secret(field(&pairs, CSRF_FIELD), user.csrf()) {
            let what = format!("the form {method} {path}");
            record_csrf_refusal(state, &user, address, what).await;
            return Err(WebError::Forbidden(
                "this form has expired or did not come from Knot's own page; go back, reload \
                 the page and send it again"
                    .into(),
            )
            .into_response());
        }
        Ok(UserForm { user, pairs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_returned_to() {
        assert_eq!(
            safe_next("/progress?since=2024-01-01"),
            "/progress?since=2024-01-01"
        );
        for bad in ["https://evil.example", "//evil.example", "/\\evil", "diary"] {
            assert_eq!(safe_next(bad), "/diary", "{bad}");
        }
    }

    #[test]
    fn a_form_post_without_a_session_returns_to_its_page() {
        let response = to_sign_in(&Method::POST, &"/diary/12/delete".parse().expect("uri"));
        let location = response.headers()["location"].to_str().expect("location");
        assert_eq!(location, "/signin?next=%2Fdiary");
        let response = to_sign_in(&Method::GET, &"/progress?since=x".parse().expect("uri"));
        let location = response.headers()["location"].to_str().expect("location");
        assert_eq!(location, "/signin?next=%2Fprogress%3Fsince%3Dx");
    }
}
