//! Reading line-based input (JSON Lines of enquiries, routing logs) in
//! bounded memory: one reused buffer, and lines past a limit are reported and
//! skipped rather than held.

use std::io::{self, BufRead};

use crate::json::MAX_ENQUIRY_JSON_BYTES;

/// The default longest line, in bytes: the largest enquiry JSON accepted.
pub const MAX_LINE_BYTES: usize = MAX_ENQUIRY_JSON_BYTES;

/// Why a line could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LineError {
    /// The line is longer than the reader's limit; its start was read and
    /// the rest skipped.
    #[error("the line is longer than the limit of {limit} bytes")]
    TooLong {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The line is not UTF-8.
    #[error("invalid UTF-8 at column {column}")]
    InvalidUtf8 {
        /// 1-based byte position of the first invalid byte in the line
        /// (leading blanks not counted).
        column: usize,
    },
}

/// Reads `input` line by line, reusing one buffer, so memory does not grow
/// with the input. Blank lines are skipped but counted, so line numbers are
/// the input's own.
pub struct LineReader<R> {
    input: R,
    buf: Vec<u8>,
    limit: usize,
    line: u64,
    bytes: u64,
}

impl<R: BufRead> LineReader<R> {
    /// A reader over `input` with the default limit, [`MAX_LINE_BYTES`].
    pub fn new(input: R) -> Self {
        LineReader::with_limit(input, MAX_LINE_BYTES)
    }

    /// A reader over `input` keeping at most `limit` bytes of a line.
    pub fn with_limit(input: R, limit: usize) -> Self {
        LineReader {
            input,
            buf: Vec::new(),
            limit,
            line: 0,
            bytes: 0,
        }
    }

    /// The input, for a caller that needs to know what is buffered (to flush
    /// its answers before the next read would wait).
    pub fn get_ref(&self) -> &R {
        &self.input
    }

    /// Bytes consumed so far (for a progress bar).
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// The next non-blank line with its 1-based number: its text without
    /// surrounding blanks, or why it cannot be read. `None` at the end.
    pub fn next_line(&mut self) -> io::Result<Option<(u64, Result<&str, LineError>)>> {
        let too_long = loop {
            let Some(too_long) = self.read_bounded()? else {
                return Ok(None);
            };
            self.line += 1;
            if too_long || !self.buf.trim_ascii().is_empty() {
                break too_long;
            }
        };
        if too_long {
            let limit = self.limit;
            return Ok(Some((self.line, Err(LineError::TooLong { limit }))));
        }
        let text = std::str::from_utf8(self.buf.trim_ascii()).map_err(|e| LineError::InvalidUtf8 {
            column: e.valid_up_to() + 1,
        });
        Ok(Some((self.line, text)))
    }

    /// Reads one line (without its `\n`) into `buf`, keeping at most `limit`
    /// bytes. `None` at the end of input, else whether the line was cut.
    fn read_bounded(&mut self) -> io::Result<Option<bool>> {
        self.buf.clear();
        let mut too_long = false;
        let mut read_any = false;
        loop {
            let available = match self.input.fill_buf() {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(read_any.then_some(too_long));
            }
            read_any = true;
            let newline = available.iter().position(|&b| b == b'\n');
            let chunk = &available[..newline.unwrap_or(available.len())];
            let room = self.limit.saturating_sub(self.buf.len());
            if chunk.len() > room {
                too_long = true;
            }
            self.buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
            let used = newline.map_or(available.len(), |i| i + 1);
            self.input.consume(used);
            self.bytes += used as u64;
            if newline.is_some() {
                return Ok(Some(too_long));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8], limit: usize) -> Vec<(u64, Result<String, LineError>)> {
        // A tiny buffer, so lines cross buffer boundaries.
        let mut r = LineReader::with_limit(io::BufReader::with_capacity(4, input), limit);
        let mut out = Vec::new();
        while let Ok(Some((n, text))) = r.next_line() {
            out.push((n, text.map(str::to_owned)));
        }
        out
    }

    #[test]
    fn blank_lines_are_skipped_and_numbers_kept() {
        let mut r = LineReader::new(&b"{}\n\n  \n{\"x\"\r\n"[..]);
        let mut seen = Vec::new();
        while let Some((n, text)) = r.next_line().unwrap_or(None) {
            seen.push((n, text.map(str::to_owned)));
        }
        assert_eq!(
            seen,
            [(1, Ok("{}".to_owned())), (4, Ok("{\"x\"".to_owned()))]
        );
        assert_eq!(r.bytes_read(), 13);
    }

    #[test]
    fn lines_cross_buffer_boundaries() {
        assert_eq!(
            read_all(b"abcdefgh\n\nxy", 100),
            [(1, Ok("abcdefgh".to_owned())), (3, Ok("xy".to_owned()))]
        );
    }

    #[test]
    fn long_lines_are_reported_and_skipped() {
        assert_eq!(
            read_all(b"abcdefgh\nok\n", 3),
            [
                (1, Err(LineError::TooLong { limit: 3 })),
                (2, Ok("ok".to_owned()))
            ]
        );
    }

    #[test]
    fn invalid_utf8_names_its_column() {
        assert_eq!(
            read_all(b"  ab\xe5c\n", 100),
            [(1, Err(LineError::InvalidUtf8 { column: 3 }))]
        );
        assert_eq!(
            LineError::InvalidUtf8 { column: 3 }.to_string(),
            "invalid UTF-8 at column 3"
        );
    }
}
