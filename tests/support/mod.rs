//! Helpers shared by the integration tests.

pub mod programs;
pub mod s3_server;
