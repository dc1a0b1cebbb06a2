//! The kind of request a URL is for. A leaf: commands build it, output reads it, and it
//! uses nothing of the CLI's own.

use presign::Method;

/// What kind of request: decides the method and how the client uses the URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Get,
    Head,
    Put,
    Delete,
    Create,
    Part,
    Complete,
    Abort,
    List,
    Copy,
    PartCopy,
}

impl Kind {
    pub fn method(self) -> Method {
        match self {
            Kind::Get | Kind::List => Method::GET,
            Kind::Head => Method::HEAD,
            Kind::Put | Kind::Part | Kind::Copy | Kind::PartCopy => Method::PUT,
            Kind::Delete | Kind::Abort => Method::DELETE,
            Kind::Create | Kind::Complete => Method::POST,
        }
    }

    /// A PUT or POST that carries no body (a copy, a part copy, creating an upload), for
    /// which a client must still send `Content-Length: 0`: servers that follow S3's rule
    /// answer 411 Length Required without it (Ceph's radosgw does for a part copy).
    pub fn has_empty_body(self) -> bool {
        matches!(self, Kind::Create | Kind::Copy | Kind::PartCopy)
    }
}
