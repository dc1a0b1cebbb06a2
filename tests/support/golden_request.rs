//! A golden case's request (tests/golden/botocore.jsonl, providers.jsonl) presigned through
//! the library's per-operation constructors, then its optional parameters and headers.

use presign::{Param, PartNumber, Presigner, Request, SignedHeaders, Target};

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
    let Case {
        name,
        operation,
        params,
        ..
    } = case;
    let target = Target::new(case.bucket, case.key)?;
    let mut signed = SignedHeaders::new();
    for (header, value) in case.headers {
        signed.insert_str(header, value)?;
    }
    let headers = &signed;
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
        "upload_part" => {
            part = PartNumber::new(param("partNumber").parse().unwrap())?;
            Request::upload_part(target, param("uploadId"), &part)?
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
