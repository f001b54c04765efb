//! `knot serve [--addr HOST:PORT] [--trusted-proxy ADDR]... [--smtp-url URL]`: the web app on
//! this machine, over the same store as the CLI; with an SMTP relay it e-mails password-reset
//! links. `--header-timeout`, `--request-timeout` and `--max-connections`
//! bound what slow or idle clients can hold (defaults in `knot_web::ServeOptions`).

use std::net::{IpAddr, Ipv4Addr, SocketAddr, ToSocketAddrs};

use anyhow::Context;
use clap::Args;

use super::db::Db;
use crate::failure::{bad_input, Failure};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where to listen: 127.0.0.1:7878 (this machine only) or 0.0.0.0:7878 (the whole network).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:7878")]
    addr: String,
    /// Seconds a client has to send a request's headers (also how long an idle kept-alive
    /// connection stays open).
    #[arg(long, value_name = "SECONDS", default_value_t = knot_web::ServeOptions::DEFAULT_HEADER_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..=3600))]
    header_timeout: u64,
    /// Seconds a request may take once its headers have arrived, reading its body included.
    #[arg(long, value_name = "SECONDS", default_value_t = knot_web::ServeOptions::DEFAULT_REQUEST_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..=3600))]
    request_timeout: u64,
    /// Most connections served at once; more wait until one closes. Keep it well under the
    /// open-file limit (`ulimit -n`).
    #[arg(long, value_name = "N", default_value_t = knot_web::ServeOptions::DEFAULT_MAX_CONNECTIONS as u64, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    max_connections: u64,
    /// A reverse proxy in front of Knot (repeatable): only for connections from it is the
    /// client read from X-Forwarded-For, for the sign-in limits. Give each proxy's IP address.
    #[arg(long = "trusted-proxy", value_name = "ADDR")]
    trusted_proxies: Vec<IpAddr>,
    /// An SMTP relay for password-reset links: smtp://HOST:PORT (plain SMTP, for a relay on
    /// this machine or the LAN). Without one, the forgot-password page says to ask whoever runs
    /// the server (`knot account reset EMAIL`).
    #[arg(long, value_name = "URL", env = "KNOT_SMTP_URL")]
    smtp_url: Option<String>,
    /// Who reset e-mails come from.
    #[arg(long, value_name = "ADDRESS", default_value = knot_web::DEFAULT_MAIL_FROM)]
    mail_from: String,
    /// The address people reach Knot at (https://knot.example.org), which links in e-mail
    /// start with; without it, the address each request came to.
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
}

pub fn run(args: ServeArgs, db: &Db) -> Result<(), Failure> {
    let addr = parse_addr(&args.addr)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")?;
    runtime.block_on(async {
        let opened = db.open().await?;
        let mut state = knot_web::AppState::new(opened.app.store().clone())
            .context("loading Knot's reference data")?
            .with_trusted_proxies(args.trusted_proxies.clone());
        if let Some(url) = &args.smtp_url {
            let mailer = knot_web::Mailer::new(url, &args.mail_from).map_err(bad_input)?;
            state = state.with_mailer(mailer);
        }
        if let Some(url) = &args.public_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(bad_input(format!(
                    "--public-url {url:?} must start with http:// or https://"
                )));
            }
            state = state.with_public_url(url);
        }
        let listener = knot_web::bind(addr).await.map_err(serve_failure)?;
        let bound = listener.local_addr().unwrap_or(addr);
        println!(
            "Knot is listening on {} — open it in a browser to begin (Ctrl-C to stop)",
            browser_url(bound)
        );
        let options = knot_web::ServeOptions {
            header_timeout: std::time::Duration::from_secs(args.header_timeout),
            request_timeout: std::time::Duration::from_secs(args.request_timeout),
            max_connections: usize::try_from(args.max_connections).unwrap_or(usize::MAX),
        };
        knot_web::serve_with(listener, state, options, knot_web::shutdown_signal())
            .await
            .map_err(serve_failure)?;
        println!("Knot stopped.");
        Ok(())
    })
}

/// HOST:PORT, where HOST may be a name such as `localhost`.
fn parse_addr(text: &str) -> Result<SocketAddr, Failure> {
    let malformed = || {
        bad_input(format!(
            "--addr {text:?} is not HOST:PORT; write e.g. 127.0.0.1:7878 (this machine only) or \
             0.0.0.0:7878 (every network interface)"
        ))
    };
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    if !text.contains(':') {
        return Err(malformed());
    }
    text.to_socket_addrs()
        .map_err(|_| malformed())?
        .next()
        .ok_or_else(malformed)
}

/// The address to type into a browser: a wildcard bind is reached through the loopback.
fn browser_url(addr: SocketAddr) -> String {
    let shown = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port())
        }
        _ => addr,
    };
    format!("http://{shown}")
}

fn serve_failure(error: knot_web::ServeError) -> Failure {
    if error.is_bad_address() {
        bad_input(error.to_string())
    } else {
        Failure::Other(anyhow::Error::new(error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_addr_accepts_ip_and_port() {
        assert_eq!(
            parse_addr("127.0.0.1:7878").unwrap(),
            "127.0.0.1:7878".parse().unwrap()
        );
    }

    #[test]
    fn parse_addr_refuses_text_without_a_port() {
        assert!(matches!(parse_addr("localhost"), Err(Failure::BadInput(_))));
        assert!(matches!(
            parse_addr("not an address:x"),
            Err(Failure::BadInput(_))
        ));
    }

    #[test]
    fn browser_url_shows_loopback_for_a_wildcard_bind() {
        assert_eq!(
            browser_url("0.0.0.0:7878".parse().unwrap()),
            "http://127.0.0.1:7878"
        );
        assert_eq!(browser_url("[::1]:80".parse().unwrap()), "http://[::1]:80");
    }
}
