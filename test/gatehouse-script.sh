#!/usr/bin/env bash
# Behaviours of ./gatehouse an operator relies on, run against the real script, Redis, the mail
# catcher, app and nginx. Each stack lives in its own run directory on free ports, so nothing here
# touches .gatehouse/.
#
#   test/gatehouse-script.sh            every group of tests
#   test/gatehouse-script.sh NAME...    only these groups (usage, stacks, failing_fast, mail_catcher, own_smtp,
#                                       instances, sign_in_settings)
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
# Two free ports in a row: instance N of several takes MANAGEMENT_PORT + N-1.
free_port_pair() { local p; while p=$(free_port); do python3 -c "import socket; socket.socket().bind(('127.0.0.1', $p + 1))" 2>/dev/null && { echo "$p"; return; }; done; }

# stack NAME: sets the environment of a stack in $WORK/NAME on fresh free ports
stack() {
  export GATEHOUSE_RUN_DIR="$WORK/$1" HTTPS_PORT=$(free_port) HTTP_PORT=$(free_port) APP_PORT=$(free_port)
  export REDIS_PORT=$(free_port) ANALYTICS_PORT=$(free_port) MAIL_SMTP_PORT=$(free_port) MAIL_API_PORT=$(free_port)
  export MANAGEMENT_PORT=$(free_port_pair)
  unset GATEHOUSE_INSTANCES API_EXTRA_USERS GATEHOUSE_JAVA_HOME GATEHOUSE_OTP_ALLOWLIST_FILE QUARKUS_MAILER_HOST QUARKUS_MAILER_PORT SMTP_SERVER
}

# Every listener on these ports is bound to 127.0.0.1 (a Java socket shows it IPv4-mapped), and there is one.
loopback_only() {
  local port listeners
  for port in "$@"; do
    listeners=$(ss -Hltn "sport = :$port")
    [ -n "$listeners" ] && awk '$4 !~ /^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):/ { bad = 1 } END { exit bad }' <<<"$listeners" || return 1
  done
}

cleanup() {
  for dir in "$WORK"/*/; do
    [ -d "$dir" ] && GATEHOUSE_RUN_DIR="$dir" "$GH" down >/dev/null 2>&1
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- usage --------------------------------------------------------------------------------------
test_usage() {
out=$("$GH" help 2>&1)
check "usage shows the real defaults" grep -qE 'HTTPS_PORT +8443' <<<"$out"
}

# --- up, up again, and what runs ----------------------------------------------------------------
test_stacks() {
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
}

# --- failing fast ---------------------------------------------------------------------------------
test_failing_fast() {
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
}

# --- sign-in by e-mailed code, with the local mail catcher -----------------------------------------
test_mail_catcher() {
stack mail
local list="$WORK/allowlist.txt" ca="$WORK/mail/tls/fullchain.pem" code="" status
printf '# who may sign in by code\ncarol@example.com mod\n' >"$list"
out=$(GATEHOUSE_OTP_ALLOWLIST_FILE="$list" "$GH" up 2>&1); rc=$?
if [ $rc -eq 0 ]; then pass "up with GATEHOUSE_OTP_ALLOWLIST_FILE starts"; else fail "up with GATEHOUSE_OTP_ALLOWLIST_FILE starts" "$out"; fi
check "up starts the mail catcher on loopback and says where codes are read" \
  bash -c "curl -fs http://127.0.0.1:$MAIL_API_PORT/api/service/readiness >/dev/null && grep -q './gatehouse codes ADDRESS' <<<\"\$0\" && grep -q 'http://127.0.0.1:$MAIL_API_PORT/api/user/ADDRESS/messages/INBOX' <<<\"\$0\" && grep -q 'e-mailed code: on' <<<\"\$0\" && (exec 3<>/dev/tcp/127.0.0.1/$MAIL_SMTP_PORT)" "$out"
check "the mail catcher listens on 127.0.0.1 only" loopback_only "$MAIL_SMTP_PORT" "$MAIL_API_PORT"
status=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$ca" -H 'Content-Type: application/json' \
  -d '{"email":"Carol@Example.com"}' "https://localhost:$HTTPS_PORT/auth/otp/request")
for _ in $(seq 1 50); do
  code=$("$GH" codes carol@example.com 2>/dev/null) && break
  sleep 0.2
done
check "a code requested through nginx (202) arrives and ./gatehouse codes prints it" \
  bash -c "[ $status = 202 ] && [[ '$code' =~ ^[0-9]{6}\$ ]]"
out=$("$GH" codes dave@example.com 2>&1); rc=$?
check "codes for an address that got no mail says so" bash -c "[ $rc -ne 0 ] && grep -q 'no code mailed to dave@example.com' <<<\"\$0\"" "$out"
out=$(curl -s -i --cacert "$ca" -H 'Content-Type: application/json' \
  -d "{\"email\":\"carol@example.com\",\"code\":\"$code\"}" "https://localhost:$HTTPS_PORT/auth/otp/verify")
check "verify with that code answers 200 with a session cookie" \
  bash -c "grep -q '^HTTP/[0-9.]* 200' <<<\"\$0\" && grep -qi '^set-cookie: __Host-gatehouse_session=' <<<\"\$0\" && grep -q '\"roles\":\[\"mod\"\]' <<<\"\$0\"" "$out"
out=$("$GH" status 2>&1)
check "status shows the mail catcher" bash -c "grep -q '^Mail catcher: running (pid [0-9]*), answers' <<<\"\$0\"" "$out"
out=$("$GH" down 2>&1); rc=$?
check "down stops the mail catcher" bash -c "[ $rc -eq 0 ] && grep -q 'Mail catcher: stopped' <<<\"\$0\" && [ ! -e '$WORK/mail/mail.pid' ] && ! curl -fs -m 2 http://127.0.0.1:$MAIL_API_PORT/api/service/readiness >/dev/null && ! (exec 3<>/dev/tcp/127.0.0.1/$MAIL_SMTP_PORT) 2>/dev/null" "$out"
}

# --- your own SMTP server: no catcher ----------------------------------------------------------------
test_own_smtp() {
stack own
out=$(QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT=$(free_port) "$GH" up 2>&1); rc=$?
check "with QUARKUS_MAILER_HOST set, up starts no mail catcher" \
  bash -c "[ $rc -eq 0 ] && [ ! -e '$WORK/own/mail.pid' ] && ! (exec 3<>/dev/tcp/127.0.0.1/$MAIL_API_PORT) 2>/dev/null && ! (exec 3<>/dev/tcp/127.0.0.1/$MAIL_SMTP_PORT) 2>/dev/null && grep -q 'through your SMTP server, 127.0.0.1:' <<<\"\$0\" && grep -q 'e-mailed code: off' <<<\"\$0\"" "$out"
out=$("$GH" status 2>&1)
check "status names your SMTP server instead of a catcher" bash -c "grep -q '^Mail: your SMTP server' <<<\"\$0\" && grep -q '^Gatehouse: running' <<<\"\$0\"" "$out"
out=$("$GH" codes carol@example.com 2>&1); rc=$?
check "codes says the codes are in your mailbox" bash -c "[ $rc -ne 0 ] && grep -q 'your SMTP server' <<<\"\$0\"" "$out"
"$GH" down >/dev/null 2>&1
}

# --- two instances behind nginx ------------------------------------------------------------------
# /auth/verify of a cookie through one socket: the status code only.
verify_on() { curl -s -o /dev/null -w '%{http_code}' --unix-socket "$1" -H "Cookie: $2" http://localhost/auth/verify; }

test_instances() {
stack two
export GATEHOUSE_INSTANCES=2
local run="$WORK/two/run" ca="$WORK/two/tls/fullchain.pem" cookie token status ended deadline refused cache_dir
out=$(API_ADMIN_PASS=two-instances-passphrase "$GH" up 2>&1); rc=$?
if [ $rc -eq 0 ]; then pass "up with GATEHOUSE_INSTANCES=2 starts"; else fail "up with GATEHOUSE_INSTANCES=2 starts" "$out"; fi
check "each instance answers on its own socket" bash -c "[ ! -e '$run/gatehouse.sock' ] &&
  curl -fs --unix-socket '$run/gatehouse-1.sock' http://localhost/api/ping | grep -q ok &&
  curl -fs --unix-socket '$run/gatehouse-2.sock' http://localhost/api/ping | grep -q ok"
check "nginx's upstream holds both sockets" bash -c "grep -q 'server unix:$run/gatehouse-1.sock;' '$WORK/two/nginx/sites/gatehouse.conf' &&
  grep -q 'server unix:$run/gatehouse-2.sock;' '$WORK/two/nginx/sites/gatehouse.conf'"
out=$("$GH" status 2>&1)
check "status shows each instance with its metrics and health URLs" bash -c "
  grep -q '^Gatehouse 1: running (pid [0-9]*), answers on unix:$run/gatehouse-1.sock.*http://127.0.0.1:$MANAGEMENT_PORT/q/metrics, health http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready' <<<\"\$0\" &&
  grep -q '^Gatehouse 2: running (pid [0-9]*), answers on unix:$run/gatehouse-2.sock.*http://127.0.0.1:$((MANAGEMENT_PORT + 1))/q/metrics' <<<\"\$0\"" "$out"
cookie=$(curl -s -o /dev/null -D - --cacert "$ca" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"two-instances-passphrase"}' "https://localhost:$HTTPS_PORT/auth/session" |
  sed -n 's/^[Ss]et-[Cc]ookie: \(__Host-gatehouse_session=[^;]*\);.*/\1/p')
check "a login through nginx works, and both instances admit its session" \
  bash -c "[ -n '$cookie' ] && [ \"\$(curl -s -o /dev/null -w '%{http_code}' --cacert '$ca' -H 'Cookie: $cookie' https://localhost:$HTTPS_PORT/auth/me)\" = 200 ] &&
    [ $(verify_on "$run/gatehouse-1.sock" "$cookie") = 200 ] && [ $(verify_on "$run/gatehouse-2.sock" "$cookie") = 200 ]"
cache_dir=$(sed -n 's/^proxy_cache_path \([^ ]*\) .*/\1/p' "$WORK/two/nginx/sites/gatehouse.conf")
curl -s -o /dev/null --cacert "$ca" -H "Cookie: $cookie" "https://localhost:$HTTPS_PORT/analytics/assets/analytics.css"
check "the edge cache keeps an allow in memory (a tmpfs), never under the run directory" bash -c "
  [ \"\$(stat -f -c %T '$cache_dir')\" = tmpfs ] && [ -n \"\$(find '$cache_dir' -type f)\" ] &&
  [ ! -e '$WORK/two/nginx/tmp/verify-cache' ]"
# The instances started at once on a fresh state directory: they must still sign with one key.
token=$(curl -s --unix-socket "$run/gatehouse-1.sock" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"two-instances-passphrase"}' http://localhost/auth/login | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
check "a token from instance 1 is good on instance 2" bash -c "[ -n '$token' ] &&
  [ \"\$(curl -s -o /dev/null -w '%{http_code}' --unix-socket '$run/gatehouse-2.sock' -H 'Authorization: Bearer $token' http://localhost/api/count)\" = 200 ]"
status=$(curl -s -o /dev/null -w '%{http_code}' --unix-socket "$run/gatehouse-1.sock" -X POST \
  -H 'Content-Type: application/json' -H "Cookie: $cookie" -d '{}' http://localhost/auth/logout)
# Polled for at most 1 s after the logout returned.
ended=$(date +%s%N); deadline=$((ended + 1000000000)); refused=no
while [ "$(date +%s%N)" -lt "$deadline" ]; do
  [ "$(verify_on "$run/gatehouse-2.sock" "$cookie")" = 401 ] && { refused=yes; break; }
  sleep 0.02
done
check "a logout on instance 1 is refused on instance 2 within 1 s" bash -c "[ $status = 204 ] && [ $refused = yes ]"
check "readiness is served beside the metrics on each management port" bash -c "
  curl -fs http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready | grep -q '\"status\":\"UP\"' &&
  curl -fs http://127.0.0.1:$((MANAGEMENT_PORT + 1))/q/health/ready | grep -q '\"status\":\"UP\"'"
site="$WORK/two/nginx/sites/gatehouse.conf"
"$ROOT/deploy/stack" stop app-1 >/dev/null 2>&1
check "stopping one instance drains it from nginx first; the other serves" bash -c "
  grep -q 'server unix:$run/gatehouse-1.sock down;' '$site' && [ ! -e '$WORK/two/gatehouse-1.pid' ] &&
  curl -fs --cacert '$ca' https://localhost:$HTTPS_PORT/api/ping | grep -q ok"
"$ROOT/deploy/stack" start app-1 >/dev/null 2>&1
check "starting it again puts it back into the upstream" bash -c "
  grep -q 'server unix:$run/gatehouse-1.sock;' '$site' && ! grep -q 'down;' '$site' &&
  curl -fs --unix-socket '$run/gatehouse-1.sock' http://localhost/api/ping | grep -q ok"
out=$("$GH" down 2>&1); rc=$?
check "down stops both instances" bash -c "[ $rc -eq 0 ] && grep -q 'Gatehouse 1: stopped' <<<\"\$0\" && grep -q 'Gatehouse 2: stopped' <<<\"\$0\" &&
  [ ! -e '$WORK/two/gatehouse-1.pid' ] && [ ! -e '$WORK/two/gatehouse-2.pid' ] &&
  ! curl -fs -m 2 --unix-socket '$run/gatehouse-1.sock' http://localhost/api/ping && ! curl -fs -m 2 --unix-socket '$run/gatehouse-2.sock' http://localhost/api/ping" "$out"
check "down removes the edge cache and the credentials in its keys" bash -c "[ -n '$cache_dir' ] && [ ! -e '$cache_dir' ]"
unset GATEHOUSE_INSTANCES
}

# --- sign-in settings from the operator's environment reach the app --------------------------------
test_sign_in_settings() {
stack signin
local ca="$WORK/signin/tls/fullchain.pem" closed pid status headers
closed=$(free_port)  # nothing listens here: a provider and a directory that are down
out=$(GATEHOUSE_SSO_OIDC_CORP_ISSUER="http://127.0.0.1:$closed/realms/corp" GATEHOUSE_SSO_OIDC_CORP_CLIENT_ID=gatehouse \
  GATEHOUSE_SSO_OIDC_CORP_CLIENT_SECRET=script-test-secret GATEHOUSE_SSO_OIDC_CORP_LABEL="Corp SSO" \
  GATEHOUSE_LDAP_URL="ldap://127.0.0.1:$closed" GATEHOUSE_LDAP_USER_BASE=ou=people,dc=example,dc=org \
  GATEHOUSE_LDAP_CONNECT_TIMEOUT=PT1S GATEHOUSE_LDAP_RETRY_AFTER=PT7S \
  GATEHOUSE_SAML_SP_ENTITY_ID=script-test-sp API_ADMIN_PASS=sign-in-settings-passphrase "$GH" up 2>&1); rc=$?
if [ $rc -eq 0 ]; then pass "up with GATEHOUSE_SSO_*, GATEHOUSE_LDAP_* and GATEHOUSE_SAML_* set starts"; else fail "up with sign-in settings starts" "$out"; fi
pid=$(cat "$WORK/signin/gatehouse.pid" 2>/dev/null)
check "the app is given GATEHOUSE_SSO_*, GATEHOUSE_LDAP_* and GATEHOUSE_SAML_*" bash -c "[ -n '$pid' ] &&
  tr '\\0' '\\n' </proc/$pid/environ | grep -qx 'GATEHOUSE_SSO_OIDC_CORP_LABEL=Corp SSO' &&
  tr '\\0' '\\n' </proc/$pid/environ | grep -qx 'GATEHOUSE_LDAP_URL=ldap://127.0.0.1:$closed' &&
  tr '\\0' '\\n' </proc/$pid/environ | grep -qx 'GATEHOUSE_SAML_SP_ENTITY_ID=script-test-sp'"
check "the login page offers the provider from GATEHOUSE_SSO_OIDC_*" \
  bash -c "curl -sf --cacert '$ca' https://localhost:$HTTPS_PORT/login | grep -q 'Sign in with Corp SSO'"
headers=$(curl -s -o /dev/null -D - --cacert "$ca" -H 'Content-Type: application/json' \
  -d '{"username":"directory-person","password":"some-password-1"}' "https://localhost:$HTTPS_PORT/auth/login")
check "a directory name gets 503 with Retry-After while GATEHOUSE_LDAP_URL is down" \
  bash -c "grep -q '^HTTP/[0-9.]* 503' <<<\"\$0\" && grep -qi '^retry-after: 7' <<<\"\$0\"" "$headers"
status=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$ca" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"sign-in-settings-passphrase"}' "https://localhost:$HTTPS_PORT/auth/login")
check "a local account signs in all the same" bash -c "[ '$status' = 200 ]"
"$GH" down >/dev/null 2>&1
}

if [ $# -eq 0 ]; then set -- usage stacks failing_fast mail_catcher own_smtp instances sign_in_settings; fi
for group in "$@"; do
  declare -F "test_$group" >/dev/null || { printf 'no such group of tests: %s\n' "$group" >&2; exit 2; }
  "test_$group"
done

printf '\n%d passed, %d failed\n' "$passes" "$failures"
[ "$failures" -eq 0 ]
