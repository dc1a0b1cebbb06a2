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

/// The URL of a golden case's operation (botocore's name for it) through the library's
/// per-operation constructors, with the case's parameters (the constructors set the
/// operation's own) and `headers`.
pub fn presign_operation(
    presigner: &Presigner,
    operation: &str,
    bucket: &str,
    key: &str,
    params: &[(String, String)],
    headers: &presign::SignedHeaders,
) -> Result<String, presign::Error> {
    use presign::{Param, PartNumber, Request, Target};
    let target = if operation == "list_objects_v2" {
        Target::bucket_only(bucket)?
    } else {
        Target::new(bucket, key)?
    };
    let param = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .expect("the operation's parameter is in the case")
    };
    let part;
    let request = match operation {
        "get_object" => Request::get(target),
        "head_object" => Request::head(target),
        "put_object" => Request::put(target),
        "delete_object" => Request::delete(target),
        "create_multipart_upload" => Request::create_multipart_upload(target),
        "list_objects_v2" => Request::list_objects_v2(target),
        "copy_object" => Request::copy_object(target),
        "upload_part" | "upload_part_copy" => {
            part = PartNumber::new(param("partNumber").parse().unwrap())?;
            if operation == "upload_part" {
                Request::upload_part(target, param("uploadId"), &part)?
            } else {
                Request::upload_part_copy(target, param("uploadId"), &part)?
            }
        }
        "complete_multipart_upload" => {
            Request::complete_multipart_upload(target, param("uploadId"))?
        }
        "abort_multipart_upload" => Request::abort_multipart_upload(target, param("uploadId"))?,
        other => panic!("unknown operation {other}"),
    };
    let mut request = request.headers(headers);
    for (name, value) in params {
        let p: Param = name.parse()?;
        if request.params.get(p).is_none() {
            request = request.param(p, value)?;
        }
    }
    presigner.presign(&request)
}
