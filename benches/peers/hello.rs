//! The floor for one-shot start-up: a hello-world built with presign's release profile.
//! benches/compare.sh times `presign get` against it.

use std::io::Write;

fn main() {
    let _ = std::io::stdout().write_all(b"hello\n");
}
