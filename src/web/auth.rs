//! Access control: who may use a server that listens beyond loopback.
//!
//! Two ways, both over HTTP Basic authentication so a browser asks by itself: a users file of argon2
//! password hashes (`--auth users.toml`), or one shared token (`--token-file`), given as the password with
//! any user name. A verified `Authorization` header is remembered for the life of the process, so the
//! deliberately slow argon2 check runs once per credential, not once per request.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

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

/// Middleware: a 401 asking for credentials unless the gate lets the request in.
pub async fn require(State(gate): State<Arc<Gate>>, req: Request, next: Next) -> Response {
    let auth = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if gate.known(auth.as_deref()) {
        return next.run(req).await;
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
            return next.run(req).await;
        }
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
}
