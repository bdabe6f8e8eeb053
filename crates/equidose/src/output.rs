//! Standard output and standard error for the commands: every write's error on standard
//! output is returned naming it (none panics, as `println!` does), and a reader that went
//! away ends the command quietly; a write on standard error that fails is dropped (none
//! panics, as `eprintln!` does, when standard error is a closed pipe or a full disk).

use std::fmt;
use std::io::{self, Write};

/// Standard output could not be written.
#[derive(Debug)]
pub struct StdoutError(pub io::Error);

impl StdoutError {
    /// The reader closed its end (`equidose … | head -1`): it has read all it wanted, and
    /// there is no one left to tell, so the command ends quietly and successfully.
    pub fn is_closed_pipe(&self) -> bool {
        self.0.kind() == io::ErrorKind::BrokenPipe
    }
}

impl fmt::Display for StdoutError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "standard output: cannot be written: {}", self.0)
    }
}

// No `source`: the cause is in the sentence already, and `{:#}` would print it twice.
impl std::error::Error for StdoutError {}

/// Writes `arguments` to standard output and flushes them, so that a full disk is seen here.
pub fn write(arguments: fmt::Arguments<'_>) -> Result<(), StdoutError> {
    let mut stdout = io::stdout().lock();
    stdout
        .write_fmt(arguments)
        .and_then(|()| stdout.flush())
        .map_err(StdoutError)
}

/// Writes `arguments` to standard error; a failure is dropped, since standard error is
/// where it would be told.
pub fn write_error(arguments: fmt::Arguments<'_>) {
    let _ = io::stderr().lock().write_fmt(arguments);
}

/// `print!` that returns the error instead of panicking.
macro_rules! out {
    ($($argument:tt)*) => {
        $crate::output::write(format_args!($($argument)*))
    };
}

/// `println!` that returns the error instead of panicking.
macro_rules! outln {
    () => {
        $crate::output::write(format_args!("\n"))
    };
    ($($argument:tt)*) => {
        $crate::output::write(format_args!("{}\n", format_args!($($argument)*)))
    };
}

/// `eprintln!` that never panics.
macro_rules! errln {
    ($($argument:tt)*) => {
        $crate::output::write_error(format_args!("{}\n", format_args!($($argument)*)))
    };
}

pub(crate) use {errln, out, outln};
