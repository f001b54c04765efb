//! A bare HTTP/1.1 client for tests that run `knot serve` as a process: one request per
//! connection, and the session cookie and CSRF token of a fresh sign-up.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// One request on a connection of its own: the status, the head and the body; `None` when the
/// server is not there or hung up (a killed server).
pub fn try_http(
    port: u16,
    request_line: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Option<(u16, String, String)> {
    send(port, request_line, headers, "application/json", body)
}

/// A page's form post (`application/x-www-form-urlencoded`) of `fields`.
pub fn post_form(
    port: u16,
    path: &str,
    headers: &[(&str, &str)],
    fields: &[(&str, &str)],
) -> Option<(u16, String, String)> {
    let body = fields
        .iter()
        .map(|(name, value)| format!("{name}={}", value.replace(' ', "+")))
        .collect::<Vec<_>>()
        .join("&");
    send(
        port,
        &format!("POST {path}"),
        headers,
        "application/x-www-form-urlencoded",
        &body,
    )
}

fn send(
    port: u16,
    request_line: &str,
    headers: &[(&str, &str)],
    content_type: &str,
    body: &str,
) -> Option<(u16, String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    let mut request =
        format!("{request_line} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() {
        request.push_str(&format!(
            "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).ok()?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply).ok()?;
    let (head, body) = reply.split_once("\r\n\r\n")?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, head.to_string(), body.to_string()))
}

/// The JSON of a body sent whole or in chunks (the chunk sizes are dropped).
pub fn json_body(body: &str) -> serde_json::Value {
    if let Ok(value) = serde_json::from_str(body) {
        return value;
    }
    let joined: String = body
        .split("\r\n")
        .enumerate()
        .filter(|(index, _)| index % 2 == 1)
        .map(|(_, chunk)| chunk)
        .collect();
    serde_json::from_str(&joined).unwrap_or_else(|err| panic!("not JSON ({err}): {body}"))
}

/// A response header's value.
pub fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines()
        .filter_map(|line| line.split_once(": "))
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.trim())
}

/// Signs up a fresh account; the `Cookie` value and the CSRF token a signed-in request sends.
pub fn sign_up(port: u16, email: &str) -> (String, String) {
    let signup = serde_json::json!({
        "email": email, "display_name": "Sam", "password": "correct horse battery"
    });
    let (status, head, body) = try_http(
        port,
        "POST /api/v1/account/signup",
        &[],
        &signup.to_string(),
    )
    .expect("the server answers a sign-up");
    assert_eq!(status, 201, "{head}\n{body}");
    let cookie = head
        .lines()
        .filter_map(|line| line.split_once(": "))
        .filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, value)| value.split(';').next().unwrap_or_default())
        .find(|value| value.starts_with("knot_session="))
        .expect("the session cookie")
        .to_string();
    let csrf = json_body(&body)["csrf_token"]
        .as_str()
        .expect("csrf_token")
        .to_string();
    (cookie, csrf)
}
