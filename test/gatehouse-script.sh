#!/usr/bin/env bash
# Behaviours of ./gatehouse an operator relies on, run against the real script, Redis, app and nginx.
# Each stack lives in its own run directory on free ports, so nothing here touches .gatehouse/.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GH="$ROOT/gatehouse"
WORK=$(mktemp -d /tmp/gatehouse-script-test.XXXXXX)
chmod 0755 "$WORK"  # nginx workers (www-data) must reach the sockets below
failures=0
passes=0

pass() { passes=$((passes + 1)); printf 'ok   %s\n' "$1"; }
fail() { failures=$((failures + 1)); printf 'FAIL %s\n' "$1" >&2; [ -n "${2:-}" ] && printf '%s\n' "$2" | tail -n 20 | sed 's/^/     /' >&2; }
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# stack NAME: sets the environment of a stack in $WORK/NAME on fresh free ports
stack() {
  export GATEHOUSE_RUN_DIR="$WORK/$1" HTTPS_PORT=$(free_port) HTTP_PORT=$(free_port) APP_PORT=$(free_port)
  export REDIS_PORT=$(free_port) ANALYTICS_PORT=$(free_port)
  unset API_EXTRA_USERS GATEHOUSE_JAVA_HOME
}

cleanup() {
  for dir in "$WORK"/*/; do
    [ -d "$dir" ] && GATEHOUSE_RUN_DIR="$dir" "$GH" down >/dev/null 2>&1
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- usage --------------------------------------------------------------------------------------
out=$("$GH" help 2>&1)
check "usage shows the real defaults" grep -qE 'HTTPS_PORT +8443' <<<"$out"

# --- up, up again, and what runs ----------------------------------------------------------------
stack one
out=$("$GH" up 2>&1); rc=$?
if [ $rc -eq 0 ]; then pass "up starts the stack"; else fail "up starts the stack" "$out"; fi
check "up prints every port it opens" bash -c "grep -q 'HTTPS_PORT=$HTTPS_PORT' <<<\"\$0\" && grep -q 'REDIS_PORT=$REDIS_PORT' <<<\"\$0\" && grep -q 'ANALYTICS_PORT=$ANALYTICS_PORT' <<<\"\$0\"" "$out"
out=$("$GH" up 2>&1); rc=$?
check "up on a running stack prints the URLs again and exits 0" bash -c "[ $rc -eq 0 ] && grep -q 'https://localhost:$HTTPS_PORT/' <<<\"\$0\"" "$out"
check "Redis without the password answers NOAUTH" bash -c "redis-cli -p $REDIS_PORT ping 2>&1 | grep -q NOAUTH"
check "the Redis password file is private" bash -c "[ \"\$(stat -c %a $WORK/one/redis-password)\" = 600 ]"
ca="$WORK/one/tls/fullchain.pem"
check "the README's curl works against the self-signed stack" \
  bash -c "curl -sf --cacert '$ca' https://localhost:$HTTPS_PORT/api/ping | grep -q ok"
out=$("$GH" users 2>&1)
check "users lists accounts with roles and status" bash -c "grep -qE '^admin +admin +active' <<<\"\$0\"" "$out"
out=$("$GH" unban 203.0.113.9 2>&1); rc=$?
check "unban answers for an address" bash -c "[ $rc -eq 0 ] && grep -q 203.0.113.9 <<<\"\$0\"" "$out"

# --- your own locations survive and reload applies them ------------------------------------------
cat >"$WORK/one/nginx/locations.d/mine.conf" <<CONF
location /mine/ {
    set \$gatehouse_roles "admin";
    include snippets/gatehouse/auth-request.conf;
    alias $ROOT/deploy/nginx/www/open/;
}
CONF
out=$("$GH" reload 2>&1); rc=$?
# nginx swaps its workers over asynchronously after a reload: give it a few seconds.
for _ in $(seq 1 25); do
  code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$ca" -H 'Accept: application/json' "https://localhost:$HTTPS_PORT/mine/")
  [ "$code" = 401 ] && break
  sleep 0.2
done
check "reload applies locations.d, protected by the shipped snippet" bash -c "[ $rc -eq 0 ] && [ $code = 401 ]"

# --- a second checkout side by side ------------------------------------------------------------
first_https=$HTTPS_PORT
stack two
out=$("$GH" up 2>&1); rc=$?
check "a second stack runs beside the first on other ports" bash -c "[ $rc -eq 0 ] && curl -sf --cacert '$WORK/two/tls/fullchain.pem' https://localhost:$HTTPS_PORT/api/ping >/dev/null && curl -sf --cacert '$ca' https://localhost:$first_https/api/ping >/dev/null"
err=$("$GH" down 2>&1 >/dev/null); rc=$?
check "down prints no stray errors" bash -c "[ $rc -eq 0 ] && [ -z \"\$0\" ]" "$err"
GATEHOUSE_RUN_DIR="$WORK/one" "$GH" down >/dev/null 2>&1

# --- failing fast ---------------------------------------------------------------------------------
stack bad
export API_EXTRA_USERS="bob:short:mod"
start=$SECONDS
out=$("$GH" up 2>&1); rc=$?
took=$((SECONDS - start))
check "a bad API_EXTRA_USERS fails fast with the app's one-line reason" \
  bash -c "[ $rc -ne 0 ] && [ $took -lt 45 ] && grep -q 'API_EXTRA_USERS entry 1 (bob)' <<<\"\$0\" && ! grep -q 'short' <<<\"\$(grep 'API_EXTRA_USERS entry' <<<\"\$0\")\"" "$out"
check "a failed up stops what it started" bash -c "! redis-cli -p $REDIS_PORT ping >/dev/null 2>&1 || redis-cli -p $REDIS_PORT ping 2>&1 | grep -qv PONG; ! (exec 3<>/dev/tcp/127.0.0.1/$REDIS_PORT) 2>/dev/null"
unset API_EXTRA_USERS

stack busy
python3 -c 'import socket,sys,time; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("0.0.0.0", int(sys.argv[1]))); s.listen(); time.sleep(60)' "$HTTPS_PORT" &
holder=$!
sleep 0.5
out=$("$GH" up 2>&1); rc=$?
kill "$holder" 2>/dev/null
check "a port in use is named with its number" bash -c "[ $rc -ne 0 ] && grep -q '$HTTPS_PORT' <<<\"\$0\" && grep -qi 'in use' <<<\"\$0\"" "$out"

stack oldjdk
old=$(ls -d /usr/lib/jvm/java-17-openjdk-* 2>/dev/null | head -n 1)
if [ -n "$old" ]; then
  out=$(GATEHOUSE_JAVA_HOME="$old" "$GH" up 2>&1); rc=$?
  check "a JDK that is too old says JDK 25 required and how to install it" \
    bash -c "[ $rc -ne 0 ] && grep -q 'JDK 25 required' <<<\"\$0\" && grep -qi adoptium <<<\"\$0\"" "$out"
fi

printf '\n%d passed, %d failed\n' "$passes" "$failures"
[ "$failures" -eq 0 ]
