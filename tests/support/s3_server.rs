//! A real S3 server on 127.0.0.1 for the end-to-end tests: s3s-fs, in-process.
//!
//! s3s-fs stores objects under a folder (a bucket is a sub-folder) and verifies SigV4 and
//! SigV2 presigned query signatures for one access key. Each `S3Server` has its own
//! ephemeral port, its own temporary root and its own thread running the accept loop;
//! dropping it stops the loop and joins the thread.

use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use s3s::auth::SimpleAuth;
use s3s::host::SingleDomain;
use s3s::service::S3ServiceBuilder;
use std::path::PathBuf;
use tempfile::TempDir;
use tokio::sync::oneshot;

pub const ACCESS_KEY: &str = "AKIAE2ETESTEXAMPLE";
pub const SECRET_KEY: &str = "e2e/Secret+Key=ForTheLocalServer0123456";

pub struct S3Server {
    pub port: u16,
    root: TempDir,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl S3Server {
    /// Starts a server with the given buckets. Panics (failing the test) if it cannot.
    pub fn start(buckets: &[&str]) -> Self {
        let root = tempfile::tempdir().expect("temporary root for the S3 server");
        for b in buckets {
            std::fs::create_dir(root.path().join(b)).expect("bucket folder");
        }
        // Bound here, before the thread starts: connections queue until it accepts.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let port = listener.local_addr().unwrap().port();
        let fs = s3s_fs::FileSystem::new(root.path()).expect("s3s-fs over the root folder");
        let (stop, mut stopped) = oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("tokio runtime");
            rt.block_on(async move {
                let mut builder = S3ServiceBuilder::new(fs);
                builder.set_auth(SimpleAuth::from_single(ACCESS_KEY, SECRET_KEY));
                // `localhost:PORT` is path style; `BUCKET.localhost:PORT` is virtual host.
                builder.set_host(SingleDomain::new(&format!("localhost:{port}")).unwrap());
                let service = builder.build();
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                let http = ConnBuilder::new(TokioExecutor::new());
                loop {
                    tokio::select! {
                        accepted = listener.accept() => {
                            let Ok((socket, _)) = accepted else { continue };
                            let conn = http
                                .serve_connection(TokioIo::new(socket), service.clone())
                                .into_owned();
                            tokio::spawn(async move {
                                let _ = conn.await;
                            });
                        }
                        _ = &mut stopped => break,
                    }
                }
            });
        });
        S3Server {
            port,
            root,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// The endpoint to pass to `presign --endpoint`.
    pub fn endpoint(&self) -> String {
        format!("http://localhost:{}", self.port)
    }

    /// Where s3s-fs keeps an object's bytes.
    pub fn object_path(&self, bucket: &str, key: &str) -> PathBuf {
        self.root.path().join(bucket).join(key)
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
