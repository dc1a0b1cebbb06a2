//! `multipart part --file FILE`: the parts FILE's size makes, within S3's limits, and the
//! byte range of each, so that nobody plans a large upload by hand.
//!
//! S3 takes at most 10,000 parts of 5 MiB to 5 GiB each (the last may be smaller). With no
//! `--part-size`, parts are 8 MiB (the AWS CLI's and boto3's size: small enough that a
//! failed part is cheap to send again, well above the minimum), doubled until the file fits
//! in 10,000 parts: 8 MiB parts reach some 78 GiB, 16 MiB twice that, and so on up to
//! 5 GiB parts.

use crate::cli::commands::inspect::human;
use crate::cli::commands::post::{human_size, parse_size};
use crate::cli::failure::Failure;
use crate::cli::parts::FileParts;
use anyhow::anyhow;
use presign::quote::ShownPath;
use std::path::Path;

/// The smallest part S3 takes, but for the last.
pub const MIN_PART: u64 = 5 << 20;
/// The largest part S3 takes.
pub const MAX_PART: u64 = 5 << 30;
/// The most parts one upload has.
pub const MAX_PARTS: u64 = 10_000;
/// The part size when none is given, doubled as often as the file needs.
pub const DEFAULT_PART: u64 = 8 << 20;
/// The pace the expiry warning assumes: a slow link (some 8 Mbit/s), so that a warning is
/// given whenever the URLs might expire before the last part starts.
const SLOW_LINK: u64 = 1 << 20;

/// The parts of the file `--file` names, as `--part-size` (or the default) cuts them.
/// A file that cannot be opened is a configuration error (exit 1), as an unreadable
/// `@FILE`; one that is not a regular file, or that S3's limits refuse, a usage error.
pub fn of_file(path: &Path, part_size: Option<&str>) -> Result<FileParts, Failure> {
    let part_size = part_size
        .map(|text| parse_size(text).map_err(|e| Failure::flag("--part-size", e)))
        .transpose()?;
    let cannot = |e: std::io::Error| {
        Failure::config(anyhow!("--file: cannot read {}: {e}", ShownPath(path)))
    };
    let meta = std::fs::File::open(path)
        .and_then(|f| f.metadata())
        .map_err(cannot)?;
    // A pipe or a device has no size to cut by, and a directory no bytes.
    if !meta.is_file() {
        return Err(Failure::flag(
            "--file",
            format!(
                "{} is not a regular file: the parts are cut from a file's size; give the file itself",
                ShownPath(path)
            ),
        ));
    }
    parts(&ShownPath(path).to_string(), meta.len(), part_size)
        .map_err(|(flag, e)| Failure::flag(flag, e))
}

/// The parts of `file`, `size` bytes long, of `part_size` bytes (`None`: the default);
/// else the flag to blame and why S3 would not take them.
pub fn parts(
    file: &str,
    size: u64,
    part_size: Option<u64>,
) -> Result<FileParts, (&'static str, String)> {
    let part_size = match part_size {
        Some(n) if n < MIN_PART => {
            return Err((
                "--part-size",
                format!(
                    "{} is below the 5 MiB (5242880 bytes) S3 takes for every part but the last; give 5MiB or more",
                    human_size(n)
                ),
            ));
        }
        Some(n) if n > MAX_PART => {
            return Err((
                "--part-size",
                format!(
                    "{} is over the 5 GiB (5368709120 bytes) S3 takes for a part; give 5GiB or less",
                    human_size(n)
                ),
            ));
        }
        Some(n) => n,
        None => {
            let mut n = DEFAULT_PART;
            while size.div_ceil(n) > MAX_PARTS && n < MAX_PART {
                n = (n * 2).min(MAX_PART);
            }
            n
        }
    };
    let split = FileParts { size, part_size };
    if u64::from(split.count()) <= MAX_PARTS {
        return Ok(split);
    }
    // The smallest part size that fits, in whole MiB.
    let fits = size.div_ceil(MAX_PARTS).div_ceil(1 << 20) << 20;
    if fits > MAX_PART {
        return Err((
            "--file",
            format!(
                "{file} is {size} bytes, more than 10,000 parts of 5 GiB hold, the most one upload takes"
            ),
        ));
    }
    Err((
        "--part-size",
        format!(
            "{file} is {size} bytes: {} parts of {}, and S3 takes at most 10,000; give --part-size {}MiB or more, or leave it out to have one chosen",
            split.count(),
            human_size(part_size),
            fits >> 20
        ),
    ))
}

/// The note for `-o url`: which bytes each URL of the run takes.
pub fn note(parts: &FileParts, file: &str) -> String {
    let (_, last) = parts.range(parts.count());
    let (which, how) = match parts.count() {
        1 => ("one part; send it".to_owned(), "a line that does"),
        n => (
            format!(
                "{n} parts: URL N is for the {size} bytes from offset (N-1)*{size}, the last for the {last} left; send each",
                size = parts.part_size
            ),
            "lines that do",
        ),
    };
    format!(
        "presign: note: {file} is {} bytes in {which} with its Content-Length (servers refuse a chunked upload): -o curl prints {how}",
        parts.size
    )
}

/// A warning when URLs valid for `expires` seconds may expire before the last part is
/// sent, one part after another at a slow link's pace; `max` is the longest expiry the
/// signature allows.
pub fn expiry_warning(
    parts: &FileParts,
    file: &str,
    expires: u64,
    max: Option<u64>,
) -> Option<String> {
    let takes = parts.size.div_ceil(SLOW_LINK);
    if takes <= expires {
        return None;
    }
    // Whole hours, or whole days past two of them: a value to type.
    let hours = takes.div_ceil(3600);
    let (seconds, typed) = if hours > 48 {
        let days = hours.div_ceil(24);
        (days * 86_400, format!("{days}d"))
    } else {
        (hours * 3600, format!("{hours}h"))
    };
    let fix = match max {
        Some(max) if seconds > max => format!(
            "sign with the longest expiry there is, --expires {}, and send the parts faster",
            human(max as i64).replace(' ', "")
        ),
        _ => format!("sign with a longer expiry: --expires {typed} or more"),
    };
    Some(format!(
        "the part URLs expire {} after signing, but sending the {:.1} GiB of {file} takes some {} at 1 MiB/s, a slow link, one part after another: the last parts may find their URLs expired (403); {fix}",
        human(expires as i64),
        parts.size as f64 / (1u64 << 30) as f64,
        human(takes as i64)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1 << 20;
    const GIB: u64 = 1 << 30;

    /// 8 MiB parts, doubled until 10,000 are enough; 5 GiB parts at the most.
    #[test]
    fn the_default_part_size_fits_in_10000_parts() {
        let default = |size| parts("f", size, None).map(|s| (s.part_size, s.count()));
        assert_eq!(default(5 * GIB), Ok((8 * MIB, 640)));
        assert_eq!(default(10_000 * 8 * MIB), Ok((8 * MIB, 10_000)));
        assert_eq!(default(10_000 * 8 * MIB + 1), Ok((16 * MIB, 5001)));
        assert_eq!(default(5 * 1024 * GIB), Ok((1024 * MIB, 5120)));
        assert_eq!(default(10_000 * 5 * GIB), Ok((5 * GIB, 10_000)));
        assert_eq!(
            default(10_000 * 5 * GIB + 1).unwrap_err(),
            (
                "--file",
                "f is 53687091200001 bytes, more than 10,000 parts of 5 GiB hold, the most one upload takes".to_owned()
            )
        );
    }

    #[test]
    fn s3s_limits_are_refused_with_the_fix() {
        let refusal = |size, part| parts("big.iso", size, Some(part)).unwrap_err();
        assert_eq!(
            refusal(100, 5 * MIB - 1),
            ("--part-size", "5242879 bytes is below the 5 MiB (5242880 bytes) S3 takes for every part but the last; give 5MiB or more".to_owned())
        );
        assert_eq!(
            refusal(100, 5 * GIB + 1),
            ("--part-size", "5368709121 bytes is over the 5 GiB (5368709120 bytes) S3 takes for a part; give 5GiB or less".to_owned())
        );
        assert_eq!(
            refusal(60 * GIB, 5 * MIB),
            ("--part-size", "big.iso is 64424509440 bytes: 12288 parts of 5 MiB (5242880 bytes), and S3 takes at most 10,000; give --part-size 7MiB or more, or leave it out to have one chosen".to_owned())
        );
        let fits = parts("big.iso", 60 * GIB, Some(7 * MIB)).unwrap();
        assert!(fits.count() <= 10_000);
    }

    #[test]
    fn the_expiry_warning_assumes_a_slow_link() {
        let p = parts("f", 5 * GIB, None).unwrap();
        let warning = expiry_warning(&p, "big.iso", 3600, Some(604_800)).unwrap();
        assert_eq!(
            warning,
            "the part URLs expire 1h after signing, but sending the 5.0 GiB of big.iso takes some 1h 25m at 1 MiB/s, a slow link, one part after another: the last parts may find their URLs expired (403); sign with a longer expiry: --expires 2h or more"
        );
        assert_eq!(expiry_warning(&p, "big.iso", 2 * 3600, Some(604_800)), None);
        let huge = parts("f", 2048 * GIB, None).unwrap();
        assert!(
            expiry_warning(&huge, "huge", 3600, Some(604_800))
                .unwrap()
                .ends_with(
                    "sign with the longest expiry there is, --expires 7d, and send the parts faster"
                )
        );
        assert!(
            expiry_warning(&huge, "huge", 3600, None)
                .unwrap()
                .ends_with("--expires 25d or more")
        );
        let small = parts("f", 100 * MIB, None).unwrap();
        assert_eq!(expiry_warning(&small, "f", 3600, None), None);
    }
}
