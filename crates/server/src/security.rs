//! Access rules and response headers, applied to every request: the Host header
//! (against DNS rebinding), the client's address, the method, and the headers
//! every response carries.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State as AxState};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::State;

const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

pub fn plain(status: StatusCode, msg: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        msg.to_string(),
    )
        .into_response()
}

/// Constant-time comparison, so the token cannot be guessed byte by byte from timings.
pub fn token_matches(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    let mut diff = (a.len() != b.len()) as u8;
    for i in 0..a.len().max(b.len()) {
        diff |= a.get(i).copied().unwrap_or(0) ^ b.get(i).copied().unwrap_or(0);
    }
    diff == 0
}

/// The bearer token of a request, if any. The scheme's name is case-insensitive
/// (RFC 7235 §2.1): `bearer` and `BEARER` are `Bearer`.
pub fn bearer(req_headers: &axum::http::HeaderMap) -> Option<String> {
    let v = req_headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let v = v.trim_start();
    let (scheme, token) = v.split_once([' ', '\t'])?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// The host part of a Host header value: no port, no brackets, lower case, no
/// trailing dot.
fn host_name(value: &str) -> String {
    let v = value.trim();
    let host = if let Some(rest) = v.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        match v.rsplit_once(':') {
            Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
            _ => v,
        }
    };
    host.trim_end_matches('.').to_ascii_lowercase()
}

/// Whether a request naming `host` is meant for this server. A DNS-rebinding page
/// reaches 127.0.0.1 under its own name, which is in none of these: loopback
/// names (`localhost`, `*.localhost`, RFC 6761), loopback addresses, the address
/// the server is bound to (any address literal when it is bound to all of them:
/// an address is never rebound), and the names the operator allowed.
pub fn host_allowed(cfg: &crate::ServerConfig, host: &str) -> bool {
    let h = host_name(host);
    if h == "localhost" || h.ends_with(".localhost") {
        return true;
    }
    if let Ok(ip) = h.parse::<std::net::IpAddr>() {
        if ip.is_loopback() {
            return true;
        }
        for a in &cfg.allowed_hosts {
            if let Ok(b) = a.parse::<std::net::IpAddr>() {
                if b == ip || b.is_unspecified() {
                    return true;
                }
            }
        }
        return false;
    }
    cfg.allowed_hosts.iter().any(|a| host_name(a) == h)
}

/// Whether the request may write: a token is configured and given.
pub fn may_write(state: &State, given: Option<&str>) -> Result<(), Response> {
    match (&state.cfg.token, given) {
        (None, _) => Err(plain(
            StatusCode::FORBIDDEN,
            "writes are disabled: start `parallax serve` with a token (PARALLAX_TOKEN or --token-file)",
        )),
        (Some(_), None) => Err(plain(
            StatusCode::UNAUTHORIZED,
            "a token is required to write",
        )),
        (Some(t), Some(g)) if token_matches(g, t) => Ok(()),
        _ => Err(plain(StatusCode::UNAUTHORIZED, "wrong token")),
    }
}

pub async fn guard(AxState(state): AxState<State>, req: Request, next: Next) -> Response {
    // A request without a Host header is not a browser's (HTTP/1.0 tools): no
    // rebinding to guard against.
    if let Some(host) = req.headers().get(header::HOST) {
        let ok = host.to_str().is_ok_and(|h| host_allowed(&state.cfg, h));
        if !ok {
            return plain(
                StatusCode::MISDIRECTED_REQUEST,
                "this server does not answer for that host name (start it with --allowed-host NAME)",
            );
        }
    }
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let loopback = peer.is_none_or(|p| p.ip().is_loopback());
    if !loopback && !state.cfg.allow_remote_reads {
        // Remote clients need the token for anything.
        let ok = state
            .cfg
            .token
            .as_deref()
            .zip(bearer(req.headers()).as_deref())
            .is_some_and(|(t, g)| token_matches(g, t));
        if !ok {
            return plain(
                StatusCode::FORBIDDEN,
                "this server answers loopback clients only (start it with --allow-remote-reads)",
            );
        }
    }
    if !matches!(
        *req.method(),
        Method::GET | Method::HEAD | Method::POST | Method::DELETE
    ) {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
    }
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    res
}

pub fn body_of(text: impl Into<Body>, content_type: &'static str) -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .body(text.into())
        .expect("valid response")
}
