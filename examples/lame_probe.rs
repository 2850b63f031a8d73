use mp3lame_encoder::{Builder, FlushGap, MonoPcm, Bitrate, Quality};
fn main() {
    for &n in &[1usize, 575, 576, 577, 1000, 1152, 1727, 1728, 1729, 2304, 44100, 100000] {
        for tag in [true, false] {
        let mut b = Builder::new().unwrap();
        b.set_num_channels(1).unwrap();
        b.set_sample_rate(44100).unwrap();
        b.set_brate(Bitrate::Kbps96).unwrap();
        b.set_quality(Quality::Good).unwrap();
        b.set_to_write_vbr_tag(tag).unwrap();
        let mut e = b.build().unwrap();
        let pcm: Vec<f32> = (0..n).map(|i| 0.3 * (i as f32 * 0.1).sin()).collect();
        let mut out = Vec::new();
        out.reserve(mp3lame_encoder::max_required_buffer_size(n));
        e.encode_to_vec(MonoPcm(pcm.as_slice()), &mut out).unwrap();
        out.reserve(7200);
        e.flush_to_vec::<FlushGap>(&mut out).unwrap();
        // count frames
        let mut i = 0; let mut frames = 0; let mut sizes = vec![];
        while i + 4 <= out.len() {
            let h = &out[i..i+4];
            if h[0] != 0xFF || h[1] & 0xE0 != 0xE0 { println!("bad sync at {i}"); break; }
            let pad = ((h[2] >> 1) & 1) as usize;
            let size = 144 * 96000 / 44100 + pad;
            sizes.push(size); frames += 1; i += size;
        }
        let mut t = Vec::with_capacity(4096);
        e.lame_tag_encode_to_vec(&mut t);
        println!("n={n} tag={tag} bytes={} frames={frames} frames*1152-576-n={} lametag_len={}", out.len(), frames as i64*1152-576-n as i64, t.len());
        if tag && n == 44100 {
            let s = String::from_utf8_lossy(&t);
            println!("Info at {:?} LAME at {:?}", s.find("Info"), s.find("LAME"));
            println!("{:02x?}", &t[..200.min(t.len())]);
            println!("first frame of stream {:02x?}", &out[..48]);
        }
        }
    }
}
