# Sourced by the bench scripts: a throw-away stack of their own, started by deploy/stack on free
# loopback ports under WORK, stopped and removed on exit. Sets BENCH_ADMIN/API_ADMIN_PASS for sign-in.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d "/tmp/gatehouse-$(basename "$0").XXXXXX")
chmod 0755 "$WORK"  # nginx's workers must reach the socket below it
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# Two free ports in a row: instance N of several takes MANAGEMENT_PORT + N-1.
free_port_pair() { local p; while p=$(free_port); do python3 -c "import socket; socket.socket().bind(('127.0.0.1', $p + 1))" 2>/dev/null && { echo "$p"; return; }; done; }
stop_bench_stack() { GATEHOUSE_RUN_DIR="$WORK" "$ROOT/deploy/stack" stop >/dev/null 2>&1 || true; rm -rf "$WORK"; }
export GATEHOUSE_RUN_DIR="$WORK" GATEHOUSE_CALLER="bench/$(basename "$0")"
REDIS_PORT=$(free_port) APP_PORT=$(free_port) HTTPS_PORT=$(free_port) HTTP_PORT=$(free_port) ANALYTICS_PORT=$(free_port)
MAIL_SMTP_PORT=$(free_port) MAIL_API_PORT=$(free_port) MANAGEMENT_PORT=$(free_port_pair)
export REDIS_PORT APP_PORT HTTPS_PORT HTTP_PORT ANALYTICS_PORT MAIL_SMTP_PORT MAIL_API_PORT MANAGEMENT_PORT
export API_ADMIN_USER=bench API_ADMIN_PASS="load-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
