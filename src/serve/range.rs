//! The `Range` header: one byte range of a file (RFC 9110 §14). Several ranges in one request
//! are answered with the whole file, as the RFC allows; podcast apps ask for one.

/// A satisfiable range: the first and last byte, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteRange {
    pub first: u64,
    pub last: u64,
}

impl ByteRange {
    pub fn len(&self) -> u64 {
        self.last - self.first + 1
    }

    pub fn is_empty(&self) -> bool {
        false
    }
}

/// What a `Range` header asks of a file of `size` bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum RangeAsk {
    /// No usable range (absent, not bytes, several, or malformed): the whole file, 200.
    Whole,
    /// 206 with this part.
    Part(ByteRange),
    /// 416: the range lies outside the file.
    Unsatisfiable,
}

pub fn parse_range(header: Option<&str>, size: u64) -> RangeAsk {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else { return RangeAsk::Whole };
    if spec.contains(',') {
        return RangeAsk::Whole;
    }
    let Some((start, end)) = spec.trim().split_once('-') else { return RangeAsk::Whole };
    let (start, end) = (start.trim(), end.trim());
    let parsed = match (start.is_empty(), end.is_empty()) {
        // bytes=-N: the last N bytes.
        (true, false) => match end.parse::<u64>() {
            Ok(0) => return RangeAsk::Unsatisfiable,
            Ok(n) if size > 0 => Some((size.saturating_sub(n), size - 1)),
            Ok(_) => return RangeAsk::Unsatisfiable,
            Err(_) => None,
        },
        (false, true) => start.parse::<u64>().ok().map(|s| (s, size.saturating_sub(1))),
        (false, false) => match (start.parse::<u64>(), end.parse::<u64>()) {
            (Ok(s), Ok(e)) if s <= e => Some((s, e.min(size.saturating_sub(1)))),
            _ => None,
        },
        (true, true) => None,
    };
    match parsed {
        None => RangeAsk::Whole,
        Some((first, _)) if first >= size => RangeAsk::Unsatisfiable,
        Some((first, last)) => RangeAsk::Part(ByteRange { first, last }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(first: u64, last: u64) -> RangeAsk {
        RangeAsk::Part(ByteRange { first, last })
    }

    #[test]
    fn ranges_of_a_hundred_bytes() {
        assert_eq!(parse_range(None, 100), RangeAsk::Whole);
        assert_eq!(parse_range(Some("bytes=0-9"), 100), part(0, 9));
        assert_eq!(parse_range(Some("bytes=90-"), 100), part(90, 99));
        assert_eq!(parse_range(Some("bytes=-10"), 100), part(90, 99));
        assert_eq!(parse_range(Some("bytes=-500"), 100), part(0, 99));
        assert_eq!(parse_range(Some("bytes=50-500"), 100), part(50, 99));
        assert_eq!(parse_range(Some("bytes=100-"), 100), RangeAsk::Unsatisfiable);
        assert_eq!(parse_range(Some("bytes=-0"), 100), RangeAsk::Unsatisfiable);
        assert_eq!(parse_range(Some("bytes=0-1,5-6"), 100), RangeAsk::Whole);
        assert_eq!(parse_range(Some("bytes=9-1"), 100), RangeAsk::Whole);
        assert_eq!(parse_range(Some("items=0-1"), 100), RangeAsk::Whole);
        assert_eq!(parse_range(Some("bytes=0-0"), 0), RangeAsk::Unsatisfiable);
    }
}
