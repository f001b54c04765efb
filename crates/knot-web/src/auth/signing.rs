//! The server's signing key and the MACs made with it (HMAC-SHA256): the sign-in form's token
//! and the device cookie carry one, so a client cannot make its own. The key is random, made
//! once and kept in the database, so it survives restarts and every app server on one
//! database shares it; each use signs under its own purpose name, so a MAC made for one cannot
//! stand for another.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use tokio::sync::OnceCell;

use super::tokens::{hex, random_bytes, same_secret};
use crate::app_error::from_store;
use crate::WebError;

/// The name the key is stored under.
const KEY_NAME: &str = "web-signing-v1";

/// What a MAC is for (part of what is signed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    FormToken,
    Device,
    /// The challenge between a right password and the two-factor code.
    SecondStep,
    /// A two-factor secret offered for enrolment, not yet confirmed.
    Enrolment,
}

impl Purpose {
    fn label(self) -> &'static str {
        match self {
            Purpose::FormToken => "form-token",
            Purpose::Device => "device",
            Purpose::SecondStep => "second-step",
            Purpose::Enrolment => "two-factor-enrolment",
        }
    }
}

/// The signing key, read from the store on first use.
#[derive(Default)]
pub(crate) struct Signer {
    key: OnceCell<Vec<u8>>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer { key: <redacted> }")
    }
}

impl Signer {
    async fn key(&self, store: &dyn knot_store::Store) -> Result<&[u8], WebError> {
        let key = self
            .key
            .get_or_try_init(|| async {
                let fresh = random_bytes::<32>()?;
                store.server_key(KEY_NAME, &fresh).await.map_err(from_store)
            })
            .await?;
        Ok(key)
    }

    /// The MAC of `data` for `purpose`, as hex.
    pub async fn sign(
        &self,
        store: &dyn knot_store::Store,
        purpose: Purpose,
        data: &str,
    ) -> Result<String, WebError> {
        let key = self.key(store).await?;
        Ok(mac(key, purpose, data))
    }

    /// Whether `tag` is the MAC of `data` for `purpose` (compared in constant time).
    pub async fn verify(
        &self,
        store: &dyn knot_store::Store,
        purpose: Purpose,
        data: &str,
        tag: &str,
    ) -> Result<bool, WebError> {
        if tag.is_empty() {
            return Ok(false);
        }
        let key = self.key(store).await?;
        let expected = mac(key, purpose, data);
        Ok(!expected.is_empty() && same_secret(&expected, tag))
    }
}

fn mac(key: &[u8], purpose: Purpose, data: &str) -> String {
    // HMAC takes a key of any length, so this cannot fail; an empty MAC never verifies.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(purpose.label().as_bytes());
    mac.update(b"\0");
    mac.update(data.as_bytes());
    hex(&mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mac_depends_on_the_key_the_purpose_and_the_data() {
        let a = mac(b"key one", Purpose::Device, "7.abc");
        assert_eq!(a.len(), 64);
        assert_eq!(a, mac(b"key one", Purpose::Device, "7.abc"));
        assert_ne!(a, mac(b"key two", Purpose::Device, "7.abc"));
        assert_ne!(a, mac(b"key one", Purpose::FormToken, "7.abc"));
        assert_ne!(a, mac(b"key one", Purpose::Device, "8.abc"));
    }
}
