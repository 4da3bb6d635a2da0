//! `billdiff serve` and `billdiff hash-password`.

use anyhow::Context;
use billdiff::web::{self, auth::Access};
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Arguments of `billdiff serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to listen. A non-loopback address needs --auth or --token-file (or --insecure-public).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,

    /// The workspace: a folder with bills/ (bill folders); the search index goes in .billdiff/index inside it.
    #[arg(long, value_name = "DIR", default_value = ".")]
    workspace: PathBuf,

    #[command(flatten)]
    glossary: super::GlossaryArgs,

    /// Require sign-in: a users file, `[users]` with `name = "<argon2 hash>"` (see `billdiff hash-password`).
    #[arg(long, value_name = "USERS.toml", conflicts_with = "token_file")]
    auth: Option<PathBuf>,

    /// Require sign-in with one shared token (the first line of FILE), given as the password.
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,

    /// Serve beyond loopback without access control (only on a network you trust).
    #[arg(long)]
    insecure_public: bool,

    /// The largest request body (an upload or a form), in KiB.
    #[arg(long, value_name = "KIB", default_value_t = 8192)]
    max_body_kib: usize,

    /// How long a request may take, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    timeout: u64,

    /// How much memory analysed bill versions may keep, in MiB (the least recently used are let go first).
    #[arg(long, value_name = "MIB", default_value_t = 512)]
    cache_mib: usize,
}

/// Arguments of `billdiff hash-password`.
#[derive(Debug, clap::Args)]
pub struct HashArgs {
    /// The user name to print the line for.
    user: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let access = match (&args.auth, &args.token_file) {
        (Some(p), _) => {
            let text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            Access::users_from_toml(&p.display().to_string(), &text)?
        }
        (None, Some(p)) => {
            let text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            let token = text.lines().next().unwrap_or_default().trim().to_string();
            if token.len() < 16 {
                anyhow::bail!("{}: the token must be at least 16 characters", p.display());
            }
            Access::Token(token)
        }
        (None, None) => Access::Open,
    };
    if !args.workspace.join("bills").is_dir() {
        anyhow::bail!(
            "{}: not a workspace (no bills/ folder inside); give --workspace DIR",
            args.workspace.display()
        );
    }
    let config = web::Config {
        addr: args.addr,
        workspace: args.workspace.clone(),
        glossary: args.glossary.load()?,
        access,
        insecure_public: args.insecure_public,
        max_body: args.max_body_kib.max(1) * 1024,
        timeout: Duration::from_secs(args.timeout.max(1)),
        cache_bytes: args.cache_mib.max(1) << 20,
    };
    // Refuse a bad address before starting anything.
    config.check()?;
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("BILLDIFF_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    rt.block_on(web::serve(config))?;
    Ok(super::exit::ok())
}

pub fn hash(args: HashArgs) -> anyhow::Result<ExitCode> {
    if !billdiff::web::workspace::valid_name(&args.user) {
        anyhow::bail!(
            "user name {:?}: use lowercase letters, digits, '-', '_' and '.'",
            args.user
        );
    }
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .context("reading the password from stdin")?;
    let password = password.trim_end_matches(['\n', '\r']);
    if password.len() < 8 {
        anyhow::bail!("the password (read from stdin) must be at least 8 characters");
    }
    let hash = web::auth::hash_password(password).map_err(|e| anyhow::anyhow!("hashing: {e}"))?;
    super::output::stdout(&format!("{} = \"{hash}\"\n", args.user))?;
    Ok(super::exit::ok())
}
