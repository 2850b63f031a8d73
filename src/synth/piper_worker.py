"""readcast's Piper worker: load one voice model once, then speak segment after segment.

Started by readcast (src/synth/piper.rs) as
    python -u -c <this file> MODEL CONFIG THREADS RATE_WPM
It answers on standard output, one JSON object a line:
    {"ready": true, "sample_rate": N}                     once the model is loaded
and then, for each request line {"text": "...", "wav": "/path/out.wav"} on standard input,
    {"ok": true, "frames": N}  or  {"error": "..."}
Anything the libraries print goes to standard error, so the answer channel stays clean.
The process ends when standard input closes.
"""

import json
import os
import sys
import wave


def main():
    model, config_path, threads, rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1, encoding="utf-8")
    sys.stdout = sys.stderr

    def answer(obj):
        answers.write(json.dumps(obj) + "\n")
        answers.flush()

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
    answer({"ready": True, "sample_rate": config.sample_rate})

    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            frames = 0
            with wave.open(request["wav"], "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(config.sample_rate)
                for chunk in voice.synthesize(request["text"], synthesis):
                    data = chunk.audio_int16_bytes
                    out.writeframes(data)
                    frames += len(data) // 2
            answer({"ok": True, "frames": frames})
        except Exception as error:  # one bad segment must not end the worker
            answer({"error": f"{type(error).__name__}: {error}"})


main()
