//! The presigner a golden case (botocore.jsonl, botocore_request.jsonl) describes: its
//! credentials, endpoint, region, signature version, addressing, expiry and time.

use presign::{AddressingStyle, Config, Credentials, Expiry, Presigner, SignatureVersion};

/// The inputs every golden case has, by the names the JSON files use.
pub struct Signing<'a> {
    pub access_key: &'a str,
    pub secret_key: &'a str,
    pub session_token: Option<&'a str>,
    pub endpoint: &'a str,
    pub region: &'a str,
    pub signature: &'a str,
    pub addressing: &'a str,
    pub expires: u64,
    pub time: &'a str,
}

pub fn presigner(s: &Signing<'_>) -> Result<Presigner, presign::Error> {
    let credentials = Credentials::new(
        s.access_key.to_owned(),
        s.secret_key.into(),
        s.session_token.map(Into::into),
    )?;
    let mut config = Config::new(s.endpoint.parse()?, s.region.to_owned(), credentials);
    config.signature = s.signature.parse::<SignatureVersion>()?;
    config.addressing = match s.addressing {
        "path" => AddressingStyle::Path,
        _ => AddressingStyle::VirtualHost,
    };
    config.expires = Expiry::from_secs(s.expires).expect("positive expiry");
    Presigner::new(&config, presign::parse_time(s.time)?)
}
