//! Helpers shared by the integration tests: one module tree, included by each test binary
//! (tests/cli, tests/agree, tests/e2e) as `#[path = "../support/mod.rs"] mod support;`.

// Each binary uses only part of this tree (tests/cli starts no server, tests/e2e reads no
// golden case), so an item one binary leaves unused is not dead code: another uses it.
#![allow(dead_code)]

pub mod both_ways;
pub mod curl;
pub mod docs;
pub mod golden_request;
pub mod home;
pub mod independent;
pub mod programs;
pub mod radosgw;
pub mod regressions;
pub mod s3_server;
pub mod site;
