//! Access control: who may use a server that listens beyond loopback.
//!
//! Two ways, both over HTTP Basic authentication so a browser asks by itself: a users file of argon2
//! password hashes (`--auth users.toml`), or one shared token (`--token-file`), given as the password with
//! any user name. A verified `Authorization` header is remembered for the life of the process, so the
//! deliberately slow argon2 check runs once per credential, not once per request.
//!
//! Failed sign-ins are counted per client address ([`Backoff`]): after a few, the address must wait, a
//! wait that doubles with each further failure, and is answered 429 with `Retry-After` meanwhile, without a
//! check, whatever it sends.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How requests are let in.
#[derive(Debug, Clone)]
pub enum Access {
    /// Everyone who can reach the address (the default, on loopback).
    Open,
    /// Users with argon2 password hashes (PHC strings).
    Users(HashMap<String, String>),
    /// One shared token, given as the Basic password.
    Token(String),
}

impl Access {
    /// Whether requests must authenticate.
    pub fn is_open(&self) -> bool {
        matches!(self, Access::Open)
    }

    /// Read a users file: `[users]` with `name = "$argon2id$..."` lines.
    pub fn users_from_toml(source_name: &str, text: &str) -> crate::Result<Access> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct File {
            users: HashMap<String, String>,
        }
        use crate::error::ConfigProblem;
        let bad = |problem: ConfigProblem| crate::Error::Config {
            source_name: source_name.into(),
            problem,
        };
        let f: File = toml::from_str(text).map_err(|e| {
            bad(ConfigProblem::Toml {
                message: e.message().to_string(),
            })
        })?;
        if f.users.is_empty() {
            return Err(bad(ConfigProblem::NoUsers));
        }
        for (name, hash) in &f.users {
            argon2::password_hash::phc::PasswordHash::new(hash).map_err(|e| {
                bad(ConfigProblem::BadHash {
                    user: name.clone(),
                    message: e.to_string(),
                })
            })?;
        }
        Ok(Access::Users(f.users))
    }
}

/// Hash a password for a users file (argon2id, random salt).
pub fn hash_password(password: &str) -> Result<String, String> {
    use argon2::PasswordHasher;
    argon2::Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// The gate, with its memory of verified credentials.
#[derive(Debug)]
pub struct Gate {
    access: Access,
    verified: Mutex<HashSet<String>>,
    /// A hash to check unknown user names against, so a wrong name costs as long as a wrong password.
    dummy: Option<String>,
    /// At most two argon2 checks at once: bad sign-ins cannot take every worker thread.
    checks: tokio::sync::Semaphore,
    /// Failed sign-ins by client address.
    pub backoff: Backoff,
}

/// Failures a client address may have before it must wait.
pub const FREE_FAILURES: u32 = 5;
/// The longest wait: the wait doubles from 1 s with each failure past [`FREE_FAILURES`], up to this.
pub const MAX_WAIT: Duration = Duration::from_secs(300);
/// A client quiet for this long is forgotten (its failures start again from none).
const FORGET_AFTER: Duration = Duration::from_secs(900);
/// Addresses remembered at most: past this, the quiet ones are forgotten first, then all.
const MAX_CLIENTS: usize = 10_000;

/// One client's failed sign-ins.
#[derive(Debug, Clone, Copy)]
struct Strikes {
    failures: u32,
    last: Instant,
    until: Option<Instant>,
}

/// Failed sign-ins per client address, and the wait each address owes.
#[derive(Debug, Default)]
pub struct Backoff {
    clients: Mutex<HashMap<IpAddr, Strikes>>,
}

impl Backoff {
    /// How long `client` must still wait at `now` (`None`: it may try).
    pub fn wait(&self, client: IpAddr, now: Instant) -> Option<Duration> {
        let clients = self.clients.lock().ok()?;
        let until = clients.get(&client)?.until?;
        (until > now).then(|| until - now)
    }

    /// `client` failed a sign-in at `now`.
    pub fn failed(&self, client: IpAddr, now: Instant) {
        let Ok(mut clients) = self.clients.lock() else { return };
        if clients.len() >= MAX_CLIENTS && !clients.contains_key(&client) {
            clients.retain(|_, s| now.saturating_duration_since(s.last) < FORGET_AFTER);
            if clients.len() >= MAX_CLIENTS {
                clients.clear();
            }
        }
        let s = clients.entry(client).or_insert(Strikes {
            failures: 0,
            last: now,
            until: None,
        });
        if now.saturating_duration_since(s.last) >= FORGET_AFTER {
            s.failures = 0;
        }
        s.failures = s.failures.saturating_add(1);
        s.last = now;
        s.until = (s.failures > FREE_FAILURES).then(|| {
            let doublings = (s.failures - FREE_FAILURES - 1).min(16);
            now + Duration::from_secs(1u64 << doublings).min(MAX_WAIT)
        });
    }

    /// `client` signed in: its failures are forgotten.
    pub fn succeeded(&self, client: IpAddr) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.remove(&client);
        }
    }
}

impl Gate {
    /// A gate for `access`.
    pub fn new(access: Access) -> Gate {
        let dummy = matches!(access, Access::Users(_))
            .then(|| hash_password("not a password anyone has").ok())
            .flatten();
        Gate {
            access,
            verified: Mutex::new(HashSet::new()),
            dummy,
            checks: tokio::sync::Semaphore::new(2),
            backoff: Backoff::default(),
        }
    }

    /// Whether the request is in without any work: open access, or a credential verified before.
    pub fn known(&self, authorization: Option<&str>) -> bool {
        self.access.is_open() || authorization.is_some_and(|v| self.verified.lock().is_ok_and(|s| s.contains(v)))
    }

    /// Whether this `Authorization` header value lets the request in (may run argon2: blocking).
    pub fn allows(&self, authorization: Option<&str>) -> bool {
        if self.known(authorization) {
            return true;
        }
        let Some(value) = authorization else { return false };
        let Some((user, password)) = basic(value) else {
            return false;
        };
        let ok = match &self.access {
            Access::Open => true,
            Access::Token(token) => constant_time_eq(password.as_bytes(), token.as_bytes()),
            Access::Users(users) => {
                use argon2::PasswordVerifier;
                let verify = |hash: &str| {
                    argon2::password_hash::phc::PasswordHash::new(hash).is_ok_and(|h| {
                        argon2::Argon2::default()
                            .verify_password(password.as_bytes(), &h)
                            .is_ok()
                    })
                };
                match users.get(&user) {
                    Some(hash) => verify(hash),
                    None => {
                        if let Some(d) = &self.dummy {
                            verify(d);
                        }
                        false
                    }
                }
            }
        };
        if ok && let Ok(mut v) = self.verified.lock() {
            // Bounded: a flood of distinct good credentials cannot grow it without limit.
            if v.len() > 1024 {
                v.clear();
            }
            v.insert(value.to_string());
        }
        ok
    }
}

fn basic(value: &str) -> Option<(String, String)> {
    let b64 = value.strip_prefix("Basic ").or_else(|| value.strip_prefix("basic "))?;
    let bytes = base64_decode(b64.trim())?;
    let s = String::from_utf8(bytes).ok()?;
    let (u, p) = s.split_once(':')?;
    Some((u.to_string(), p.to_string()))
}

fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        })
    };
    let s = s.trim_end_matches('=').as_bytes();
    if s.len() % 4 == 1 || s.len() > 4096 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for chunk in s.chunks(4) {
        let mut n: u32 = 0;
        for (i, &c) in chunk.iter().enumerate() {
            n |= val(c)? << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len() - 1]);
    }
    Some(out)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Middleware: a 401 asking for credentials unless the gate lets the request in; a 429 with `Retry-After`
/// for a client address that must wait after failed sign-ins. The address is the connection's peer (a
/// server behind a proxy sees the proxy's: every client then shares one count). Without one (a router
/// driven in-process), every request counts as one client.
pub async fn require(State(gate): State<Arc<Gate>>, req: Request, next: Next) -> Response {
    let auth = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if gate.known(auth.as_deref()) {
        return next.run(req).await;
    }
    let client = req
        .extensions()
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    if let Some(wait) = gate.backoff.wait(client, Instant::now()) {
        let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        let mut r = (
            StatusCode::TOO_MANY_REQUESTS,
            format!("Too many failed sign-ins from your address. Try again in {secs} s.\n"),
        )
            .into_response();
        r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        return r;
    }
    if auth.is_some() {
        // The slow check runs off the async threads, two at a time.
        let permit = gate.checks.acquire().await;
        let g = gate.clone();
        let ok = tokio::task::spawn_blocking(move || g.allows(auth.as_deref()))
            .await
            .unwrap_or(false);
        drop(permit);
        if ok {
            gate.backoff.succeeded(client);
            return next.run(req).await;
        }
        gate.backoff.failed(client, Instant::now());
    }
    let mut r = (StatusCode::UNAUTHORIZED, "Sign in to use this billdiff server.\n").into_response();
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Basic realm=\"billdiff\", charset=\"UTF-8\""),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_known_values() {
        assert_eq!(base64_decode("YWxpY2U6c2VjcmV0").unwrap(), b"alice:secret");
        assert_eq!(base64_decode("YQ==").unwrap(), b"a");
        assert!(base64_decode("Y").is_none());
        assert!(base64_decode("!!!!").is_none());
    }

    #[test]
    fn users_and_tokens() {
        let hash = hash_password("secret").unwrap();
        let users = Access::users_from_toml("users.toml", &format!("[users]\nalice = \"{hash}\"\n")).unwrap();
        let gate = Gate::new(users);
        assert!(gate.allows(Some("Basic YWxpY2U6c2VjcmV0"))); // alice:secret
        assert!(gate.allows(Some("Basic YWxpY2U6c2VjcmV0"))); // remembered
        assert!(!gate.allows(Some("Basic YWxpY2U6d3Jvbmc="))); // alice:wrong
        assert!(!gate.allows(None));
        let gate = Gate::new(Access::Token("t0k".into()));
        assert!(gate.allows(Some("Basic eDp0MGs="))); // x:t0k
        assert!(!gate.allows(Some("Basic eDp0MGw="))); // x:t0l
        assert!(Access::users_from_toml("u", "[users]\nbob = \"plain\"\n").is_err());
    }

    #[test]
    fn failures_past_the_free_ones_double_the_wait_per_address() {
        let b = Backoff::default();
        let (a, other) = (IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2]));
        let t0 = Instant::now();
        for i in 0..FREE_FAILURES {
            assert_eq!(b.wait(a, t0), None, "free failure {i}");
            b.failed(a, t0);
        }
        assert_eq!(b.wait(a, t0), None, "the free failures owe no wait");
        b.failed(a, t0);
        assert_eq!(b.wait(a, t0), Some(Duration::from_secs(1)));
        let t1 = t0 + Duration::from_secs(1);
        assert_eq!(b.wait(a, t1), None, "the wait has passed");
        b.failed(a, t1);
        assert_eq!(b.wait(a, t1), Some(Duration::from_secs(2)));
        b.failed(a, t1);
        assert_eq!(b.wait(a, t1), Some(Duration::from_secs(4)));
        for _ in 0..40 {
            b.failed(a, t1);
        }
        assert_eq!(b.wait(a, t1), Some(MAX_WAIT), "capped");
        assert_eq!(b.wait(other, t1), None, "another address owes nothing");
        // Quiet for long enough: forgotten, and its next failure is a free one again.
        let later = t1 + FORGET_AFTER + MAX_WAIT;
        b.failed(a, later);
        assert_eq!(b.wait(a, later), None);
        b.succeeded(a);
        assert!(b.clients.lock().unwrap().is_empty());
    }
}
