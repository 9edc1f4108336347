# Shared by the replay benchmarks: JDK 25, the build, an output dir, a host to measure against.
# Sourced after option parsing; uses BUILD (1: build when sources changed), sets JAVA, JAR (the product jar),
# CP (the product and the benchmark programs, io.acqsim.bench, in acqsim-bench.jar beside it), OUT.
find_java_home() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
    echo "$JAVA_HOME"; return
  fi
  "$HOME_DIR/bin/find-jdk25"
}
export JAVA_HOME="$(find_java_home)"
JAVA="$JAVA_HOME/bin/java"
BUILD_DIR="${ACQSIM_BUILD_DIR:-$HOME_DIR/target}"
if [ "${BUILD:-1}" = 1 ]; then
  newest_src=$(find "$HOME_DIR/src/main" "$HOME_DIR/src/bench" "$HOME_DIR/pom.xml" -type f -newer "$BUILD_DIR/acqsim-bench.jar" 2>/dev/null | head -1 || true)
  if [ ! -f "$BUILD_DIR/acqsim.jar" ] || [ ! -f "$BUILD_DIR/acqsim-bench.jar" ] || [ -n "$newest_src" ]; then
    echo "building into $BUILD_DIR ..."
    (cd "$HOME_DIR" && mvn -q -B -Dacqsim.build.dir="$BUILD_DIR" -DskipTests package)
  fi
fi
JAR="$BUILD_DIR/acqsim.jar"
CP="$JAR:$BUILD_DIR/acqsim-bench.jar"
OUT="${BENCH_OUT:-$(mktemp -d /tmp/acqsim-bench-XXXXXX)}"
mkdir -p "$OUT"

machine_line() {
  echo "machine: $(nproc) cpu, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GB; $("$JAVA" -version 2>&1 | head -1)"
  echo "load before: $(uptime | sed 's/.*load average/load average/'); output: $OUT"
}

median() { sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }

SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  SERVER_PID=""
}
trap stop_server EXIT

# start_host LOG DATA: an acqsim host (io.acqsim.bench.HostMain) on a free iso87a port; sets SERVER_PID and PORT
start_host() {
  local log="$1" data="$2"
  rm -rf "$data"; mkdir -p "$data"
  "$JAVA" ${SERVER_JAVA_OPTS:--Xms1g -Xmx1g} -cp "$CP" io.acqsim.bench.HostMain --home "$HOME_DIR" --data "$data" --port 0 >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    if grep -q '^ready ' "$log"; then PORT=$(grep -m1 '^ready ' "$log" | awk '{print $2}'); return 0; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "host exited; see $log" >&2; cat "$log" >&2; exit 1; fi
    sleep 0.1
  done
  echo "host did not start within 60 s; see $log" >&2; exit 1
}
