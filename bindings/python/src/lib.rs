//! `presign._presign`, the native half of the `presign` Python package.
//!
//! This crate signs nothing itself: it converts Python arguments to presign's request
//! model, calls the library and converts its answers and errors back. The public Python
//! package (`python/presign/`) re-exports it and holds the pure-Python glue (the boto3
//! drop-in).

use pyo3::prelude::*;

mod bounds;
mod convert;
mod inspect;
mod keywords;
mod options;
mod presigner;
mod settings;

pyo3::create_exception!(
    presign,
    Error,
    pyo3::exceptions::PyValueError,
    "A value presign cannot sign or read, with the CLI's message (never a secret)."
);

/// Panics on purpose, so the tests can show that a Rust panic reaches Python as an
/// exception (`pyo3_runtime.PanicException`) instead of killing the interpreter.
#[pyfunction]
fn _panic_for_test() {
    panic!("presign: deliberate panic for the test suite");
}

/// `message` with the CLI's flags written as keywords, as every message the package
/// raises or warns with is: for the tests that hold the package's messages to the CLI's.
#[pyfunction]
fn _keywords(message: &str) -> String {
    keywords::keywords(message)
}

#[pymodule]
fn _presign(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("Error", m.py().get_type::<Error>())?;
    m.add_class::<presigner::Presigner>()?;
    m.add_class::<inspect::Report>()?;
    m.add_function(wrap_pyfunction!(inspect::inspect, m)?)?;
    m.add_function(wrap_pyfunction!(inspect::verify, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    m.add_function(wrap_pyfunction!(_keywords, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
