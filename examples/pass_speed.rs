use readcast::audio::PcmSink;
use readcast::encode::pass::{self, PassSettings};
use readcast::encode::plan::plan_parts;
use readcast::master::Spool;
use readcast::time::SampleRate;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let reader = hound::WavReader::open(&args[1]).unwrap();
    let samples: Vec<f32> = reader.into_samples::<i16>().map(|s| s.unwrap() as f32 / 32768.0).collect();
    let mut silences = Vec::new();
    let mut run = 0usize;
    for (i, &s) in samples.iter().enumerate() {
        if s == 0.0 { run += 1 } else { if run > 11025 { silences.push(((i - run) as u64, i as u64)); } run = 0; }
    }
    let dir = tempfile::tempdir().unwrap();
    let rate = SampleRate(44_100);
    let mut spool = Spool::create(dir.path(), rate).unwrap();
    spool.write(&samples).unwrap();
    let spool = spool.finish().unwrap();
    for threads in [args[2].parse::<usize>().unwrap()] {
        let parts = plan_parts(spool.frames().0, &silences, threads);
        let settings = PassSettings { rate, gain_db: 5.0, ceiling_dbtp: -1.5, mp3_kbps: Some(96) };
        let t = std::time::Instant::now();
        let out = pass::run(&spool, &parts, &settings, None, dir.path()).unwrap();
        let joined = pass::join_mp3(&dir.path().join("x.mp3"), &[], &parts, out.mp3_parts).unwrap();
        drop(joined);
        println!("{} parts: {:.2} s for {:.0} s of audio", parts.len(), t.elapsed().as_secs_f64(), samples.len() as f64 / 44100.0);
    }
}
