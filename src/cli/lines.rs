//! Reading one line at a time with a bound on its length, in constant memory.
//!
//! `BufRead::read_until` grows its buffer to hold the whole line, so one line of a
//! gigabyte (a binary piped in by mistake, a file without newlines) takes a gigabyte.
//! [`read_line_bounded`] keeps at most `max` bytes of a line and skips the rest of it.

use std::io::{self, BufRead};

/// What [`read_line_bounded`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineRead {
    /// The input is exhausted: there was no byte left to read.
    Eof,
    /// A line, in the buffer without its line ending.
    Line,
    /// A line longer than `max` bytes: the buffer holds its first `max` bytes, and the rest
    /// of the line, up to and including its line ending, was read and thrown away.
    TooLong,
}

/// Reads the next line into `buf` (cleared first), keeping at most `max` bytes of it.
///
/// The line ending is LF or CRLF; a CR as the very last byte of the input is a line
/// ending too (a file saved on Windows without a final newline). An empty line is a
/// [`LineRead::Line`] with an empty `buf`. Memory stays within `max + 1` bytes of `buf`
/// whatever the input, so `buf` can be made with that capacity and never grow.
pub fn read_line_bounded<R: BufRead + ?Sized>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<LineRead> {
    buf.clear();
    // `read_until` finds the newline with memchr; `take` bounds what it keeps. One byte
    // over `max` is read: it may be the CR of a CRLF.
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    if io::Read::take(&mut *reader, limit).read_until(b'\n', buf)? == 0 {
        return Ok(LineRead::Eof);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        return Ok(LineRead::Line);
    }
    if buf.len() <= max {
        // The input ended without a newline; a CR as its very last byte ends the line.
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        return Ok(LineRead::Line);
    }
    // `max + 1` bytes and no newline yet: a line of exactly `max` bytes ending in CRLF
    // (or in a final CR), or a line too long.
    if buf.last() == Some(&b'\r') {
        let next = loop {
            match reader.fill_buf() {
                Ok(bytes) => break bytes.first().copied(),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        if matches!(next, Some(b'\n') | None) {
            reader.consume(usize::from(next.is_some()));
            buf.pop();
            return Ok(LineRead::Line);
        }
    }
    // Throw the rest of the line away without keeping it.
    loop {
        let available = match reader.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        match available.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                break;
            }
            None => {
                let n = available.len();
                reader.consume(n);
            }
        }
    }
    buf.truncate(max);
    Ok(LineRead::TooLong)
}

/// [`read_line_bounded`], handing the line to `each`, without copying it when the whole
/// line is already in the reader's buffer (nearly every line of a batch): `each` then
/// reads it from there; otherwise from `buf`.
pub fn with_line_bounded<R: BufRead + ?Sized, T>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
    each: impl FnOnce(LineRead, &[u8]) -> T,
) -> io::Result<T> {
    let available = loop {
        match reader.fill_buf() {
            Ok(bytes) => break bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    };
    if let Some(end) = find_newline(available) {
        let line = &available[..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.len() <= max {
            let result = each(LineRead::Line, line);
            reader.consume(end + 1);
            return Ok(result);
        }
    }
    let read = read_line_bounded(reader, buf, max)?;
    Ok(each(read, buf))
}

/// The first `\n` in `bytes`, eight bytes a step: this runs over every byte a batch reads,
/// and a byte at a time it cost a batch of `verify -` an eighth of its time.
fn find_newline(bytes: &[u8]) -> Option<usize> {
    const LF: u64 = u64::from_ne_bytes([b'\n'; 8]);
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        // Some byte of `x` is zero (a byte of the word is `\n`) exactly when this is
        // not zero: the classic word-wide zero-byte test.
        let x = u64::from_ne_bytes(word) ^ LF;
        if x.wrapping_sub(ONES) & !x & HIGHS != 0 {
            break;
        }
        at += 8;
    }
    bytes[at..].iter().position(|&b| b == b'\n').map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of `input` read with `max`, through a reader that hands out `chunk`
    /// bytes at a time (to cross buffer boundaries everywhere).
    /// Both ways of reading give the same lines.
    fn lines(input: &[u8], max: usize, chunk: usize) -> Vec<(LineRead, String)> {
        let mut reader = io::BufReader::with_capacity(chunk, input);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        loop {
            let r = read_line_bounded(&mut reader, &mut buf, max).unwrap();
            assert!(buf.capacity() <= (max + 1).max(8) * 2, "buffer grew");
            if r == LineRead::Eof {
                break;
            }
            out.push((r, String::from_utf8(buf.clone()).unwrap()));
        }
        let mut reader = io::BufReader::with_capacity(chunk, input);
        let mut handed = Vec::new();
        loop {
            let (r, line) = with_line_bounded(&mut reader, &mut buf, max, |r, line| {
                (r, String::from_utf8(line.to_vec()).unwrap())
            })
            .unwrap();
            if r == LineRead::Eof {
                break;
            }
            handed.push((r, line));
        }
        assert_eq!(handed, out, "with_line_bounded, chunk {chunk}");
        out
    }

    #[test]
    fn find_newline_finds_the_first() {
        for len in 0..40 {
            for lf in 0..=len {
                let mut bytes = vec![b'x'; len];
                // Bytes next to `\n` in value, which a wrong word test would take for it.
                bytes.iter_mut().step_by(3).for_each(|b| *b = 0x0b);
                bytes.iter_mut().skip(1).step_by(5).for_each(|b| *b = 0x8a);
                if lf < len {
                    bytes[lf] = b'\n';
                    if lf + 2 < len {
                        bytes[lf + 2] = b'\n';
                    }
                }
                let want = bytes.iter().position(|&b| b == b'\n');
                assert_eq!(find_newline(&bytes), want, "{bytes:?}");
            }
        }
    }

    #[test]
    fn endings_lf_crlf_and_a_final_cr() {
        for chunk in [1, 2, 3, 64] {
            let got = lines(b"a\nb\r\n\nc\r\r\nd\r", 8, chunk);
            let want = ["a", "b", "", "c\r", "d"].map(|s| (LineRead::Line, s.to_owned()));
            assert_eq!(got, want, "chunk {chunk}");
            assert_eq!(lines(b"x", 8, chunk), [(LineRead::Line, "x".to_owned())]);
            assert!(lines(b"", 8, chunk).is_empty());
        }
    }

    #[test]
    fn a_long_line_is_cut_skipped_and_reported() {
        for chunk in [1, 3, 5, 64] {
            let got = lines(b"12345\n123456\r\n1234567\nok\n12345\r\n123456", 5, chunk);
            let want = [
                (LineRead::Line, "12345"),
                (LineRead::TooLong, "12345"),
                (LineRead::TooLong, "12345"),
                (LineRead::Line, "ok"),
                (LineRead::Line, "12345"),
                (LineRead::TooLong, "12345"),
            ]
            .map(|(r, s)| (r, s.to_owned()));
            assert_eq!(got, want, "chunk {chunk}");
        }
    }

    #[test]
    fn memory_is_flat_for_a_huge_line() {
        let huge = vec![b'x'; 10 << 20];
        let mut reader = &huge[..];
        let mut buf = Vec::with_capacity(4097);
        let r = read_line_bounded(&mut reader, &mut buf, 4096).unwrap();
        assert_eq!(
            (r, buf.len(), buf.capacity()),
            (LineRead::TooLong, 4096, 4097)
        );
        assert_eq!(
            read_line_bounded(&mut reader, &mut buf, 4096).unwrap(),
            LineRead::Eof
        );
    }
}
