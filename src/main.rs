//! The `billdiff` binary: parse arguments, run, map errors to exit code 2.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            // One line: the whole chain, outermost first.
            let chain: Vec<String> = e.chain().map(ToString::to_string).collect();
            eprintln!("billdiff: error: {}", chain.join(": "));
            ExitCode::from(cli::exit::ERROR)
        }
    }
}
