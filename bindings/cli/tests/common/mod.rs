//! Running the real `kommunlots` binary, shared by the CLI's test files.
#![allow(dead_code, reason = "each test file uses a part of these helpers")]

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The reference rule set, `rules/klippan`.
pub fn klippan() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules/klippan")
}

/// Runs `kommunlots` with `args`, feeding it `stdin`, without colours.
pub fn run<S: AsRef<OsStr>>(args: &[S], stdin: impl AsRef<[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kommunlots"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    let stdin = stdin.as_ref().to_vec();
    // Written from a thread so a large input cannot deadlock against a
    // full stdout pipe.
    let writer = std::thread::spawn(move || input.write_all(&stdin));
    let output = child.wait_with_output().expect("the binary runs");
    writer.join().expect("the writer thread ends").ok();
    output
}

/// The run's standard output, as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The run's standard error, as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The run's exit code.
pub fn code(o: &Output) -> i32 {
    o.status.code().expect("the binary exits, not killed")
}
