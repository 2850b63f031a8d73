//! Fetching a source: a conditional GET for a URL, a bounded read for a file.
//!
//! The bounds are the ones `render` uses for pages ([`ReadOptions`]: one time-out for the whole
//! fetch, a size limit, at most five redirects). A source remembers the `ETag` and
//! `Last-Modified` its server sent; the next sync sends them back, and a `304 Not Modified`
//! means the source is read no further.

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::FollowError;
use crate::ingest::ReadOptions;

/// What a server said about its copy, to ask next time whether it changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// A source's bytes and what they are said to be.
#[derive(Debug)]
pub struct Body {
    pub bytes: Vec<u8>,
    /// The `Content-Type` (for a file: guessed from its extension; empty when unknown).
    pub content_type: String,
    pub validators: Validators,
    /// Whether the bytes came from a local file (an export file) rather than a server.
    pub local: bool,
}

#[derive(Debug)]
pub enum Fetched {
    NotModified,
    Body(Body),
}

/// Fetch `location` (a URL or a file path); `known` are the validators of the last fetch.
pub fn fetch_source(location: &str, known: Option<&Validators>, options: &ReadOptions) -> Result<Fetched, FollowError> {
    if super::is_remote(location) {
        fetch_url(location, known, options)
    } else {
        read_file(Path::new(location), options).map(Fetched::Body)
    }
}

const ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, \
                      application/xml;q=0.9, text/xml;q=0.9, text/x-opml;q=0.9, text/csv;q=0.8, text/plain;q=0.8, \
                      text/html;q=0.5";

fn fetch_url(url: &str, known: Option<&Validators>, options: &ReadOptions) -> Result<Fetched, FollowError> {
    let fail = |reason: String| FollowError::Fetch { source_name: url.to_string(), reason };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.fetch_timeout))
        .max_redirects(crate::ingest::MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(concat!("readcast/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut request = agent.get(url).header("Accept", ACCEPT);
    if let Some(etag) = known.and_then(|k| k.etag.as_deref()) {
        request = request.header("If-None-Match", etag);
    }
    if let Some(modified) = known.and_then(|k| k.last_modified.as_deref()) {
        request = request.header("If-Modified-Since", modified);
    }
    let mut response = request.call().map_err(|e| fail(describe(&e, options)))?;
    let status = response.status();
    if status.as_u16() == 304 {
        return Ok(Fetched::NotModified);
    }
    if status.is_redirection() {
        return Err(fail(format!("more than {} redirects", crate::ingest::MAX_REDIRECTS)));
    }
    if !status.is_success() {
        return Err(FollowError::HttpStatus { source_name: url.to_string(), status: status.as_u16() });
    }
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let content_type = header("content-type").unwrap_or_default();
    let validators = Validators { etag: header("etag"), last_modified: header("last-modified") };
    let limit = options.fetch_limit_bytes;
    let bytes = response.body_mut().with_config().limit(limit).read_to_vec().map_err(|e| match e {
        ureq::Error::BodyExceedsLimit(_) => {
            FollowError::TooLarge { source_name: url.to_string(), limit_mb: limit.div_ceil(1024 * 1024) }
        }
        other => fail(describe(&other, options)),
    })?;
    Ok(Fetched::Body(Body { bytes, content_type, validators, local: false }))
}

fn describe(error: &ureq::Error, options: &ReadOptions) -> String {
    match error {
        ureq::Error::Timeout(_) => format!("no complete answer within {} s", options.fetch_timeout.as_secs()),
        ureq::Error::TooManyRedirects => format!("more than {} redirects", crate::ingest::MAX_REDIRECTS),
        other => other.to_string(),
    }
}

/// A local source (an OPML file, a reading list, an export) read up to the fetch size limit.
fn read_file(path: &Path, options: &ReadOptions) -> Result<Body, FollowError> {
    let read_err = |source| FollowError::Read { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let limit = options.fetch_limit_bytes;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(read_err)?;
    if bytes.len() as u64 > limit {
        return Err(FollowError::TooLarge {
            source_name: path.display().to_string(),
            limit_mb: limit.div_ceil(1024 * 1024),
        });
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let content_type = match extension.as_str() {
        "html" | "htm" => "text/html",
        "csv" => "text/csv",
        "json" => "application/json",
        "opml" => "text/x-opml",
        "xml" | "rss" | "atom" => "application/xml",
        "txt" => "text/plain",
        _ => "",
    };
    Ok(Body { bytes, content_type: content_type.to_string(), validators: Validators::default(), local: true })
}
