#!/usr/bin/env bash
# The canhbao test command: on a fresh Debian machine it installs the Debian packages the tests
# start as real peers (Mosquitto and its command-line clients, InfluxDB, libcoap's CoAP tools) and a
# Maven for the ./mvnw bootstrap when missing,
# then runs every unit, harness and integration test of every module.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || missing+=(mosquitto-clients)
command -v influxd >/dev/null 2>&1 || missing+=(influxdb)
command -v coap-client-notls >/dev/null 2>&1 || missing+=(libcoap3-bin)
if [ ! -x "${MAVEN_USER_HOME:-$HOME/.m2}/wrapper/apache-maven-3.9.16/bin/mvn" ] && ! command -v mvn >/dev/null 2>&1; then
  missing+=(maven)
fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "test.sh: installing Debian packages: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  # The Debian packages start their own services; the tests start their own instances on free ports.
  $SUDO systemctl disable --now influxdb >/dev/null 2>&1 || true
fi

exec ./mvnw -B verify "$@"
