//! The presigned-URL examples from AWS's own documentation.

use presign::{
    AddressingStyle, Config, Credentials, Expiry, Presigner, Request, SignatureVersion, Target,
};

fn config(signature: SignatureVersion, expires: u64) -> Config {
    let creds = Credentials::new(
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
        None,
    )
    .unwrap();
    let mut config = Config::new(
        "https://s3.amazonaws.com".parse().unwrap(),
        "us-east-1",
        creds,
    );
    config.signature = signature;
    config.addressing = AddressingStyle::VirtualHost;
    config.expires = Expiry::from_secs(expires).unwrap();
    config
}

/// "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)", example
/// "GET object": examplebucket/test.txt, 2013-05-24T00:00:00Z, 86400 s.
#[test]
fn sigv4_query_example() {
    let config = config(SignatureVersion::V4, 86400);
    let time = presign::parse_time("2013-05-24T00:00:00Z").unwrap();
    let url = Presigner::new(&config, time)
        .unwrap()
        .presign(&Request::get(
            Target::parse("examplebucket/test.txt").unwrap(),
        ))
        .unwrap();
    assert_eq!(
        url,
        "https://examplebucket.s3.amazonaws.com/test.txt\
         ?X-Amz-Algorithm=AWS4-HMAC-SHA256\
         &X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request\
         &X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host\
         &X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
    );
}

/// "Signing and authenticating REST requests" (SigV2), "Query string request
/// authentication" example: johnsmith/photos/puppy.jpg, Expires=1175139620.
#[test]
fn sigv2_query_example() {
    let config = config(SignatureVersion::V2, 1);
    let time = presign::parse_time("2007-03-29T03:40:19Z").unwrap();
    let url = Presigner::new(&config, time)
        .unwrap()
        .presign(&Request::get(
            Target::parse("johnsmith/photos/puppy.jpg").unwrap(),
        ))
        .unwrap();
    assert_eq!(
        url,
        "https://johnsmith.s3.amazonaws.com/photos/puppy.jpg\
         ?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D\
         &Expires=1175139620"
    );
}
