#!/usr/bin/env bash
# Anzen's two commands, for a fresh machine that has a JDK 21 or newer:
#   deploy/anzen.sh run [--wipe] [--servers-only] [--no-build]   the whole suite on 127.0.0.1 (Ctrl-C stops it)
#   deploy/anzen.sh test                                         every test, on real PostgreSQL, Kafka and Keycloak
#   deploy/anzen.sh tools                                        the Debian tools the tests use (LibreOffice), as test does
#   deploy/anzen.sh load [name=value ...]                        the load tool: figures, baselines, ratios (load-report/)
#   deploy/anzen.sh vendor-client <client-id> <vendor-id>        registers a vendor system's client in the running realm
# Maven (through ./mvnw), the Kafka broker, PostgreSQL binaries and Keycloak are fetched by the build itself;
# LibreOffice (the workbook tests re-save a form with it) comes from Debian's packages.
set -euo pipefail
cd "$(dirname "$0")/.."

java_version() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}'
}

# The code targets Java 21. Use JAVA_HOME when it is new enough, else the newest JDK 21+ under /usr/lib/jvm.
pick_jdk() {
  local candidate best="" best_version=0 v
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    v=$(java_version "$candidate" | cut -d. -f1)
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if [ "$candidate" = "${JAVA_HOME:-}" ] && [ "$v" -ge 21 ]; then best=$candidate; break; fi
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_version" ]; then best=$candidate; best_version=$v; fi
  done
  if [ -z "$best" ]; then
    echo "Anzen needs a JDK 21 or newer (set JAVA_HOME, or install one under /usr/lib/jvm)." >&2
    exit 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
}

# The workbook tests re-save a filled form with the real LibreOffice Calc, as a user would.
ensure_tools() {
  if command -v soffice >/dev/null 2>&1; then return; fi
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "LibreOffice (soffice) is needed by the workbook tests; install it with your package manager." >&2
    exit 1
  fi
  echo "Installing Debian's libreoffice-calc-nogui (about a minute) ..."
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libreoffice-calc-nogui >/dev/null \
    || { $sudo apt-get update -q >/dev/null && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
         --no-install-recommends libreoffice-calc-nogui >/dev/null; }
}

command=${1:-}
[ $# -gt 0 ] && shift
pick_jdk
case "$command" in
  run)
    build=1
    args=()
    for arg in "$@"; do
      if [ "$arg" = "--no-build" ]; then build=0; else args+=("$arg"); fi
    done
    if [ "$build" = 1 ]; then
      ./mvnw -B -ntp -q install -DskipTests
    fi
    exec java -jar deploy/stack/target/anzen-stack.jar "${args[@]}"
    ;;
  test)
    ensure_tools
    exec ./mvnw -B -ntp verify "$@"
    ;;
  tools)
    ensure_tools
    ;;
  load)
    ./mvnw -B -ntp -q install -DskipTests
    exec java -cp deploy/stack/target/anzen-stack.jar jp.anzen.stack.load.LoadTool "$@"
    ;;
  vendor-client)
    [ -f deploy/stack/target/anzen-stack.jar ] || ./mvnw -B -ntp -q install -DskipTests
    exec java -cp deploy/stack/target/anzen-stack.jar jp.anzen.stack.VendorClient "$@"
    ;;
  *)
    echo "usage: deploy/anzen.sh run [--wipe] [--servers-only] [--no-build] | test | tools | load [name=value ...] | vendor-client <client-id> <vendor-id>" >&2
    exit 2
    ;;
esac
