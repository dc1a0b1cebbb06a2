//! Library benchmarks: `cargo bench`. The whole-process comparison with other signers is
//! benches/compare.sh.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use presign::{
    Config, Credentials, Param, PartNumber, Presigner, Request, SignatureVersion, SignedHeaders,
    Target,
};
use std::hint::black_box;

fn presigner(signature: SignatureVersion) -> Presigner {
    let creds = Credentials::new(
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
        None,
    )
    .unwrap();
    let mut config = Config::new("global".parse().unwrap(), "us-east-1", creds);
    config.signature = signature;
    Presigner::new(
        &config,
        presign::parse_time("2026-01-01T00:00:00Z").unwrap(),
    )
    .unwrap()
}

fn benches(c: &mut Criterion) {
    let target = Target::parse("my-bucket/photos/2026/IMG_0001.jpg").unwrap();
    let mut typed = SignedHeaders::new();
    typed.insert_str("content-type", "application/pdf").unwrap();
    let mut three = typed.clone();
    three
        .insert_str("content-md5", "1B2M2Y8AsgTpgAmY7PhCfg==")
        .unwrap();
    three.insert_str("x-amz-meta-owner", "ci").unwrap();
    let part = PartNumber::new(42).unwrap();

    let mut url = String::with_capacity(1024);
    let mut one = |c: &mut Criterion, name: &str, p: &Presigner, request: Request<'_>| {
        c.bench_function(name, |b| {
            b.iter(|| {
                url.clear();
                p.presign_into(black_box(&request), &mut url).unwrap();
                black_box(url.len())
            })
        });
    };
    let v4 = presigner(SignatureVersion::V4);
    let v2 = presigner(SignatureVersion::V2);
    one(c, "sigv4 get, one URL", &v4, Request::get(target));
    one(c, "sigv2 get, one URL", &v2, Request::get(target));
    one(
        c,
        "sigv4 put with content type",
        &v4,
        Request::put(target).headers(&typed),
    );
    one(
        c,
        "sigv4 put with three signed headers",
        &v4,
        Request::put(target).headers(&three),
    );
    one(
        c,
        "sigv2 put with three signed headers",
        &v2,
        Request::put(target).headers(&three),
    );
    one(
        c,
        "sigv4 upload part",
        &v4,
        Request::upload_part(
            target,
            "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRz",
            &part,
        )
        .unwrap(),
    );
    one(
        c,
        "sigv4 get with download-as",
        &v4,
        Request::get(target)
            .param(
                Param::ResponseContentDisposition,
                "attachment; filename=\"Q3 report.pdf\"",
            )
            .unwrap(),
    );

    // Reading a URL back and checking it (GET is tried first, and matches).
    let signed = v4.presign(&Request::get(target)).unwrap();
    let verifier = presign::verify::Verifier::new(
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
    );
    let now = presign::parse_time("2026-01-01T00:00:00Z").unwrap();
    c.bench_function("sigv4 inspect + verify, one URL", |b| {
        b.iter(|| {
            let url = presign::inspect::parse(black_box(&signed), None).unwrap();
            black_box(verifier.verify(&url, &[], now, false).is_valid())
        })
    });
    // What `verify -` does first: the quick way, straight from the URL's text.
    let quick = verifier.verify_common(&signed, &[], now);
    assert!(quick.is_some_and(|r| r.is_valid()), "not the quick way");
    c.bench_function("sigv4 verify_common, one URL", |b| {
        b.iter(|| {
            let report = verifier.verify_common(black_box(&signed), &[], now);
            black_box(report.is_some_and(|r| r.is_valid()))
        })
    });

    // 10,000 distinct keys through one presigner: the signing key is derived once.
    let keys: Vec<String> = (0..10_000)
        .map(|i| format!("my-bucket/photos/{i:05}.jpg"))
        .collect();
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(keys.len() as u64));
    group.bench_function("sigv4 10,000 URLs, shared key", |b| {
        let mut url = String::with_capacity(1024);
        b.iter(|| {
            for k in &keys {
                url.clear();
                let request = Request::get(Target::parse(k).unwrap());
                v4.presign_into(&request, &mut url).unwrap();
            }
            black_box(url.len())
        })
    });
    group.bench_function("sigv4 10,000 URLs, three signed headers", |b| {
        let mut url = String::with_capacity(1024);
        b.iter(|| {
            for k in &keys {
                url.clear();
                let request = Request::put(Target::parse(k).unwrap()).headers(&three);
                v4.presign_into(&request, &mut url).unwrap();
            }
            black_box(url.len())
        })
    });
    group.bench_function("sigv4 10,000 parts of one upload", |b| {
        let mut url = String::with_capacity(1024);
        b.iter(|| {
            for n in 1..=10_000 {
                url.clear();
                let part = PartNumber::new(n).unwrap();
                let request = Request::upload_part(target, "UPLOAD-ID", &part).unwrap();
                v4.presign_into(&request, &mut url).unwrap();
            }
            black_box(url.len())
        })
    });
    group.bench_function("sigv4 10,000 URLs, new presigner each", |b| {
        let mut url = String::with_capacity(1024);
        b.iter(|| {
            for k in &keys {
                url.clear();
                let p = presigner(SignatureVersion::V4);
                p.presign_into(&Request::get(Target::parse(k).unwrap()), &mut url)
                    .unwrap();
            }
            black_box(url.len())
        })
    });
    group.finish();
}

criterion_group!(presign_benches, benches);
criterion_main!(presign_benches);
