//! Device cookies (the OWASP "device cookie" pattern): a browser that signed in to an account
//! gets a cookie naming that account (by id) and a random device id, signed by the server.
//! Sign-in attempts that present a valid one for the account they try are limited on their own
//! key, so the owner still gets in while others have the account or the address locked.

use axum::http::HeaderMap;

use super::cookies::{self, DEVICE_COOKIE};
use super::signing::{Purpose, Signer};
use super::tokens::random_token;
use crate::WebError;

/// A new device cookie (`Set-Cookie` value) for `user_id`.
pub(crate) async fn cookie_for(
    signer: &Signer,
    store: &dyn knot_store::Store,
    user_id: knot_store::UserId,
    secure: bool,
) -> Result<String, WebError> {
    let data = format!("{user_id}.{}", random_token()?);
    let tag = signer.sign(store, Purpose::Device, &data).await?;
    Ok(cookies::device_cookie(&format!("{data}.{tag}"), secure))
}

/// The device id of the request's device cookie, when it is ours and names `user_id`.
pub(crate) async fn valid_for(
    signer: &Signer,
    store: &dyn knot_store::Store,
    headers: &HeaderMap,
    user_id: knot_store::UserId,
) -> Result<Option<String>, WebError> {
    let Some(value) = cookies::read(headers, DEVICE_COOKIE) else {
        return Ok(None);
    };
    let Some((data, tag)) = value.rsplit_once('.') else {
        return Ok(None);
    };
    let names_account = data
        .split_once('.')
        .is_some_and(|(id, _)| id.parse::<knot_store::UserId>().ok() == Some(user_id));
    if !names_account || !signer.verify(store, Purpose::Device, data, tag).await? {
        return Ok(None);
    }
    Ok(Some(data.to_string()))
}
