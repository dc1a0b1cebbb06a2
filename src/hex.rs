//! Lowercase hex for 32-byte digests, into a stack buffer (no allocation per URL).

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// 32 bytes as 64 lowercase hex digits.
pub(crate) fn encode32(bytes: &[u8; 32]) -> [u8; 64] {
    let mut out = [0u8; 64];
    for (i, b) in bytes.iter().enumerate() {
        out[2 * i] = DIGITS[usize::from(b >> 4)];
        out[2 * i + 1] = DIGITS[usize::from(b & 0x0f)];
    }
    out
}

/// The hex digits as text.
pub(crate) fn as_str(digits: &[u8; 64]) -> &str {
    // Every byte written by `encode32` is an ASCII hex digit.
    std::str::from_utf8(digits).expect("hex digits are ASCII")
}
