#!/usr/bin/env bash
# A virtual sound card for headless machines and CI (no /dev/snd): a private PulseAudio daemon
# with one null sink. Whatever is played into the sink can be recorded from its monitor:
#   playback  -> sink   "$VA_SINK"          (default "interviewer_sink")
#   recording <- source "$VA_SINK.monitor"
# PortAudio (sounddevice) reaches it through ALSA's pulse plugin (libasound2-plugins), which
# becomes ALSA's 'default' device while PULSE_SERVER points at the daemon.
#
# Usage:
#   eval "$(scripts/virtual-audio.sh start)"   # start (or reuse) the daemon; prints export lines
#   scripts/virtual-audio.sh status            # exit 0 if it answers, with its sink/source
#   scripts/virtual-audio.sh stop              # stop the daemon started from this run dir
#   scripts/virtual-audio.sh env               # print the export lines only
# Environment: VA_RUNDIR (default /tmp/interviewer-audio-$UID), VA_SINK, VA_LOG.
# Works as root (CI containers): pulseaudio warns that it is not meant for root; harmless.
# Caveat: full-duplex sd.Stream/sd.playrec over the ALSA->pulse plugin records silence;
# use a separate sd.InputStream and sd.OutputStream.
set -euo pipefail

RUNDIR="${VA_RUNDIR:-/tmp/interviewer-audio-$(id -u)}"
SINK="${VA_SINK:-interviewer_sink}"
LOG="${VA_LOG:-$RUNDIR/pulse.log}"
PIDFILE="$RUNDIR/pulse/pid"
SOCK="$RUNDIR/pulse/native"

log() { echo "[virtual-audio] $*" >&2; }

env_lines() {
  echo "export XDG_RUNTIME_DIR='$RUNDIR'"
  echo "export PULSE_SERVER='unix:$SOCK'"
  echo "export PULSE_SINK='$SINK'"
  echo "export PULSE_SOURCE='$SINK.monitor'"
}

pa() { XDG_RUNTIME_DIR="$RUNDIR" PULSE_SERVER="unix:$SOCK" "$@"; }

running() { [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && pa pactl info >/dev/null 2>&1; }

start() {
  for tool in pulseaudio pactl; do
    command -v "$tool" >/dev/null || {
      log "$tool is not installed: apt-get install pulseaudio pulseaudio-utils libasound2-plugins"
      exit 1
    }
  done
  mkdir -p "$RUNDIR"
  chmod 700 "$RUNDIR"
  if running; then
    log "already running (pid $(cat "$PIDFILE"))"
    env_lines
    return
  fi
  rm -f "$PIDFILE" "$SOCK"   # stale files from a daemon that died
  # -n: no default.pa (no dbus/udev/hardware modules); never exit when idle; no shm (containers).
  pa pulseaudio -D -n \
    --exit-idle-time=-1 --disallow-exit --disable-shm=true \
    --log-target="file:$LOG" --log-level=notice \
    --load="module-native-protocol-unix auth-anonymous=1 socket=$SOCK" \
    --load="module-null-sink sink_name=$SINK sink_properties=device.description=InterviewerVirtualSink" \
    2>>"$LOG" || { log "pulseaudio failed to start; see $LOG"; tail -n 5 "$LOG" >&2 || true; exit 1; }
  for _ in $(seq 100); do   # wait up to 10 s for the socket to answer
    pa pactl info >/dev/null 2>&1 && break
    sleep 0.1
  done
  pa pactl info >/dev/null 2>&1 || { log "pulseaudio did not answer on $SOCK; see $LOG"; exit 1; }
  pa pactl set-default-sink "$SINK"
  pa pactl set-default-source "$SINK.monitor"
  log "pulseaudio pid $(cat "$PIDFILE" 2>/dev/null || echo '?'), sink=$SINK source=$SINK.monitor"
  env_lines
}

stop() {
  if [[ -f "$PIDFILE" ]]; then
    pid="$(cat "$PIDFILE")"
    if kill -0 "$pid" 2>/dev/null; then
      log "stopping pid $pid"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$PIDFILE"
  else
    log "not running"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  env) env_lines ;;
  status)
    if running; then
      pa pactl info | grep -E '^(Server Name|Default Sink|Default Source)' >&2
      exit 0
    fi
    log "not running"
    exit 1
    ;;
  *) echo "usage: $0 start|status|stop|env" >&2; exit 2 ;;
esac
