//! One source of settings (flags, variables, a profile), and how sources are stacked.
//!
//! Every value keeps its origin, e.g. `--region` or `region in profile "x" of FILE`, so
//! an error can name where a bad value came from and exit with the right code.

use presign::Secret;

/// A value and where it came from.
pub struct Val<T> {
    pub value: T,
    pub origin: String,
}

impl<T> Val<T> {
    /// Whether the value was typed on the command line (an input error, exit 2) rather
    /// than read from a file or a variable (a configuration error, exit 1).
    pub fn is_flag(&self) -> bool {
        self.origin.starts_with("--")
    }
}

/// A secret key, or the command that prints it. The command runs only if this source's
/// credentials are the ones used: it may well prompt for a passphrase.
pub enum SecretSource {
    Value(Secret),
    Command(String),
}

/// The settings a source can hold; each source declares which it can supply, so a
/// source is read only while one of those is still missing.
#[derive(Clone, Copy)]
pub struct Supplies {
    pub credentials: bool,
    pub endpoint: bool,
    pub region: bool,
    pub signature: bool,
    pub expires: bool,
    pub virtual_host: bool,
    /// `dualstack`, `fips`, `accelerate`: wanted only while the endpoint may be AWS's
    /// (unset, or `aws`), as no other endpoint takes them.
    pub aws_options: bool,
}

impl Supplies {
    /// presign's own profile file: every setting.
    pub const TOML_PROFILE: Supplies = Supplies {
        credentials: true,
        endpoint: true,
        region: true,
        signature: true,
        expires: true,
        virtual_host: true,
        aws_options: true,
    };
    /// The AWS shared files: keys, `endpoint_url`, `region`, `s3 = addressing_style`.
    /// They have no signature version or expiry presign reads.
    pub const AWS_FILES: Supplies = Supplies {
        credentials: true,
        endpoint: true,
        region: true,
        signature: false,
        expires: false,
        virtual_host: true,
        aws_options: true,
    };
}

/// One source of settings.
#[derive(Default)]
pub struct Layer {
    /// For the list of places looked at when no credentials are found.
    pub name: String,
    pub access_key: Option<Val<String>>,
    pub secret_key: Option<Val<SecretSource>>,
    pub session_token: Option<Val<Secret>>,
    pub endpoint: Option<Val<String>>,
    pub region: Option<Val<String>>,
    pub signature: Option<Val<String>>,
    pub expires: Option<Val<String>>,
    pub virtual_host: Option<Val<bool>>,
    pub dualstack: Option<Val<bool>>,
    pub fips: Option<Val<bool>>,
    pub accelerate: Option<Val<bool>>,
    /// When the keys stop working (RFC 3339): part of the credentials, like the token.
    pub credential_expiration: Option<Val<String>>,
    /// Whether the keys come from an AWS source (the `AWS_*` variables, the AWS shared
    /// files): they then default to AWS's endpoint, not Storj's.
    pub aws_keys: bool,
}

impl Layer {
    fn has_keys(&self) -> bool {
        self.access_key.is_some() || self.secret_key.is_some()
    }

    /// Whether a source that supplies `what` could still fill something here.
    pub fn lacks_any(&self, what: Supplies) -> bool {
        (what.credentials && !self.has_keys())
            || (what.endpoint && self.endpoint.is_none())
            || (what.region && self.region.is_none())
            || (what.signature && self.signature.is_none())
            || (what.expires && self.expires.is_none())
            || (what.virtual_host && self.virtual_host.is_none())
            || (what.aws_options
                && self.endpoint.as_ref().is_none_or(|e| e.value == "aws")
                && (self.dualstack.is_none() || self.fips.is_none() || self.accelerate.is_none()))
    }

    /// Fills what `self` lacks from `lower`; credentials only as a unit.
    pub fn fill_from(&mut self, lower: &mut Layer) {
        // A token alone (a stale AWS_SESSION_TOKEN, say) never joins another source's keys.
        if !self.has_keys() && lower.has_keys() {
            self.access_key = lower.access_key.take();
            self.secret_key = lower.secret_key.take();
            if self.session_token.is_none() {
                self.session_token = lower.session_token.take();
            }
            self.credential_expiration = lower.credential_expiration.take();
            self.aws_keys = lower.aws_keys;
        }
        fill(&mut self.endpoint, &mut lower.endpoint);
        fill(&mut self.region, &mut lower.region);
        fill(&mut self.signature, &mut lower.signature);
        fill(&mut self.expires, &mut lower.expires);
        fill(&mut self.virtual_host, &mut lower.virtual_host);
        fill(&mut self.dualstack, &mut lower.dualstack);
        fill(&mut self.fips, &mut lower.fips);
        fill(&mut self.accelerate, &mut lower.accelerate);
    }
}

/// Merges `layer` under `merged` and records that it was looked at.
pub fn visit(merged: &mut Layer, mut layer: Layer, looked_at: &mut Vec<String>) {
    looked_at.push(layer.name.clone());
    merged.fill_from(&mut layer);
}

fn fill<T>(slot: &mut Option<T>, lower: &mut Option<T>) {
    if slot.is_none() {
        *slot = lower.take();
    }
}

/// A value with its origin, if there is a value.
pub fn val<T>(value: Option<T>, origin: impl FnOnce() -> String) -> Option<Val<T>> {
    value.map(|value| Val {
        value,
        origin: origin(),
    })
}
