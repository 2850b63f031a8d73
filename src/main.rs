//! The `readcast` binary: parse the command line, run, print one clear line on error, exit.
//!
//! Everything lives in the library so tests can drive the whole program; this file only maps
//! the outcome to an exit code.

fn main() {
    let code = readcast::run(std::env::args_os());
    std::process::exit(code);
}
