//! Helpers shared by the integration tests.

pub mod curl;
pub mod programs;
pub mod s3_server;
