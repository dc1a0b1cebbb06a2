//! Where proptest keeps the seeds of past failures: beside the test's source file
//! (tests/agree/oracle.rs → tests/agree/oracle.proptest-regressions), read back and re-run
//! before any new case.
//!
//! proptest's default (`SourceParallel`) climbs from the source file to the first folder
//! holding a `main.rs` or `lib.rs` and keeps the seeds under a `proptest-regressions` folder
//! beside that one: with tests/agree/main.rs there, tests/proptest-regressions/oracle.txt,
//! where none of the checked-in seeds are. Each property test sets its configuration
//! through here.

use proptest::test_runner::{Config, FileFailurePersistence};

/// `config`, with failures persisted in `<source file>.proptest-regressions`.
pub fn beside_source(config: Config) -> Config {
    Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..config
    }
}
