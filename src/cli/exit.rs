//! Exit codes, in one place.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success: no findings, no differences |
//! | 1 | findings (e.g. `terms`) or differences (e.g. `diff`) |
//! | 2 | usage or input error: a bad flag, a file that is not a bill, a malformed proposal or query |

use std::process::ExitCode;

/// Success; nothing to report.
pub const OK: u8 = 0;
/// Findings or differences.
pub const FINDINGS: u8 = 1;
/// Usage or input error.
pub const ERROR: u8 = 2;

/// Success.
pub fn ok() -> ExitCode {
    ExitCode::from(OK)
}
