//! Presigning from Rust: one `Presigner` per run, as many URLs as you like.
//!
//! Run with: `cargo run --example library`

#![allow(clippy::print_stdout)] // printing the URLs is the point of the example

use presign::{AddressingStyle, Config, Credentials, Expiry, Method, Presigner, Request, Target};

fn main() -> Result<(), presign::Error> {
    // AWS's documentation example keys: they sign fine, offline.
    let credentials = Credentials::new(
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
        None,
    )?;
    let mut config = Config::new("eu1".parse()?, "us-east-1", credentials);
    config.expires = "15m".parse::<Expiry>()?;
    config.addressing = AddressingStyle::Path;

    // The library never reads the clock: the caller decides the signing time.
    let now = chrono::Utc::now();
    let presigner = Presigner::new(&config, now)?;

    let upload = Request {
        method: Method::Put,
        target: Target::parse("my-bucket/reports/2026 q3.pdf")?,
        content_type: Some("application/pdf"),
    };
    println!("PUT {}", presigner.presign(&upload)?);

    // For many URLs, reuse one buffer.
    let mut url = String::new();
    for key in ["a.jpg", "b.jpg", "c.jpg"] {
        url.clear();
        let target = Target::new("my-bucket", key)?;
        presigner.presign_into(&Request::new(Method::Get, target), &mut url)?;
        println!("GET {url}");
    }
    Ok(())
}
