//! The token of the sign-in and sign-up forms, which work before there is a session: a signed
//! double submit. The token is `ISSUED.NONCE.MAC` (issue time in Unix seconds, a random nonce,
//! and the server's MAC of both); it is set in a `SameSite=Strict` cookie and echoed in the
//! form. A post is accepted only when both are present, equal, signed by this server and not
//! older than the cookie's lifetime — so a client cannot make up a pair of its own, and an
//! empty pair is refused.

use chrono::Utc;

use super::signing::{Purpose, Signer};
use super::tokens::{random_token, same_secret};
use crate::WebError;

/// How long a form token is accepted: long enough to fill in a form.
pub(crate) const FORM_TOKEN_SECONDS: i64 = 2 * 60 * 60;
/// Clock differences between app servers tolerated for a token "from the future".
const SKEW_SECONDS: i64 = 60;

/// A fresh signed form token.
pub(crate) async fn issue(
    signer: &Signer,
    store: &dyn knot_store::Store,
) -> Result<String, WebError> {
    let data = format!("{}.{}", Utc::now().timestamp(), random_token()?);
    let tag = signer.sign(store, Purpose::FormToken, &data).await?;
    Ok(format!("{data}.{tag}"))
}

/// Whether the form's token and the cookie's are the same, non-empty, signed by us and fresh.
pub(crate) async fn accepts(
    signer: &Signer,
    store: &dyn knot_store::Store,
    cookie: Option<&str>,
    field: &str,
) -> Result<bool, WebError> {
    let Some(cookie) = cookie.filter(|c| !c.is_empty()) else {
        return Ok(false);
    };
    if field.is_empty() || !same_secret(cookie, field) {
        return Ok(false);
    }
    let Some((data, tag)) = field.rsplit_once('.') else {
        return Ok(false);
    };
    let Some(issued) = data
        .split_once('.')
        .and_then(|(issued, _)| issued.parse::<i64>().ok())
    else {
        return Ok(false);
    };
    let age = Utc::now().timestamp() - issued;
    if !(-SKEW_SECONDS..=FORM_TOKEN_SECONDS).contains(&age) {
        return Ok(false);
    }
    signer.verify(store, Purpose::FormToken, data, tag).await
}
