//! The CLI's flags in the library's messages, as this package's keyword arguments.
//!
//! Every message the package raises or warns with goes through [`keywords`] once, on its
//! way out (`convert::error`, `convert::warn`): the library's [`presign::naming`] writes
//! a flag as its keyword, with the flag's value as a Python value where the message
//! gives one (`expires="7d"`, `signature="v2"`, `addressing="path"`, `dualstack=True`).

use presign::naming::{Case, Spelling, respell};

/// Python's keywords: `--some-flag` is `some_flag=`, as the request options are named
/// (`bounds::keyword`), but for these.
const PYTHON: Spelling = Spelling {
    case: Case::Snake,
    assign: "=",
    bare: "=",
    truth: "True",
    renamed: &[
        ("secret-key-file", "secret-key"),
        ("config", "config-file"),
        ("meta", "metadata"),
        ("copy-source", "source"),
    ],
    known: &[],
    phrases: &[
        (
            "quote it for the shell: --if-none-match '*'",
            "pass if_none_match=\"*\"",
        ),
        (
            "a PUT URL instead: presign put BUCKET/KEY",
            "a PUT URL instead (put)",
        ),
    ],
};

/// `message` with every flag of the command line written as this package's keyword.
pub fn keywords(message: &str) -> String {
    respell(message, &PYTHON)
}

#[cfg(test)]
mod tests {
    use super::keywords;

    #[test]
    fn flags_become_keywords() {
        for (cli, python) in [
            (
                "expiry of 691200 s is too long for SigV4: the limit is 604800 s (7d); use --expires 7d or less, or --signature v2",
                "expiry of 691200 s is too long for SigV4: the limit is 604800 s (7d); use expires=\"7d\" or less, or signature=\"v2\"",
            ),
            (
                "--virtual-host needs a DNS name in the endpoint, not the IP address 10.0.0.1; drop --virtual-host to use path style",
                "addressing=\"virtual\" needs a DNS name in the endpoint, not the IP address 10.0.0.1; drop addressing=\"virtual\" to use path style",
            ),
            (
                "--dualstack names AWS S3 hosts, but the endpoint is x; use it with --endpoint aws, or drop --dualstack",
                "dualstack=True names AWS S3 hosts, but the endpoint is x; use it with endpoint=\"aws\", or drop dualstack=True",
            ),
            (
                "path style cannot be used with S3 Transfer Acceleration (--accelerate), which takes the bucket in the host name; drop one of them",
                "path style cannot be used with S3 Transfer Acceleration (accelerate=True), which takes the bucket in the host name; drop one of them",
            ),
            (
                "Use --expires 3000s or less, or longer-lived credentials.",
                "Use expires=\"3000s\" or less, or longer-lived credentials.",
            ),
            ("use --expires 3600", "use expires=3600"),
            (
                "Pass --access-key and --secret-key-file, set PRESIGN_ACCESS_KEY",
                "Pass access_key= and secret_key=, set PRESIGN_ACCESS_KEY",
            ),
            (
                "pass keys with --access-key/--secret-key",
                "pass keys with access_key=/secret_key=",
            ),
            (
                "create it or fix --config / PRESIGN_CONFIG",
                "create it or fix config_file= / PRESIGN_CONFIG",
            ),
            (
                "the region is a setting of its own: --region)",
                "the region is a setting of its own: region=)",
            ),
            (
                "add --sse aws:kms (or aws:kms:dsse)",
                "add sse=\"aws:kms\" (or aws:kms:dsse)",
            ),
            (
                "with --sse, not both; drop one",
                "with sse=, not both; drop one",
            ),
            (
                "drop --sse-bucket-key or use --sse aws:kms",
                "drop sse_bucket_key=True or use sse=\"aws:kms\"",
            ),
            (
                "add --object-lock-retain-until TIME",
                "add object_lock_retain_until=",
            ),
            (
                "add --metadata-directive REPLACE, a --storage-class or --sse, or copy a --source-version-id",
                "add metadata_directive=\"REPLACE\", a storage_class= or sse=, or copy a source_version_id=",
            ),
            (
                "is not '*': If-None-Match: * is the only form S3 takes on a write (quote it for the shell: --if-none-match '*')",
                "is not '*': If-None-Match: * is the only form S3 takes on a write (pass if_none_match=\"*\")",
            ),
            (
                "form field \"acl\" has its own option: use --acl",
                "form field \"acl\" has its own option: use acl=",
            ),
            ("use --meta", "use metadata="),
            (
                "pass endpoint= aws to sign for AWS S3, or endpoint= with your provider",
                "pass endpoint=\"aws\" to sign for AWS S3, or endpoint= with your provider",
            ),
            (
                "to sign with that profile's keys, pass profile= \"storj\"; to keep",
                "to sign with that profile's keys, pass profile=\"storj\"; to keep",
            ),
            (
                "region=: invalid region \"x\"",
                "region: invalid region \"x\"",
            ),
            (
                "dualstack=: AWS has no dualstack S3 endpoints in this partition; drop dualstack=",
                "dualstack: AWS has no dualstack S3 endpoints in this partition; drop dualstack=True",
            ),
            (
                "path style cannot be used with S3 Transfer Acceleration (accelerate=), which",
                "path style cannot be used with S3 Transfer Acceleration (accelerate=True), which",
            ),
            (
                "presign a PUT URL instead: presign put BUCKET/KEY",
                "presign a PUT URL instead (put)",
            ),
        ] {
            assert_eq!(keywords(cli), python);
        }
    }

    #[test]
    fn quoted_values_and_aws_commands_stay() {
        for text in [
            "invalid bucket name \"--expires 7d\": use only letters",
            "invalid key \"a \\\" --fips\"",
            "export temporary keys (aws configure export-credentials --profile \"dev\" --format env) and let presign read them",
            "no flag here",
            "a--b is not a flag",
        ] {
            assert_eq!(keywords(text), text);
        }
    }
}
