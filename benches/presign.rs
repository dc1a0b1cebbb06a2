//! Library benchmarks: `cargo bench`. The whole-process comparison with other signers is
//! benches/compare.sh.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use presign::{Config, Credentials, Method, Presigner, Request, SignatureVersion, Target};
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
    one(
        c,
        "sigv4 get, one URL",
        &v4,
        Request::new(Method::Get, target),
    );
    one(
        c,
        "sigv2 get, one URL",
        &v2,
        Request::new(Method::Get, target),
    );
    let put = Request {
        method: Method::Put,
        target,
        content_type: Some("application/pdf"),
    };
    one(c, "sigv4 put with content type", &v4, put);

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
                let request = Request::new(Method::Get, Target::parse(k).unwrap());
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
                p.presign_into(
                    &Request::new(Method::Get, Target::parse(k).unwrap()),
                    &mut url,
                )
                .unwrap();
            }
            black_box(url.len())
        })
    });
    group.finish();
}

criterion_group!(presign_benches, benches);
criterion_main!(presign_benches);
