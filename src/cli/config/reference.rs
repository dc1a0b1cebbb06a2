//! Every environment variable and file presign reads: what each sets and what wins over
//! it, as one table. The man page's ENVIRONMENT and FILES are rendered from it
//! (`commands::generate`), and docs/configuration.md carries it as markdown
//! (`environment_markdown`, `files_markdown`), which tests/cli/completions.rs compares,
//! so the two cannot drift. That test also scans `src/cli` for the variables the code
//! reads, so a new one cannot be left out.
//!
//! Text in the cells marks `code` with backticks: markdown keeps them, the man page sets
//! it in bold. No cell holds a '|'. This file uses nothing but `std`: tests/cli includes
//! it as it is (`#[path]`).

/// Where each setting comes from, highest first: each is taken from the first source that
/// has it (the order of `config::resolve`).
pub const ORDER: &str = "Each setting comes from the first source that has it: the command-line flags; the profile named with `--profile` (in the profile file, then the AWS shared files); the `PRESIGN_*` variables; the `AWS_*` variables; the selected profile in the profile file; the selected profile in `~/.aws/credentials`, then `~/.aws/config`. The keys, secret key and session token come together from the first source that has keys. An empty variable counts as unset.";

/// One row of ENVIRONMENT: variables that set one thing (the first set wins among them).
pub struct Variable {
    pub names: &'static [&'static str],
    /// What it sets.
    pub sets: &'static str,
    /// What wins over it and what it wins over.
    pub precedence: &'static str,
}

/// One row of FILES.
pub struct File {
    /// Where it is by default.
    pub path: &'static str,
    /// What puts it elsewhere, first winning.
    pub moved_by: &'static str,
    /// What presign reads in it.
    pub holds: &'static str,
}

pub const VARIABLES: [Variable; 18] = [
    Variable {
        names: &[
            "PRESIGN_ACCESS_KEY",
            "PRESIGN_SECRET_KEY",
            "PRESIGN_SESSION_TOKEN",
        ],
        sets: "The access key id, the secret key and the session token, taken together.",
        precedence: "After `--access-key`, `--secret-key`, `--secret-key-file` and a `--profile`; before the `AWS_*` keys and the files. `--session-token` always applies.",
    },
    Variable {
        names: &["PRESIGN_ENDPOINT"],
        sets: "The endpoint, a URL or a preset, as `--endpoint` takes it.",
        precedence: "After `--endpoint` and a `--profile`; before `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL` and the files.",
    },
    Variable {
        names: &["PRESIGN_REGION"],
        sets: "The signing region, as `--region`.",
        precedence: "After `--region` and a `--profile`; before `AWS_REGION`, `AWS_DEFAULT_REGION` and the files.",
    },
    Variable {
        names: &["PRESIGN_PROFILE"],
        sets: "The profile to read in the profile file and the AWS shared files.",
        precedence: "After `--profile`; before `AWS_DEFAULT_PROFILE`, `AWS_PROFILE`, then the profile file's `default_profile`, then `default`.",
    },
    Variable {
        names: &["PRESIGN_CONFIG"],
        sets: "The profile file; a leading `~` is the home directory.",
        precedence: "After `--config`; before `$XDG_CONFIG_HOME/presign/config.toml` and `~/.config/presign/config.toml`.",
    },
    Variable {
        names: &[
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SECURITY_TOKEN",
            "AWS_SESSION_TOKEN",
        ],
        sets: "The access key id, the secret key and the session token, taken together; the token is `AWS_SECURITY_TOKEN`'s, else `AWS_SESSION_TOKEN`'s, as botocore reads them. Keys from here (or from the AWS shared files) make AWS S3 the default endpoint.",
        precedence: "After the flags, a `--profile` and the `PRESIGN_*` keys; before the files.",
    },
    Variable {
        names: &["AWS_CREDENTIAL_EXPIRATION"],
        sets: "When the `AWS_*` keys expire (RFC 3339): a URL that would outlive them gets a warning.",
        precedence: "Read only when the keys come from the `AWS_*` variables.",
    },
    Variable {
        names: &["AWS_REGION", "AWS_DEFAULT_REGION"],
        sets: "The signing region (the first set: `AWS_REGION`, as the AWS CLI v2 and the AWS SDKs read it; boto3 reads only `AWS_DEFAULT_REGION`, so a warning says when the two differ). A preset's own region (`b2:REGION`, `r2:`, `gcs`, ...) set in another source wins over it.",
        precedence: "After `--region`, a `--profile` and `PRESIGN_REGION`; before the files.",
    },
    Variable {
        names: &["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"],
        sets: "The endpoint (the first set), as botocore reads it.",
        precedence: "After `--endpoint`, the `endpoint` of a `--profile` in the profile file, and `PRESIGN_ENDPOINT`; before every endpoint of the AWS shared files, even with `--profile`.",
    },
    Variable {
        names: &["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"],
        sets: "`true` or `false`: with `true`, `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL` and the endpoints of the AWS shared files are ignored.",
        precedence: "Before the AWS config's `ignore_configured_endpoint_urls`.",
    },
    Variable {
        names: &["AWS_DEFAULT_PROFILE", "AWS_PROFILE"],
        sets: "The profile to read in the profile file and the AWS shared files (the first set, as botocore reads them).",
        precedence: "After `--profile` and `PRESIGN_PROFILE`; before the profile file's `default_profile`, then `default`.",
    },
    Variable {
        names: &["AWS_SHARED_CREDENTIALS_FILE"],
        sets: "The AWS credentials file; a leading `~` is the home directory, as botocore expands it.",
        precedence: "Before `~/.aws/credentials`.",
    },
    Variable {
        names: &["AWS_CONFIG_FILE"],
        sets: "The AWS config file; a leading `~` is the home directory, as botocore expands it.",
        precedence: "Before `~/.aws/config`.",
    },
    Variable {
        names: &["AWS_USE_DUALSTACK_ENDPOINT", "AWS_USE_FIPS_ENDPOINT"],
        sets: "`true` or `false`: the dualstack or the FIPS host of AWS S3 (ignored for other endpoints).",
        precedence: "After `--dualstack`, `--fips` and a `--profile`; before the files.",
    },
    Variable {
        names: &["AWS_S3_US_EAST_1_REGIONAL_ENDPOINT"],
        sets: "`legacy` (`s3.amazonaws.com`) or `regional` (`s3.us-east-1.amazonaws.com`): the host for us-east-1.",
        precedence: "After a `--profile`; before the AWS config's `s3_us_east_1_regional_endpoint`.",
    },
    Variable {
        names: &["AWS_WEB_IDENTITY_TOKEN_FILE"],
        sets: "Not supported (presign signs with static keys): while it is set, keys from the AWS shared files are refused, as the AWS SDKs would use web identity instead.",
        precedence: "Read only without `--profile`, when the keys would come from the AWS shared files.",
    },
    Variable {
        names: &["HOME", "XDG_CONFIG_HOME"],
        sets: "Where `~` is; the profile file is `$XDG_CONFIG_HOME/presign/config.toml` when `XDG_CONFIG_HOME` is set.",
        precedence: "Used only where `--config` and `PRESIGN_CONFIG` (for the profile file), `AWS_SHARED_CREDENTIALS_FILE` and `AWS_CONFIG_FILE` (for the AWS shared files) are not set.",
    },
    Variable {
        names: &["COLUMNS"],
        sets: "The width of `--help` and of `presign endpoints`.",
        precedence: "After the width of the terminal, when there is one.",
    },
];

pub const FILES: [File; 3] = [
    File {
        path: "~/.config/presign/config.toml",
        moved_by: "`--config FILE`, `PRESIGN_CONFIG`, `$XDG_CONFIG_HOME/presign/config.toml`",
        holds: "The profile file (TOML): `default_profile`, and in `[profiles.NAME]`: `endpoint`, `region`, `access_key`, `secret_key` or `secret_key_command` (a command whose first line of output is the secret), `session_token`, `signature`, `expires`, `virtual_host`, `dualstack`, `fips`, `accelerate`, `credential_expiration`. An unknown key is an error; a file with a secret that others can read gets a warning.",
    },
    File {
        path: "~/.aws/credentials",
        moved_by: "`AWS_SHARED_CREDENTIALS_FILE`",
        holds: "The AWS shared credentials file, read as botocore reads it: `[NAME]` sections with `aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`, and any key of the config file. It wins over the config file.",
    },
    File {
        path: "~/.aws/config",
        moved_by: "`AWS_CONFIG_FILE`",
        holds: "The AWS config file: `[default]` and `[profile NAME]` sections with the keys, `region`, `endpoint_url`, `services` (naming a `[services NAME]` section whose `s3 = endpoint_url` wins), `s3 = addressing_style`, `use_fips_endpoint`, `use_dualstack_endpoint` (or `s3 = use_dualstack_endpoint`), `s3 = use_accelerate_endpoint`, `s3_us_east_1_regional_endpoint` (or `s3 = us_east_1_regional_endpoint`), `ignore_configured_endpoint_urls`. A profile whose keys the AWS SDKs would not use (`role_arn`, `sso_*`, `credential_process`, ...) is refused.",
    },
];

/// The names of a row, each as `code`: `` `A`, `B` ``.
#[cfg(test)]
fn names(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// ENVIRONMENT as a markdown table (docs/configuration.md, between
/// `<!-- environment:start -->` and `<!-- environment:end -->`).
#[cfg(test)] // The binary prints the roff form only; tests/cli compares this one.
pub fn environment_markdown() -> String {
    let mut out = String::from("| Variable | Sets | Precedence |\n|---|---|---|\n");
    for v in &VARIABLES {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            names(v.names),
            v.sets,
            v.precedence
        ));
    }
    out
}

/// FILES as a markdown table (docs/configuration.md, between `<!-- files:start -->` and
/// `<!-- files:end -->`).
#[cfg(test)]
pub fn files_markdown() -> String {
    let mut out = String::from("| File | Moved by | What presign reads there |\n|---|---|---|\n");
    for f in &FILES {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            f.path, f.moved_by, f.holds
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A '|' would end a markdown cell; a backtick left open would swallow the rest.
    #[test]
    fn cells_hold_no_bar_and_close_every_code_span() {
        let cells = VARIABLES
            .iter()
            .flat_map(|v| {
                [v.sets, v.precedence]
                    .into_iter()
                    .chain(v.names.iter().copied())
            })
            .chain(FILES.iter().flat_map(|f| [f.path, f.moved_by, f.holds]))
            .chain([ORDER]);
        for cell in cells {
            assert!(!cell.contains('|'), "{cell}");
            assert_eq!(cell.matches('`').count() % 2, 0, "{cell}");
        }
        assert_eq!(environment_markdown().lines().count(), VARIABLES.len() + 2);
        assert_eq!(files_markdown().lines().count(), FILES.len() + 2);
    }
}
