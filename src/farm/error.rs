//! The farm's errors: reaching the server, the queue and the stores, and jobs that failed.
//!
//! What the user can fix before anything runs (no server at the URL, JetStream off, refused
//! credentials, an unreadable credentials file) is a usage error, exit 2; the rest exit 1.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum FarmError {
    #[error("cannot reach a NATS server at {url}")]
    Unreachable {
        url: String,
        #[source]
        source: async_nats::ConnectError,
    },
    #[error("the NATS server at {url} refused the credentials")]
    Refused {
        url: String,
        #[source]
        source: async_nats::ConnectError,
    },
    #[error("the NATS server at {url} has no JetStream (start it with `nats-server -js`)")]
    NoJetStream { url: String },
    #[error("cannot read the NATS credentials file {path}")]
    Credentials {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no NATS server given: pass --nats URL or set [cluster] nats in readcast.toml")]
    NoUrl,
    #[error("invalid setting: {0}")]
    BadSetting(String),
    #[error("cannot start the farm's network runtime")]
    Runtime(#[source] std::io::Error),
    /// A request to the server failed: what was being done, and the client's error.
    #[error("{what}")]
    Request {
        what: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("{object} in the farm is damaged (its SHA-256 does not match)")]
    Corrupt { object: String },
    #[error("job {id} is not a readcast job: {reason}")]
    BadJob { id: String, reason: String },
    #[error("{failed} of {total} jobs failed")]
    JobsFailed { failed: usize, total: usize },
}

impl FarmError {
    /// A failed request, with what readcast was doing at the time.
    pub fn request<E>(what: impl Into<String>) -> impl FnOnce(E) -> FarmError
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        let what = what.into();
        move |source| FarmError::Request { what, source: Box::new(source) }
    }

    /// A failed request whose error the client gives boxed (acknowledgements).
    pub fn boxed(what: impl Into<String>) -> impl FnOnce(async_nats::Error) -> FarmError {
        let what = what.into();
        move |source| FarmError::Request { what, source }
    }

    /// Exit 2 for what the user must fix in the settings, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            FarmError::Unreachable { .. }
            | FarmError::Refused { .. }
            | FarmError::NoJetStream { .. }
            | FarmError::Credentials { .. }
            | FarmError::NoUrl
            | FarmError::BadSetting(_) => 2,
            _ => 1,
        }
    }
}
