//! One source of settings (flags, variables, a profile), and how sources are stacked.
//!
//! Every value keeps its origin, e.g. `--region` or `region in profile "x" of FILE`, so
//! an error can name where a bad value came from and exit with the right code.

use crate::Secret;
use crate::settings::is_override;

/// A value and where it came from.
pub(crate) struct Val<T> {
    pub(crate) value: T,
    pub(crate) origin: String,
}

impl<T> Val<T> {
    /// Whether the value is one of the caller's overrides (an input error, exit 2 on the
    /// command line) rather than read from a file or a variable (a configuration error).
    pub(crate) fn is_override(&self) -> bool {
        is_override(&self.origin)
    }
}

/// A secret key, or the command that prints it. The command runs only if this source's
/// credentials are the ones used: it may well prompt for a passphrase.
pub(crate) enum SecretSource {
    Value(Secret),
    Command(String),
}

/// The settings a source can hold; each source declares which it can supply, so a
/// source is read only while one of those is still missing.
#[derive(Clone, Copy)]
pub(crate) struct Supplies {
    pub(crate) credentials: bool,
    pub(crate) endpoint: bool,
    pub(crate) region: bool,
    pub(crate) signature: bool,
    pub(crate) expires: bool,
    pub(crate) virtual_host: bool,
    /// `dualstack`, `fips`, `accelerate` (and the AWS files' us-east-1 regional switch):
    /// wanted only while the endpoint may be AWS's (unset, or `aws`). They are still
    /// taken from a file read for another setting; [`crate::settings::place`] drops the AWS
    /// sources' ones for any other endpoint.
    pub(crate) aws_options: bool,
}

impl Supplies {
    /// presign's own profile file: every setting.
    pub(crate) const TOML_PROFILE: Supplies = Supplies {
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
    pub(crate) const AWS_FILES: Supplies = Supplies {
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
pub(crate) struct Layer {
    /// For the list of places looked at when no credentials are found.
    pub(crate) name: String,
    pub(crate) access_key: Option<Val<String>>,
    pub(crate) secret_key: Option<Val<SecretSource>>,
    pub(crate) session_token: Option<Val<Secret>>,
    pub(crate) endpoint: Option<Val<String>>,
    pub(crate) region: Option<Val<String>>,
    pub(crate) signature: Option<Val<String>>,
    pub(crate) expires: Option<Val<String>>,
    pub(crate) virtual_host: Option<Val<bool>>,
    pub(crate) dualstack: Option<Val<bool>>,
    pub(crate) fips: Option<Val<bool>>,
    pub(crate) accelerate: Option<Val<bool>>,
    /// When the keys stop working (RFC 3339): part of the credentials, like the token.
    pub(crate) credential_expiration: Option<Val<String>>,
    /// Whether the keys come from an AWS source (the `AWS_*` variables, the AWS shared
    /// files): they then default to AWS's endpoint, not Storj's.
    pub(crate) aws_keys: bool,
    /// `AWS_S3_US_EAST_1_REGIONAL_ENDPOINT` or the AWS config's
    /// `s3_us_east_1_regional_endpoint`: `legacy` or `regional`, checked where it is used.
    pub(crate) us_east_1_regional: Option<Val<String>>,
    /// Whether this source is an AWS one (the `AWS_*` variables, the AWS shared files):
    /// its dualstack and FIPS switches are then for AWS's endpoint only, as in botocore,
    /// and are dropped for any other endpoint rather than refused.
    pub(crate) aws_side: bool,
    /// Where this source stands among those looked at, 0 for the command line: a lower
    /// source's region does not override a preset's own region set by a higher one.
    pub(crate) rank: usize,
    /// In a merged layer: the rank of the source each of these came from.
    pub(crate) endpoint_rank: usize,
    pub(crate) region_rank: usize,
    pub(crate) keys_rank: usize,
    /// The profile this source is, when it is one.
    pub(crate) profile: Option<String>,
    /// The sections of one AWS profile (its credentials file's and its config file's)
    /// are one source: the profile's name.
    pub(crate) group: Option<String>,
    /// In a merged layer: the group of the source the keys and the endpoint came from.
    pub(crate) keys_group: Option<String>,
    pub(crate) endpoint_group: Option<String>,
    /// In a merged layer: the name of the source the endpoint came from, and whether that
    /// source had keys of its own (which a higher source's keys then passed over).
    pub(crate) endpoint_source: Option<EndpointSource>,
    /// In a merged layer: the origin of an endpoint beside the keys, in their source, that
    /// a higher source's endpoint overrode.
    pub(crate) keys_endpoint_overridden: Option<String>,
    /// In a merged layer: whether the keys' source named the endpoint used.
    pub(crate) keys_with_endpoint: bool,
    /// In a merged layer: whether the dualstack, FIPS and accelerate switches and the
    /// region came from an AWS source.
    pub(crate) aws_side_options: AwsSide,
}

/// The source an endpoint came from.
#[derive(Clone)]
pub(crate) struct EndpointSource {
    /// As the list of places looked at names it.
    pub(crate) name: String,
    /// Whether it had keys of its own.
    pub(crate) has_keys: bool,
    /// Its profile's name, when it is a profile.
    pub(crate) profile: Option<String>,
}

/// Which of the AWS switches, and whether the region, came from an AWS source
/// ([`Layer::aws_side`]).
#[derive(Clone, Copy, Default)]
pub(crate) struct AwsSide {
    pub(crate) dualstack: bool,
    pub(crate) fips: bool,
    pub(crate) accelerate: bool,
    pub(crate) region: bool,
}

impl Layer {
    /// Whether the keys and the endpoint came from one source: the same flags, variables,
    /// profile.
    pub(crate) fn keys_beside_endpoint(&self) -> bool {
        self.keys_with_endpoint
            || self.keys_rank == self.endpoint_rank
            || (self.keys_group.is_some() && self.keys_group == self.endpoint_group)
    }

    pub(crate) fn has_keys(&self) -> bool {
        self.access_key.is_some() || self.secret_key.is_some()
    }

    /// Whether a source that supplies `what` could still fill something here.
    pub(crate) fn lacks_any(&self, what: Supplies) -> bool {
        (what.credentials && !self.has_keys())
            || (what.endpoint && self.endpoint.is_none())
            || (what.region && self.region.is_none())
            || (what.signature && self.signature.is_none())
            || (what.expires && self.expires.is_none())
            || (what.virtual_host && self.virtual_host.is_none())
            || (what.aws_options
                && self.endpoint.as_ref().is_none_or(|e| e.value == "aws")
                && (self.dualstack.is_none()
                    || self.fips.is_none()
                    || self.accelerate.is_none()
                    || self.us_east_1_regional.is_none()))
    }

    /// Fills what `self` lacks from `lower`; credentials only as a unit.
    pub(crate) fn fill_from(&mut self, lower: &mut Layer) {
        let lower_has_keys = lower.has_keys();
        // A token alone (a stale AWS_SESSION_TOKEN, say) never joins another source's keys.
        if !self.has_keys() && lower.has_keys() {
            self.keys_rank = lower.rank;
            self.keys_group = lower.group.clone();
            // An endpoint above that names the same one is no override: the keys' source
            // meant that endpoint too.
            if let (Some(above), Some(own)) = (&self.endpoint, &lower.endpoint) {
                if above.value == own.value {
                    self.keys_with_endpoint = true;
                } else {
                    self.keys_endpoint_overridden = Some(own.origin.clone());
                }
            }
            self.access_key = lower.access_key.take();
            self.secret_key = lower.secret_key.take();
            if self.session_token.is_none() {
                self.session_token = lower.session_token.take();
            }
            self.credential_expiration = lower.credential_expiration.take();
            self.aws_keys = lower.aws_keys;
        }
        if fill(&mut self.endpoint, &mut lower.endpoint) {
            self.endpoint_rank = lower.rank;
            self.endpoint_group = lower.group.clone();
            self.endpoint_source = Some(EndpointSource {
                name: lower.name.clone(),
                has_keys: lower_has_keys,
                profile: lower.profile.clone(),
            });
        }
        if fill(&mut self.region, &mut lower.region) {
            self.region_rank = lower.rank;
            self.aws_side_options.region = lower.aws_side;
        }
        fill(&mut self.signature, &mut lower.signature);
        fill(&mut self.expires, &mut lower.expires);
        fill(&mut self.virtual_host, &mut lower.virtual_host);
        fill(&mut self.us_east_1_regional, &mut lower.us_east_1_regional);
        if fill(&mut self.dualstack, &mut lower.dualstack) {
            self.aws_side_options.dualstack = lower.aws_side;
        }
        if fill(&mut self.fips, &mut lower.fips) {
            self.aws_side_options.fips = lower.aws_side;
        }
        if fill(&mut self.accelerate, &mut lower.accelerate) {
            self.aws_side_options.accelerate = lower.aws_side;
        }
    }
}

/// Merges `layer` under `merged` and records that it was looked at.
pub(crate) fn visit(merged: &mut Layer, mut layer: Layer, looked_at: &mut Vec<String>) {
    layer.rank = looked_at.len();
    looked_at.push(layer.name.clone());
    merged.fill_from(&mut layer);
}

/// Fills `slot` from `lower` if it is empty; whether it took a value.
fn fill<T>(slot: &mut Option<T>, lower: &mut Option<T>) -> bool {
    if slot.is_none() && lower.is_some() {
        *slot = lower.take();
        return true;
    }
    false
}

/// A value with its origin, if there is a value.
pub(crate) fn val<T>(value: Option<T>, origin: impl FnOnce() -> String) -> Option<Val<T>> {
    value.map(|value| Val {
        value,
        origin: origin(),
    })
}
