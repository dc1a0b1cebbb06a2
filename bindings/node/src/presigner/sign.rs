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
/// keys' length.
const PER_CHUNK: usize = 32_768;

/// URLs one after the other, and the end of each.
type Chunk = (String, Vec<u32>);

/// GET URLs for the keys `joined` holds, one after the other, `lengths` UTF-16 code units
/// each, in order: chunks of at most [`PER_CHUNK`] URLs, each one string with the end of
/// every URL in it (URLs are ASCII: a byte is a code unit). A large batch is split across
/// the machine's cores.
pub(super) fn sign_many(
    presigner: &presign::Presigner,
    bucket: &str,
    joined: &[u16],
    lengths: &[u32],
    signed: &Signed,
) -> Result<Vec<Chunk>> {
    // Where each key starts in `joined`.
    let mut starts = Vec::with_capacity(lengths.len() + 1);
    let mut at = 0usize;
    starts.push(0);
    for &n in lengths {
        at += n as usize;
        starts.push(at);
    }
    let chunk = |first: usize, count: usize| -> Result<Chunk> {
        let mut text = String::with_capacity(count * (bucket.len() + 240));
        let mut ends = Vec::with_capacity(count);
        for i in first..first + count {
            let key = String::from_utf16_lossy(&joined[starts[i]..starts[i + 1]]);
            let target = Target::new(bucket, &key).map_err(|e| match e {
                presign::Error::InvalidKey { .. } => error(&format!("keys[{i}]"), e),
                e => library(e),
            })?;
            sign_into(presigner, &Op::Get, target, signed, &mut text)?;
            ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        }
        Ok((text, ends))
    };
    let pieces: Vec<(usize, usize)> = (0..lengths.len())
        .step_by(PER_CHUNK)
        .map(|first| (first, PER_CHUNK.min(lengths.len() - first)))
        .collect();
    // Below this, starting threads costs more than it saves.
    const PER_THREAD: usize = 16_384;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(lengths.len().div_ceil(PER_THREAD))
        .max(1);
    if threads == 1 {
        return pieces.iter().map(|&(f, n)| chunk(f, n)).collect();
    }
    let per_thread = pieces.len().div_ceil(threads);
    let done: Vec<Vec<Result<Chunk>>> = std::thread::scope(|scope| {
        let chunk = &chunk;
        let handles: Vec<_> = pieces
            .chunks(per_thread)
            .map(|mine| scope.spawn(move || mine.iter().map(|&(f, n)| chunk(f, n)).collect()))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    done.into_iter().flatten().collect()
}
