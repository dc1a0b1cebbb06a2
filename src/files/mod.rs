//! The settings files, parsed from text the caller has read: presign's own profile file
//! (TOML) and the AWS shared files (`~/.aws/config`, `~/.aws/credentials`, as botocore's
//! configloader reads them). Nothing here opens a file: the binary locates and reads them.

pub(crate) mod aws;
pub(crate) mod profile;

pub use aws::{IniFile, IniSection};
pub use profile::{DurationValue, Profile, ProfileFile};
