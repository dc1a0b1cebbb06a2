//! A golden case's request (tests/golden/botocore.jsonl, providers.jsonl,
//! botocore_request.jsonl) presigned through the library's per-operation constructors, then
//! its optional parameters and headers; and the presigner a case describes.

use presign::{
    AddressingStyle, Config, Credentials, Expiry, Param, PartNumber, Presigner, Request,
    SignatureVersion, SignedHeaders, Target,
};

/// The signing inputs of a golden case, by the names the JSON files use.
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

/// The presigner of a case: its credentials, endpoint, region, signature version,
/// addressing, expiry and time.
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

/// One golden case's request: botocore's operation name (`get_object`, `upload_part`,
/// ...), the object, the query parameters in URL order and the signed headers.
pub struct Case<'a, H> {
    pub name: &'a str,
    pub operation: &'a str,
    pub bucket: &'a str,
    pub key: &'a str,
    pub params: &'a [(String, String)],
    pub headers: H,
}

/// Presigns the case's request; `name` names the case in a panic.
pub fn presign_case<'a>(
    presigner: &Presigner,
    case: Case<'a, impl Iterator<Item = &'a (String, String)>>,
) -> Result<String, presign::Error> {
    let mut signed = SignedHeaders::new();
    for (header, value) in case.headers {
        signed.insert_str(header, value)?;
    }
    let made = Case {
        name: case.name,
        operation: case.operation,
        bucket: case.bucket,
        key: case.key,
        params: case.params,
        headers: &signed,
    };
    presign_request(presigner, &made)
}

/// Presigns a case whose headers are already made (the SSE-C ones computed, say).
pub fn presign_request(
    presigner: &Presigner,
    case: &Case<'_, &SignedHeaders>,
) -> Result<String, presign::Error> {
    let Case {
        name,
        operation,
        params,
        headers,
        ..
    } = *case;
    // A bucket operation (ListObjectsV2) has no key.
    let target = if operation == "list_objects_v2" {
        Target::bucket_only(case.bucket)?
    } else {
        Target::new(case.bucket, case.key)?
    };
    let param = |wanted: &str| {
        params
            .iter()
            .find(|(n, _)| n == wanted)
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
        other => panic!("{name}: unknown operation {other}"),
    };
    // Optional parameters; the constructors set the operation's own.
    let mut request = request.headers(headers);
    for (name, value) in params {
        let p: Param = name.parse()?;
        if request.params.get(p).is_none() {
            request = request.param(p, value)?;
        }
    }
    presigner.presign(&request)
}
