#!/usr/bin/env bash
# Set up everything the app and its tests need, idempotently:
#   system packages (espeak-ng for speech, PortAudio, PulseAudio for the virtual test device),
#   a virtual environment in .venv with the CPU build of torch, then this package.
# Usage: bash scripts/setup.sh            (then: .venv/bin/interviewer)
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(espeak-ng libportaudio2 libsndfile1 pulseaudio pulseaudio-utils
              libasound2-plugins alsa-utils librsvg2-bin tmux)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "[setup] installing system packages: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# torch first, pinned: any unpinned resolution pulls the CUDA build (several GB).
.venv/bin/pip install -q "torch==2.13.0"
.venv/bin/pip install -q -e ".[dev]"
echo "[setup] done: run .venv/bin/interviewer" >&2
