#!/usr/bin/env bash
# Kokoro-82M renders of the 450-word article (whole render, --no-cache) for a few settings of
# ONNX Runtime sessions (copies of the model, READCAST_ONNX_SESSIONS) x intra-op threads per
# session (READCAST_ONNX_THREADS) x jobs (--jobs, segments in flight): wall time and peak memory
# of each, to choose the defaults by. The same sweep for Piper is in 30-piper.
use_voices
bench_article "$BENCH_DIR/threads.txt"
onnx_sweep kokoro "$BENCH_DIR/threads.txt"
