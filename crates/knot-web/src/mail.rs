//! Sending e-mail (password-reset links) through an SMTP relay with `lettre`, when
//! `knot serve --smtp-url` names one. Plain SMTP (`smtp://host:port`), meant for a relay on the
//! machine or the LAN; lettre is built without a TLS stack, so `smtps://` and a user name and
//! password (which would cross the network in the clear) are refused at start.
//! A send gives up after [`SEND_TIMEOUT`] and runs on a task of its own, so a slow relay never
//! holds up a request and a page never says whether a message went.

use std::time::Duration;

use lettre::message::header::ContentTransferEncoding;
use lettre::message::{Body, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// How long one message may take to hand to the relay.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// The sender used when `--mail-from` is not given.
pub const DEFAULT_FROM: &str = "Knot <knot@localhost>";

/// An SMTP relay and the address messages come from.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The relay's address, for messages.
    shown: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("relay", &self.shown)
            .finish()
    }
}

impl Mailer {
    /// A mailer for `smtp://host:port` sending as `from` (`Name <address>`).
    /// The error says what to write instead.
    pub fn new(url: &str, from: &str) -> Result<Mailer, String> {
        let from: Mailbox = from.parse().map_err(|_| {
            format!(
                "--mail-from {from:?} is not an address; write e.g. \"Knot <knot@example.org>\""
            )
        })?;
        let (host, port) = relay_address(url)?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&host)
            .port(port)
            .timeout(Some(SEND_TIMEOUT))
            .build();
        let shown = format!("smtp://{host}:{port}");
        Ok(Mailer {
            transport,
            from,
            shown,
        })
    }

    /// Sends a plain-text message to `to`, within [`SEND_TIMEOUT`]. The error names no
    /// recipient and no content (the body may hold a secret link).
    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), String> {
        let to: Mailbox = to
            .parse()
            .map_err(|_| "the recipient's address is not one SMTP accepts".to_string())?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .body(plain_body(body))
            .map_err(|e| format!("building the message: {e}"))?;
        match tokio::time::timeout(SEND_TIMEOUT, self.transport.send(message)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(format!("the relay {} refused or failed: {e}", self.shown)),
            Err(_) => Err(format!(
                "the relay {} did not answer within {} seconds",
                self.shown,
                SEND_TIMEOUT.as_secs()
            )),
        }
    }
}

/// The body as 7-bit text when it is ASCII with lines of SMTP's length, so a link stays one
/// readable line (lettre's own choice would quote-print any line of 76 characters or more);
/// otherwise as lettre encodes it.
fn plain_body(text: String) -> Body {
    if text.is_ascii() && text.lines().all(|line| line.len() < 998) {
        let crlf = text.lines().collect::<Vec<_>>().join("\r\n") + "\r\n";
        Body::dangerous_pre_encoded(crlf.into_bytes(), ContentTransferEncoding::SevenBit)
    } else {
        Body::new(text)
    }
}

/// The host and port of `smtp://HOST[:PORT]` (port 25 when left out).
fn relay_address(url: &str) -> Result<(String, u16), String> {
    let usage = "write smtp://HOST:PORT (plain SMTP to a relay you trust, such as one on this \
                 machine)";
    let Some(rest) = url.strip_prefix("smtp://") else {
        return Err(format!("--smtp-url {url:?} is not supported; {usage}"));
    };
    let rest = rest.trim_end_matches('/');
    if rest.contains('@') {
        return Err(format!(
            "--smtp-url with a user name or password is not supported (it would be sent \
             unencrypted); {usage}"
        ));
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => {
            let port = port
                .parse::<u16>()
                .map_err(|_| format!("--smtp-url {url:?} has no usable port; {usage}"))?;
            (host, port)
        }
        _ => (rest, 25),
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() || host.contains('/') {
        return Err(format!("--smtp-url {url:?} names no host; {usage}"));
    }
    Ok((host.to_string(), port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relay_addresses() {
        assert_eq!(
            relay_address("smtp://127.0.0.1:2525").unwrap(),
            ("127.0.0.1".to_string(), 2525)
        );
        assert_eq!(
            relay_address("smtp://mail.lan").unwrap(),
            ("mail.lan".to_string(), 25)
        );
        assert!(relay_address("smtps://mail.lan:465").is_err());
        assert!(relay_address("smtp://user:pw@mail.lan:25").is_err());
        assert!(relay_address("smtp://mail.lan:x").is_err());
        assert!(relay_address("smtp://:25").is_err());
    }
}
