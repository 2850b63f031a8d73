//! Fetching a page named by an `http://` or `https://` URL.
//!
//! A small blocking client (ureq with rustls) is enough: one page per input, no cookies, no
//! scripts. Every fetch is bounded: one time-out covers connecting, redirects and the body; at
//! most [`MAX_REDIRECTS`] redirects are followed; the body may not exceed the size limit; and the
//! content type must be one a reader takes, so an image or a PDF is refused with a clear line.

use super::charset::content_type_charset;
use super::kind::from_content_type;
use super::options::MAX_REDIRECTS;
use super::{DocumentKind, IngestError, ReadOptions};

/// A fetched page: its bytes, the kind its content type names and the charset it names, if any.
#[derive(Debug)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    pub kind: DocumentKind,
    /// The `charset` parameter of the `Content-Type`, as written (decode.rs resolves it).
    pub charset: Option<String>,
}

/// Whether a command-line input names a URL rather than a file.
pub fn is_url(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

pub fn fetch(url: &str, options: &ReadOptions) -> Result<Fetched, IngestError> {
    let fail = |reason: String| IngestError::Fetch { url: url.to_string(), reason };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.fetch_timeout))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(concat!("readcast/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent
        .get(url)
        .header("Accept", "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8")
        .call()
        .map_err(|e| fail(describe(&e, options)))?;

    let status = response.status();
    if status.is_redirection() {
        return Err(fail(format!("more than {MAX_REDIRECTS} redirects")));
    }
    if !status.is_success() {
        return Err(IngestError::HttpStatus { url: url.to_string(), status: status.as_u16() });
    }
    let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let kind = from_content_type(&content_type).ok_or_else(|| IngestError::ContentType {
        url: url.to_string(),
        content_type: if content_type.is_empty() { "none given".into() } else { content_type.clone() },
    })?;
    let bytes =
        response.body_mut().with_config().limit(options.fetch_limit_bytes).read_to_vec().map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => IngestError::TooLarge {
                name: url.to_string(),
                limit_mb: options.fetch_limit_bytes.div_ceil(1024 * 1024),
            },
            other => fail(describe(&other, options)),
        })?;
    Ok(Fetched { bytes, kind, charset: content_type_charset(&content_type) })
}

/// One short reason for a failed fetch.
fn describe(error: &ureq::Error, options: &ReadOptions) -> String {
    match error {
        ureq::Error::Timeout(_) => format!("no complete answer within {} s", options.fetch_timeout.as_secs()),
        ureq::Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://example.org/a"));
        assert!(is_url("HTTP://example.org"));
        assert!(!is_url("http.txt"));
        assert!(!is_url("notes/https-guide.md"));
    }
}
