//! Once a `Presigner` exists, signing into a reused buffer allocates nothing: the
//! canonical request is streamed into the hash, digests live on the stack. A counting
//! global allocator proves it for SigV4 and SigV2, with and without a content type.

// Implementing `GlobalAlloc` needs `unsafe`; this test binary is the only place that does.
#![allow(unsafe_code)]

use presign::{
    AddressingStyle, Config, Credentials, Param, PartNumber, Presigner, Request, SignatureVersion,
    SignedHeaders, Target,
};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    /// Allocations made by this thread only: the test harness's own threads may allocate
    /// at any time, and must not make the count flaky.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // `try_with`: a thread being torn down has no counter left, and must not panic.
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above, i.e. from the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn signing_a_batch_allocates_nothing_per_url() {
    let keys: Vec<String> = (0..1000)
        .map(|i| format!("my-bucket/dir {i}/ünï+%{i}.jpg"))
        .collect();
    let creds = Credentials::new("AK", "secret".into(), Some("token".into())).unwrap();
    let time = presign::parse_time("2026-01-01T00:00:00Z").unwrap();
    for signature in [SignatureVersion::V4, SignatureVersion::V2] {
        for addressing in [AddressingStyle::Path, AddressingStyle::VirtualHost] {
            let mut config = Config::new(
                "http://localhost:9000".parse().unwrap(),
                "us-east-1",
                creds.clone(),
            );
            config.signature = signature;
            config.addressing = addressing;
            let presigner = Presigner::new(&config, time).unwrap();
            let mut url = String::with_capacity(4096);
            let part = PartNumber::new(7).unwrap();
            let mut typed = SignedHeaders::new();
            typed.insert_str("content-type", "text/plain").unwrap();
            let mut three = typed.clone();
            three.insert_str("x-amz-meta-owner", "ci").unwrap();
            three.insert_str("x-amz-acl", "private").unwrap();
            // Issue 17's shapes: a pinned length, create-only and metadata in the query
            // (SigV4 only), a copy source; a listing's parameters (SigV4 only).
            let mut bounded = SignedHeaders::new();
            bounded.insert_str("content-length", "1024").unwrap();
            bounded.insert_str("if-none-match", "*").unwrap();
            bounded.insert_str("x-amz-meta-a", "b").unwrap();
            bounded
                .insert_str("x-amz-request-payer", "requester")
                .unwrap();
            bounded.move_to_query();
            let mut copy = SignedHeaders::new();
            copy.insert_str("x-amz-copy-source", "src/a%20b").unwrap();
            let v4 = signature == SignatureVersion::V4;
            let before = allocations();
            for (i, key) in keys.iter().enumerate() {
                let target = Target::parse(key).unwrap();
                // Every operation's shape: none, one or three signed headers, params.
                let request = match i % 9 {
                    6 if v4 => Request::put(target).headers(&bounded),
                    7 if v4 => Request::list_objects_v2(Target::bucket_only("my-bucket").unwrap())
                        .param(Param::Prefix, target.key())
                        .unwrap()
                        .param(Param::Delimiter, "/")
                        .unwrap()
                        .param(Param::EncodingType, "url")
                        .unwrap(),
                    8 => Request::copy_object(target).headers(&copy),
                    0 => Request::get(target),
                    1 => Request::put(target).headers(&typed),
                    2 => Request::put(target).headers(&three),
                    3 => Request::upload_part(target, "UPLOAD ID/+=", &part).unwrap(),
                    4 => Request::create_multipart_upload(target).headers(&typed),
                    _ => Request::head(target)
                        .param(Param::VersionId, "v1")
                        .unwrap()
                        .param(Param::ResponseContentDisposition, "attachment")
                        .unwrap(),
                };
                url.clear();
                presigner.presign_into(&request, &mut url).unwrap();
            }
            let allocated = allocations() - before;
            assert_eq!(
                allocated, 0,
                "{signature} {addressing:?}: {allocated} allocations for 1000 URLs"
            );
            assert!(url.starts_with("http://"));
        }
    }
}

/// AWS's "auto" addressing decides per URL from the bucket name: that decision allocates
/// nothing either, for names that go in the host and names that stay in the path.
#[test]
fn auto_addressing_allocates_nothing_per_url() {
    let targets: Vec<String> = (0..999)
        .map(|i| match i % 3 {
            0 => format!("my-bucket/k{i}"),
            1 => format!("logs.2026/k{i}"),
            _ => format!("Legacy_Bucket/k{i}"),
        })
        .collect();
    let creds = Credentials::new("AK", "secret".into(), None).unwrap();
    let endpoint = presign::endpoint::aws_endpoint("eu-west-1", Default::default()).unwrap();
    let mut config = Config::new(endpoint, "eu-west-1", creds);
    config.auto_addressing = true;
    let time = presign::parse_time("2026-01-01T00:00:00Z").unwrap();
    let presigner = Presigner::new(&config, time).unwrap();
    let mut url = String::with_capacity(4096);
    let before = allocations();
    for target in &targets {
        url.clear();
        presigner
            .presign_into(&Request::get(Target::parse(target).unwrap()), &mut url)
            .unwrap();
    }
    assert_eq!(allocations() - before, 0, "allocations for 999 URLs");
    assert!(
        url.starts_with("https://s3.eu-west-1.amazonaws.com/Legacy_Bucket/"),
        "{url}"
    );
}
