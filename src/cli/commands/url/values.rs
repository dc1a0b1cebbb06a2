//! Parsers for the values of operation flags (part ranges). The checks of dates, canned
//! ACLs, tags and ranges are the library's (`presign::request`), shared with the Python
//! package.

use crate::cli::failure::Failure;
use presign::PartNumber;
use presign::quote::Quoted;
pub use presign::request::{check_range, check_tagging, http_date};

/// `N` (parts 1 to N) or `A-B`.
pub fn parse_parts(text: &str) -> Result<(PartNumber, PartNumber), Failure> {
    let fail = |reason: &str| {
        Failure::flag(
            "--parts",
            format!(
                "invalid part range {}: {reason}; write N (parts 1 to N) or A-B, within 1 to 10000",
                Quoted(text)
            ),
        )
    };
    let number = |s: &str| -> Result<PartNumber, Failure> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(fail(&format!("{} is not a whole number", Quoted(s))));
        }
        // Digits that do not fit a u32 are still a number, just far outside the range.
        let outside = || fail(&format!("part {s} is outside 1 to 10000"));
        let n: u32 = s.parse().map_err(|_| outside())?;
        PartNumber::new(n).map_err(|_| outside())
    };
    let (first, last) = match text.split_once('-') {
        Some((a, b)) => (number(a)?, number(b)?),
        None => (
            PartNumber::new(1).expect("1 is a part number"),
            number(text)?,
        ),
    };
    if first > last {
        return Err(fail("the range runs backwards"));
    }
    Ok((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_ranges() {
        let range = |s| parse_parts(s).map(|(a, b)| (a.get(), b.get()));
        assert_eq!(range("400").ok(), Some((1, 400)));
        assert_eq!(range("3-7").ok(), Some((3, 7)));
        assert_eq!(range("10000-10000").ok(), Some((10000, 10000)));
        for bad in ["0", "10001", "7-3", "", "-", "1-", "a", "1-2-3", " 1", "+5"] {
            assert!(range(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn too_large_parts_is_out_of_range_not_not_a_whole_number() {
        for (text, part) in [
            ("99999999999", "99999999999"),
            ("1-99999999999", "99999999999"),
            ("4294967296", "4294967296"),
            ("10001-99999999999999999999999", "10001"),
        ] {
            let e = format!("{:#}", parse_parts(text).unwrap_err().error);
            assert!(
                e.contains(&format!("part {part} is outside 1 to 10000")),
                "{e}"
            );
            assert!(!e.contains("whole number"), "{e}");
        }
        let e = format!("{:#}", parse_parts("1-x").unwrap_err().error);
        assert!(e.contains("\"x\" is not a whole number"), "{e}");
    }
}
