//! Signing for [`NativePresigner`]'s methods: the library's presigner kept per signing
//! second, and an [`Op`] with the headers and parameters it signs turned into a URL, one
//! at a time or a batch across threads.

use super::{NativePresigner, Op};
use crate::error::{Result, error, library};
use crate::js::{Given, text};
use crate::options::{Bounds, Signed, header_option, option_error};
use chrono::{DateTime, Utc};
use napi::bindgen_prelude::Unknown;
use presign::{Expiry, Request, Target};
use std::sync::Arc;

impl NativePresigner {
    /// The library's presigner for `at` and `expires`, made once per signing second.
    pub(super) fn at(&self, at: DateTime<Utc>, expires: Expiry) -> Result<Arc<presign::Presigner>> {
        let second = at.timestamp();
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((s, e, p)) = &*last
            && *s == second
            && *e == expires.as_secs()
        {
            return Ok(Arc::clone(p));
        }
        let mut config = self.config.clone();
        config.expires = expires;
        let presigner = Arc::new(presign::Presigner::new(&config, at).map_err(library)?);
        *last = Some((second, expires.as_secs(), Arc::clone(&presigner)));
        Ok(presigner)
    }

    /// The call's `expires`, else the presigner's own (an hour, or what `fromEnv` read).
    pub(super) fn expiry(&self, given: &Given<'_>) -> Result<Expiry> {
        match given.get("expires") {
            Some(v) => crate::js::expiry(Some(v)),
            None => Ok(self.config.expires),
        }
    }

    /// Signs `op` on `bucket`/`key` (no key: the bucket's request) with `signed` and the
    /// options of the library's table among `given`.
    pub(super) fn sign(
        &self,
        op: Op,
        (bucket, key): (&Unknown<'_>, Option<&Unknown<'_>>),
        mut signed: Signed,
        given: &Given<'_>,
    ) -> Result<String> {
        let bucket = text("bucket", bucket)?;
        let key = key.map(|k| text("key", k)).transpose()?;
        let at = crate::js::time("at", given.get("at"))?;
        let bounds = Bounds::read(given)?;
        let target = match &key {
            None => Target::bucket_only(&bucket),
            Some(key) => Target::new(&bucket, key),
        }
        .map_err(library)?;
        if matches!(op, Op::Copy) {
            let names = signed.headers.iter().map(|(n, _)| n.as_str());
            let warning = bounds
                .options()
                .copy_to_itself_warning(&target, names)
                .map_err(option_error)?;
            if let Some(warning) = warning {
                self.warn(warning.to_string());
            }
        }
        bounds.add_to(&mut signed.headers, at, self.config.signature)?;
        let presigner = self.at(at, self.expiry(given)?)?;
        let mut url = String::with_capacity(512);
        sign_into(&presigner, &op, target, &signed, &mut url)?;
        Ok(url)
    }
}

/// Appends the URL of `op` on `target` to `out`.
fn sign_into(
    presigner: &presign::Presigner,
    op: &Op,
    target: Target<'_>,
    signed: &Signed,
    out: &mut String,
) -> Result<()> {
    let upload = |e| error("uploadId", e);
    let request = match op {
        Op::Get => Request::get(target),
        Op::Head => Request::head(target),
        Op::Put => Request::put(target),
        Op::Delete => Request::delete(target),
        Op::Create => Request::create_multipart_upload(target),
        Op::Part(id, part) => Request::upload_part(target, id, part).map_err(upload)?,
        Op::Complete(id) => Request::complete_multipart_upload(target, id).map_err(upload)?,
        Op::Abort(id) => Request::abort_multipart_upload(target, id).map_err(upload)?,
        Op::List => Request::list_objects_v2(target),
        Op::Copy => Request::copy_object(target),
        Op::PartCopy(id, part) => Request::upload_part_copy(target, id, part).map_err(upload)?,
    };
    let mut request = request.headers(&signed.headers);
    for (param, value) in &signed.params {
        request = request.param(*param, value).map_err(library)?;
    }
    presigner.presign_into(&request, out).map_err(|e| match &e {
        // Named after the option that set the header, as the CLI names its flag.
        presign::Error::UnsignableWithSigV2 { header } => error(&header_option(header), e),
        _ => library(e),
    })
}

/// The most URLs in one string handed back: far below V8's longest string, whatever the
/// keys' length, and enough chunks in a large batch for the threads to share.
const PER_CHUNK: usize = 16_384;

/// Below this many keys, a second thread costs more than it saves.
const PER_THREAD: usize = 16_384;

/// How many chunks `sign_many` makes of `keys` keys.
pub(super) fn chunks(keys: usize) -> usize {
    keys.div_ceil(PER_CHUNK)
}

/// A chunk's URLs one after the other, and the end of each.
type Chunk = (String, Vec<u32>);

/// GET URLs for the keys `joined` holds, one after the other, `lengths` UTF-16 code units
/// each, in order. They are made in chunks of at most [`PER_CHUNK`] URLs, and `emit` gets
/// each chunk's index, its URLs as one string (URLs are ASCII: a byte is a code unit) and
/// the end of every URL in it, on the calling thread, in any order.
///
/// A large batch is signed on every core, and the calling thread hands finished chunks to
/// `emit` between chunks of its own: turning hundreds of megabytes into JavaScript strings
/// takes about half as long as signing them, and it then overlaps the signing instead of
/// following it. A chunk's buffer, once emitted, is used again for a later one.
///
/// The error returned is that of the first bad key, whichever thread found it first.
pub(super) fn sign_many(
    presigner: &presign::Presigner,
    bucket: &str,
    joined: &[u16],
    lengths: &[u32],
    signed: &Signed,
    mut emit: impl FnMut(usize, &str, Vec<u32>) -> Result<()>,
) -> Result<()> {
    // Where each key starts in `joined`.
    let mut starts = Vec::with_capacity(lengths.len() + 1);
    let mut at = 0usize;
    starts.push(0);
    for &n in lengths {
        at += n as usize;
        starts.push(at);
    }
    let n = lengths.len();
    let chunks = chunks(n);
    let sign_chunk = |c: usize, text: &mut String| -> Result<Vec<u32>> {
        let (first, last) = (c * PER_CHUNK, n.min((c + 1) * PER_CHUNK));
        text.clear();
        let mut ends = Vec::with_capacity(last - first);
        // Buffers for every key of the chunk, not an allocation per key: the bytes of an
        // ASCII key (most are: its code units are its bytes), the text of any other.
        let (mut ascii, mut other) = (Vec::new(), String::new());
        for i in first..last {
            let units = &joined[starts[i]..starts[i + 1]];
            let key = if units.iter().all(|&u| u < 0x80) {
                ascii.clear();
                ascii.extend(units.iter().map(|&u| u as u8));
                std::str::from_utf8(&ascii).unwrap_or_default()
            } else {
                other.clear();
                other.extend(
                    char::decode_utf16(units.iter().copied()).map(|c| c.unwrap_or('\u{FFFD}')),
                );
                other.as_str()
            };
            let target = Target::new(bucket, key).map_err(|e| match e {
                presign::Error::InvalidKey { .. } => error(&format!("keys[{i}]"), e),
                e => library(e),
            })?;
            sign_into(presigner, &Op::Get, target, signed, text)?;
            if i == first {
                // The first URL tells what the rest take: its length less its key, plus
                // room for every key's bytes encoded. Room reserved and never written
                // is never given memory, so the estimate errs high.
                let fixed = text.len().saturating_sub(units.len());
                text.reserve(fixed * (last - first) + 3 * (starts[last] - starts[first]));
            }
            ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        }
        Ok(ends)
    };

    let threads = std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .min(n.div_ceil(PER_THREAD))
        .max(1);
    if threads == 1 {
        let mut text = String::new();
        for c in 0..chunks {
            let ends = sign_chunk(c, &mut text)?;
            emit(c, &text, ends)?;
        }
        return Ok(());
    }

    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Mutex, mpsc};
    // The next chunk to sign, and the first chunk that failed (none: usize::MAX). Chunks
    // are taken in order, so every chunk before a failed one is signed and its error,
    // if any, found.
    let next = AtomicUsize::new(0);
    let failed = AtomicUsize::new(usize::MAX);
    let spare: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut first_error: Option<(usize, crate::error::Fail)> = None;
    let mut take = |c: usize, done: Result<(String, Vec<u32>)>| match done {
        Ok((text, ends)) => {
            if first_error.as_ref().is_none_or(|(f, _)| c < *f)
                && let Err(e) = emit(c, &text, ends)
            {
                failed.fetch_min(c, Ordering::Relaxed);
                first_error = Some((c, e));
            }
            spare.lock().unwrap_or_else(|p| p.into_inner()).push(text);
        }
        // `sign_one` has already marked the chunk failed, so no later one is claimed.
        Err(e) => {
            if first_error.as_ref().is_none_or(|(f, _)| c < *f) {
                first_error = Some((c, e));
            }
        }
    };
    let claim = || {
        let c = next.fetch_add(1, Ordering::Relaxed);
        (c < chunks && c < failed.load(Ordering::Relaxed)).then_some(c)
    };
    let sign_one = |c: usize| -> (usize, Result<Chunk>) {
        let taken = spare.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let mut text = taken.unwrap_or_default();
        let done = sign_chunk(c, &mut text).map(|ends| (text, ends));
        if done.is_err() {
            failed.fetch_min(c, Ordering::Relaxed);
        }
        (c, done)
    };
    std::thread::scope(|scope| {
        let (sender, finished) = mpsc::channel::<(usize, Result<Chunk>)>();
        for _ in 1..threads {
            let sender = sender.clone();
            let (claim, sign_one) = (&claim, &sign_one);
            scope.spawn(move || {
                while let Some(c) = claim() {
                    if sender.send(sign_one(c)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        loop {
            // Hand over what the other threads finished, then sign a chunk here.
            while let Ok((c, done)) = finished.try_recv() {
                take(c, done);
            }
            match claim() {
                Some(c) => {
                    let (c, done) = sign_one(c);
                    take(c, done);
                }
                None => break,
            }
        }
        // Nothing left to claim: the chunks still being signed elsewhere. The channel
        // closes when every other thread has stopped (a panic included: the scope then
        // passes it on).
        for (c, done) in finished {
            take(c, done);
        }
    });
    match first_error {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}
