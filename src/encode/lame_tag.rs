//! The Xing/LAME info frame of a joined MP3 stream.
//!
//! Players read the first frame's "Info" tag for the number of frames and bytes (so they show
//! the right duration and seek by the table of contents) and its LAME extension for the encoder
//! delay and the padding (so they cut them and the duration is exact to the sample). When parts
//! of an episode are encoded separately and joined, the first part's encoder only knew its own
//! part; this module rewrites those fields for the whole stream and recomputes the tag's CRC.

/// Samples per MPEG-1 Layer III frame.
pub const SAMPLES_PER_FRAME: u64 = 1152;

#[derive(Debug, thiserror::Error)]
#[error("the MP3 info frame is not as LAME writes it: {0}")]
pub struct TagError(&'static str);

/// The CRC LAME uses for the tag and the music: CRC-16/ARC (polynomial 0x8005, reflected,
/// initial value 0, no final XOR).
pub const CRC16: crc::Crc<u16> = crc::Crc::<u16>::new(&crc::CRC_16_ARC);

/// The fields of the info frame that depend on the whole stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamTotals {
    /// Audio frames, not counting the info frame.
    pub audio_frames: u32,
    /// Bytes of the MP3 stream from the info frame on.
    pub stream_bytes: u32,
    /// Encoder delay at the start, in samples.
    pub delay: u16,
    /// Padding at the end, in samples.
    pub padding: u16,
    /// CRC-16 of the audio frames.
    pub music_crc: u16,
}

/// Rewrite `frame` (a LAME info frame) for `totals`.
pub fn patch_info_frame(frame: &mut [u8], totals: &StreamTotals) -> Result<(), TagError> {
    let info = find(frame, b"Info").or_else(|| find(frame, b"Xing")).ok_or(TagError("no Info tag"))?;
    let flags = read_u32(frame, info + 4).ok_or(TagError("too short"))?;
    if flags & 0x0F != 0x0F {
        return Err(TagError("frames, bytes, TOC or quality missing"));
    }
    let lame = info + 8 + 4 + 4 + 100 + 4;
    if frame.get(lame..lame + 4) != Some(b"LAME".as_slice()) {
        return Err(TagError("no LAME extension"));
    }
    if frame.len() < lame + 36 || totals.delay > 0xFFF || totals.padding > 0xFFF {
        return Err(TagError("too short, or delay/padding beyond 12 bits"));
    }
    frame[info + 8..info + 12].copy_from_slice(&totals.audio_frames.to_be_bytes());
    frame[info + 12..info + 16].copy_from_slice(&totals.stream_bytes.to_be_bytes());
    // A constant bitrate stream is linear in time: entry i is the byte position of i% of the
    // duration, as a fraction of 256 of the file.
    for i in 0..100 {
        frame[info + 16 + i] = (i * 256 / 100) as u8;
    }
    let dp = ((totals.delay as u32) << 12) | totals.padding as u32;
    frame[lame + 21..lame + 24].copy_from_slice(&dp.to_be_bytes()[1..]);
    frame[lame + 28..lame + 32].copy_from_slice(&totals.stream_bytes.to_be_bytes());
    frame[lame + 32..lame + 34].copy_from_slice(&totals.music_crc.to_be_bytes());
    let tag_crc = CRC16.checksum(&frame[..lame + 34]);
    frame[lame + 34..lame + 36].copy_from_slice(&tag_crc.to_be_bytes());
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The length in bytes of the MPEG-1 Layer III frame whose header starts `bytes`, or `None`
/// when it is not one.
pub fn frame_len(bytes: &[u8]) -> Option<usize> {
    let h = bytes.get(..4)?;
    // Sync (11 bits), MPEG-1 (11), Layer III (01).
    if h[0] != 0xFF || h[1] & 0xFE != 0xFA {
        return None;
    }
    const KBPS: [u32; 16] = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0];
    const RATES: [u32; 4] = [44_100, 48_000, 32_000, 0];
    let kbps = KBPS[(h[2] >> 4) as usize];
    let rate = RATES[((h[2] >> 2) & 3) as usize];
    if kbps == 0 || rate == 0 {
        return None;
    }
    let padding = ((h[2] >> 1) & 1) as u32;
    Some((144_000 * kbps / rate + padding) as usize)
}

/// Counts the frames of a stream that arrives in pieces (LAME hands out whole frames, but this
/// does not rely on it).
#[derive(Debug, Default)]
pub struct FrameCounter {
    frames: u64,
    /// Bytes of the current frame still to come.
    remaining: usize,
    header: Vec<u8>,
    valid: bool,
}

impl FrameCounter {
    pub fn new() -> Self {
        FrameCounter { valid: true, ..Default::default() }
    }

    pub fn feed(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() && self.valid {
            if self.remaining > 0 {
                let n = self.remaining.min(bytes.len());
                self.remaining -= n;
                bytes = &bytes[n..];
                continue;
            }
            let need = 4 - self.header.len();
            let n = need.min(bytes.len());
            self.header.extend_from_slice(&bytes[..n]);
            bytes = &bytes[n..];
            if self.header.len() == 4 {
                match frame_len(&self.header) {
                    Some(len) => {
                        self.frames += 1;
                        self.remaining = len - 4;
                    }
                    None => self.valid = false,
                }
                self.header.clear();
            }
        }
    }

    /// The number of whole frames, or `None` if the bytes were not a clean frame sequence.
    pub fn frames(&self) -> Option<u64> {
        (self.valid && self.remaining == 0 && self.header.is_empty()).then_some(self.frames)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_reference_and_continues() {
        // CRC-16/ARC check value, in one piece and in two.
        assert_eq!(CRC16.checksum(b"123456789"), 0xBB3D);
        let mut digest = CRC16.digest();
        digest.update(b"1234");
        digest.update(b"56789");
        assert_eq!(digest.finalize(), 0xBB3D);
    }

    #[test]
    fn frame_lengths_at_96_kbps() {
        assert_eq!(frame_len(&[0xFF, 0xFB, 0x70, 0xC4]), Some(313));
        assert_eq!(frame_len(&[0xFF, 0xFB, 0x72, 0xC4]), Some(314));
        assert_eq!(frame_len(&[0x49, 0x44, 0x33, 0x04]), None);
        let mut counter = FrameCounter::new();
        let mut stream = vec![0u8; 313 + 314];
        stream[..4].copy_from_slice(&[0xFF, 0xFB, 0x70, 0xC4]);
        stream[313..317].copy_from_slice(&[0xFF, 0xFB, 0x72, 0xC4]);
        for piece in stream.chunks(100) {
            counter.feed(piece);
        }
        assert_eq!(counter.frames(), Some(2));
        counter.feed(&[0xFF]);
        assert_eq!(counter.frames(), None);
    }
}
