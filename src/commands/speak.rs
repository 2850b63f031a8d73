//! `readcast speak INPUT` (cargo feature `speak`): read the cleaned script aloud through the
//! operating system's live speech (Speech Dispatcher on Linux, AVFoundation on macOS, WinRT on
//! Windows) for a quick listen, printing each sentence as it is read.
//!
//! The `tts` crate can only speak to the speakers, never to a file, which is why rendering uses
//! the engine backends instead. Each sentence is spoken and waited for before the next is shown;
//! where the platform cannot tell when speech ends, the wait is estimated from the word count.

use std::time::{Duration, Instant};

use crate::cli::{Cli, SpeakArgs};
use crate::error::Error;
use crate::ingest::InputSource;
use crate::pipeline::prepare;
use crate::segment::VoiceSettings;
use crate::synth::SynthError;

fn speech_error(e: tts::Error) -> Error {
    SynthError::LiveSpeech { reason: e.to_string() }.into()
}

pub fn run(cli: &Cli, args: &SpeakArgs) -> Result<(), Error> {
    let mut config = crate::cli::base_config(cli)?;
    args.text.apply(&mut config)?;
    if let Some(rate) = args.rate {
        config.rate = rate;
    }
    config.validate()?;
    let voice = VoiceSettings { backend: "speak".into(), voice: "system".into(), rate: config.rate };
    let plan = crate::casting::VoicePlan::narrator_only(&config, voice);
    let prepared = prepare(&InputSource::parse(&args.input), &config, &plan)?;

    let mut speech = tts::Tts::default().map_err(speech_error)?;
    let features = speech.supported_features();
    if features.rate {
        // The platform's rate scale is its own; scale its normal rate by ours against 175 wpm.
        let wanted = speech.normal_rate() * config.rate as f32 / 175.0;
        let _ = speech.set_rate(wanted.clamp(speech.min_rate(), speech.max_rate()));
    }
    let total = prepared.segments.len();
    for (i, segment) in prepared.segments.iter().enumerate() {
        println!("[{}/{}] {}", i + 1, total, segment.text);
        speech.speak(segment.spoken.as_str(), false).map_err(speech_error)?;
        let words = segment.spoken.split_whitespace().count() as u64;
        let estimate = Duration::from_millis(words * 60_000 / u64::from(config.rate.max(1)) + 300);
        if features.is_speaking {
            // Wait for the end, but not forever: a speech service without a working audio
            // output may never finish, and that deserves an error rather than a hang.
            let limit = (estimate * 3 + Duration::from_secs(5)).min(config.segment_timeout);
            let started = Instant::now();
            std::thread::sleep(Duration::from_millis(100));
            while speech.is_speaking().map_err(speech_error)? {
                if started.elapsed() > limit {
                    let _ = speech.stop();
                    return Err(SynthError::LiveSpeech {
                        reason: format!(
                            "sentence {} was still being spoken after {} s; is there a working audio output?",
                            i + 1,
                            limit.as_secs()
                        ),
                    }
                    .into());
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        } else {
            std::thread::sleep(estimate);
        }
        std::thread::sleep(Duration::from_millis(segment.pause_after_ms.0.min(2_000)));
    }
    Ok(())
}
