//! presign byte for byte against outside implementations: botocore 1.44.8's golden cases
//! (tests/golden/), aws-sigv4's signer, s3s's SigV2 verifier, AWS's documented examples,
//! and properties restated from the specs. See tests/README.md.

#[path = "../support/mod.rs"]
mod support;

mod aws_files_golden;
mod aws_vectors;
mod golden;
mod golden_request;
mod never_panics;
mod oracle;
mod oracle_in_url;
mod post_golden;
mod providers_golden;
mod settings_sources_golden;
mod sigv2_oracle;
mod verify;
mod verify_property;
