"""readcast's Piper worker: load one voice model once, then speak segment after segment.

Started by readcast (src/synth/piper_worker.rs) as
    python -u -c <this file> MODEL CONFIG THREADS RATE_WPM
Once the model is loaded it writes one JSON line on standard output:
    {"ready": true, "sample_rate": N}
Then, for each request line {"text": "..."} on standard input, it answers with one binary frame
(read by src/synth/pcm_frame.rs; all numbers little-endian):
    b"RCPM", u8 status, u32 body length, body
    status 0: u32 sample rate, u16 channels, u32 frames, then the samples as i16
    status 1: an error message in UTF-8
The answers go to a private copy of the original standard output; file descriptor 1 itself is
pointed at standard error, so nothing a library prints (from Python or from C) can land inside
a frame. The process ends when standard input closes.
"""

import json
import os
import struct
import sys

MAGIC = b"RCPM"
AUDIO, FAILED = 0, 1
# Keep error messages well inside readcast's limit for them.
MESSAGE_LIMIT = 4000


def main():
    model, config_path, threads, rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def send(status, *parts):
        answers.write(MAGIC + struct.pack("<BI", status, sum(len(p) for p in parts)))
        for part in parts:
            answers.write(part)
        answers.flush()

    import numpy
    import onnxruntime
    from piper import PiperVoice, SynthesisConfig
    from piper.config import PiperConfig

    with open(config_path, "r", encoding="utf-8") as f:
        config = PiperConfig.from_dict(json.load(f))
    options = onnxruntime.SessionOptions()
    # readcast runs several workers side by side; each gets its share of the cores.
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])
    voice = PiperVoice(session=session, config=config)
    # 175 words a minute is readcast's default and the voice's own pace.
    synthesis = SynthesisConfig(length_scale=config.length_scale * 175.0 / rate)
    answers.write((json.dumps({"ready": True, "sample_rate": config.sample_rate}) + "\n").encode("utf-8"))
    answers.flush()

    for line in sys.stdin:
        if not line.strip():
            continue
        # Speak the whole segment first: an error while speaking becomes an error frame, while
        # an error while sending (readcast has gone) ends the worker.
        try:
            text = json.loads(line)["text"]
            sample_rate, channels, pieces = config.sample_rate, 1, []
            for chunk in voice.synthesize(text, synthesis):
                if pieces and (chunk.sample_rate, chunk.sample_channels) != (sample_rate, channels):
                    raise ValueError("the voice changed its sample rate or channels inside a segment")
                sample_rate, channels = chunk.sample_rate, chunk.sample_channels
                # Little-endian whatever the machine, as the frame says.
                pieces.append(numpy.asarray(chunk.audio_int16_array, dtype="<i2").tobytes())
            pcm = b"".join(pieces)
        except Exception as error:  # one bad segment must not end the worker
            send(FAILED, f"{type(error).__name__}: {error}"[:MESSAGE_LIMIT].encode("utf-8", "replace"))
            continue
        frames = len(pcm) // (2 * channels)
        send(AUDIO, struct.pack("<IHI", sample_rate, channels, frames), pcm)


main()
