//! Reading one request head from a connection, bounded in size, parsed by `httparse`.

use std::io::BufRead;

/// A request head larger than this is refused (431): a podcast app's is well under 2 KB.
const MAX_HEAD_BYTES: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;

/// What the server needs of a request.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The request target as sent (percent-encoded, perhaps with a query).
    pub target: String,
    pub range: Option<String>,
    pub if_none_match: Option<String>,
    pub if_modified_since: Option<String>,
    /// Whether the client asked to close after this answer (or speaks HTTP/1.0).
    pub close: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The connection ended (or went silent) before a request: nothing to answer.
    Closed,
    TooLarge,
    Malformed,
}

/// Read the next request head from `reader`.
pub fn read_request(reader: &mut impl BufRead) -> Result<Request, ReadError> {
    let mut head = Vec::new();
    loop {
        let before = head.len();
        let read =
            std::io::Read::take(&mut *reader, (MAX_HEAD_BYTES + 1 - head.len()) as u64).read_until(b'\n', &mut head);
        match read {
            Ok(0) | Err(_) => return Err(ReadError::Closed),
            Ok(_) => {}
        }
        if head.len() > MAX_HEAD_BYTES {
            return Err(ReadError::TooLarge);
        }
        // A blank line ends the head (blank lines before a request are allowed and skipped).
        let line = &head[before..];
        if line == b"\r\n" || line == b"\n" {
            if before == 0 {
                head.clear();
                continue;
            }
            break;
        }
    }
    parse(&head)
}

fn parse(head: &[u8]) -> Result<Request, ReadError> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    match request.parse(head) {
        Ok(httparse::Status::Complete(_)) => {}
        Err(httparse::Error::TooManyHeaders) => return Err(ReadError::TooLarge),
        _ => return Err(ReadError::Malformed),
    }
    let header = |name: &str| {
        request
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .and_then(|h| std::str::from_utf8(h.value).ok())
            .map(|v| v.trim().to_string())
    };
    let connection = header("connection").unwrap_or_default().to_ascii_lowercase();
    Ok(Request {
        method: request.method.unwrap_or_default().to_string(),
        target: request.path.unwrap_or("/").to_string(),
        range: header("range"),
        if_none_match: header("if-none-match"),
        if_modified_since: header("if-modified-since"),
        close: connection.contains("close") || request.version == Some(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_read_one_at_a_time_and_bounded() {
        let text = b"GET /a%20b.mp3 HTTP/1.1\r\nHost: x\r\nRange: bytes=0-9\r\n\r\nHEAD / HTTP/1.0\r\n\r\n";
        let mut reader = std::io::BufReader::new(&text[..]);
        let first = read_request(&mut reader).unwrap();
        assert_eq!(
            (first.method.as_str(), first.target.as_str(), first.range.as_deref()),
            ("GET", "/a%20b.mp3", Some("bytes=0-9"))
        );
        assert!(!first.close);
        let second = read_request(&mut reader).unwrap();
        assert_eq!(second.method, "HEAD");
        assert!(second.close);
        assert_eq!(read_request(&mut reader), Err(ReadError::Closed));
        let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD_BYTES));
        assert_eq!(read_request(&mut std::io::BufReader::new(huge.as_bytes())), Err(ReadError::TooLarge));
        assert_eq!(read_request(&mut std::io::BufReader::new(&b"NOT HTTP\r\n\r\n"[..])), Err(ReadError::Malformed));
    }
}
