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
}
