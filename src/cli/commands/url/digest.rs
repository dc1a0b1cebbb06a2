//! Digests of `@FILE` values: the file is streamed once for all the digests it feeds,
//! in constant memory, with a progress line on stderr when stderr is a terminal and the
//! file is large enough to wait for.

use crate::cli::failure::Failure;
use anyhow::anyhow;
use presign::quote::ShownPath;
use presign::request::Checksum;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Files smaller than this hash in well under a second: no progress line.
const PROGRESS_FROM_BYTES: u64 = 256 * 1024 * 1024;

/// The base64 digests of `path`, one per checksum, in order; errors name `flag`.
pub fn file(flag: &str, path: &Path, checksums: &[Checksum]) -> Result<Vec<String>, Failure> {
    let cannot = |e: std::io::Error| {
        Failure::config(anyhow!("{flag}: cannot read {}: {e}", ShownPath(path)))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    // A directory cannot be read; a device (`/dev/zero`) would be hashed forever. A pipe
    // (`@/dev/stdin`, `@<(...)`) ends, so it is read.
    if meta.is_dir() || (is_device(&meta) && !is_dev_null(path)) {
        return Err(Failure::flag(
            flag,
            format!(
                "{} is not a file of the upload's bytes (a directory or a device): give the file the holder will upload",
                ShownPath(path)
            ),
        ));
    }
    let size = meta.len();
    let mut stderr = std::io::stderr();
    let show = size >= PROGRESS_FROM_BYTES && stderr.is_terminal();
    let mut shown = 0;
    let values = presign::request::digest_stream(checksums, file, |done| {
        // Whole percents only: one line update per percent, not per block.
        let percent = done * 100 / size.max(1);
        if show && percent > shown {
            shown = percent;
            let _ = write!(
                stderr,
                "\rpresign: hashing {}: {percent:>3}% of {:.1} GiB",
                ShownPath(path),
                size as f64 / f64::from(1u32 << 30)
            );
        }
    })
    .map_err(cannot)?;
    if show {
        let _ = writeln!(stderr);
    }
    Ok(values)
}

/// `/dev/null` is the empty body, a device that ends at once: its digests and its length
/// (0) are what an empty upload has.
pub fn is_dev_null(path: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|p| p == Path::new("/dev/null"))
}

#[cfg(unix)]
fn is_device(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_char_device() || meta.file_type().is_block_device()
}

/// Windows: `NUL` and `CON` open as files that end; nothing to refuse.
#[cfg(not(unix))]
fn is_device(_: &std::fs::Metadata) -> bool {
    false
}
