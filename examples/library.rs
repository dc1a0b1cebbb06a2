//! Presigning from Rust: one `Presigner` per run, as many URLs as you like.
//!
//! Run with: `cargo run --example library`

#![allow(clippy::print_stdout)] // printing the URLs is the point of the example

use presign::{
    AddressingStyle, Config, Credentials, Expiry, Param, PartNumber, Presigner, Request,
    SignedHeaders, Target,
};

fn main() -> Result<(), presign::Error> {
    // AWS's documentation example keys: they sign fine, offline.
    let credentials = Credentials::new(
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
        None,
    )?;
    let mut config = Config::new("storj:eu1".parse()?, "us-east-1", credentials);
    config.expires = "15m".parse::<Expiry>()?;
    config.addressing = AddressingStyle::Path;

    // The library never reads the clock: the caller decides the signing time.
    let now = chrono::Utc::now();
    let presigner = Presigner::new(&config, now)?;

    // An upload that must send exactly this Content-Type and metadata (they are signed).
    let mut headers = SignedHeaders::new();
    headers.insert_str("content-type", "application/pdf")?;
    headers.insert_str("x-amz-meta-owner", "finance")?;
    let upload = Request::put(Target::parse("my-bucket/reports/2026 q3.pdf")?).headers(&headers);
    println!("PUT {}", presigner.presign(&upload)?);

    // A download that the browser saves under another name.
    let name = presign::request::attachment("Q3 report.pdf")?;
    let download = Request::get(Target::parse("my-bucket/a1b2c3")?)
        .param(Param::ResponseContentDisposition, &name)?;
    println!("GET {}", presigner.presign(&download)?);

    // One part of a multipart upload.
    let part = PartNumber::new(1)?;
    let upload_part = Request::upload_part(Target::parse("my-bucket/big.iso")?, "ID", &part)?;
    println!("PUT {}", presigner.presign(&upload_part)?);

    // For many URLs, reuse one buffer.
    let mut url = String::new();
    for key in ["a.jpg", "b.jpg", "c.jpg"] {
        url.clear();
        let target = Target::new("my-bucket", key)?;
        presigner.presign_into(&Request::get(target), &mut url)?;
        println!("GET {url}");
    }
    Ok(())
}
