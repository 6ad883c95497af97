#!/usr/bin/env bash
# Checks the container files as far as that works without a Docker engine:
#   1. docker-compose.yml validates (compose "config -q") with dummy secrets exported for the check only,
#      and with .env.example as the env file (so .env.example names every required variable);
#   2. it refuses to render when the secrets are missing (so nothing secret has a default in the repo);
#   3. promtool accepts both Prometheus files;
#   4. each Dockerfile copies the jar Maven builds for the current project version, and exposes the port
#      set in the service's <service>.yml; where a service has a jvm.options file, its Dockerfile starts java
#      with it.
# Compose and promtool come from Debian (packages docker-compose and prometheus): installed here when
# missing and run as root. A real .env in the repo is never read. Exits non-zero if any check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

failures=0
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }

apt_install() { # $1 = Debian package; returns 1 when it cannot be installed here
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || return 1
  echo "installing Debian package $1 ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$1" >/dev/null
}

# --- compose -------------------------------------------------------------------------------------
# The v2 plugin ("docker compose") or the standalone v1 ("docker-compose"): both parse without an engine.
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif docker-compose version >/dev/null 2>&1 || { apt_install docker-compose && docker-compose version >/dev/null 2>&1; }; then
  compose=(docker-compose)
else
  echo "FAIL  neither 'docker compose' nor 'docker-compose' is available"; exit 1
fi
echo "compose: ${compose[*]} ($("${compose[@]}" version 2>/dev/null | head -n 1))"

# Every ${VAR:?...} in the file, plus the pass-through HMAC secret (listed without a value there).
mapfile -t required < <(grep -oE '\$\{[A-Z0-9_]+:\?' docker-compose.yml | sed -E 's/^\$\{//; s/:\?$//' | sort -u)
secrets=("${required[@]}" LANTIAN_SECURITY_HMAC_SECRET SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI)
unset_secrets=(); for v in "${secrets[@]}"; do unset_secrets+=(-u "$v"); done
echo "required variables: ${required[*]}"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
: > "$tmp/empty.env"
run_compose() { # $1 = env file, rest = compose arguments; runs without any secret from the caller's shell
  local env_file=$1; shift
  env "${unset_secrets[@]}" "${compose[@]}" --env-file "$env_file" -f docker-compose.yml "$@"
}

# 1a. dummy values, exported just for this subshell
if (for v in "${required[@]}"; do export "$v=dummy-$v"; done
    export LANTIAN_SECURITY_HMAC_SECRET=ZHVtbXktZHVtbXktZHVtbXktZHVtbXktZHVtbXktZHVtbXk=
    "${compose[@]}" --env-file "$tmp/empty.env" -f docker-compose.yml config -q) 2>"$tmp/err"; then
  pass "compose config -q with dummy values exported"
else
  fail "compose config -q with dummy values exported:"; cat "$tmp/err"
fi

# 1b. .env.example alone must satisfy every required variable
if run_compose .env.example config -q 2>"$tmp/err"; then
  pass "compose config -q with --env-file .env.example"
else
  fail "compose config -q with --env-file .env.example:"; cat "$tmp/err"
fi

# 1c. the rendered services get the broker, the container bind address and the secret, and no empty token
#     setting (an empty HMAC secret or issuer would break startup)
if run_compose .env.example config >"$tmp/rendered.yml" 2>"$tmp/err"; then
  for s in alert-ingest forecast-consult response-dispatch; do
    block=$(sed -n "/^  $s:/,/^  [a-z]/p" "$tmp/rendered.yml")
    if grep -q 'SERVER_ADDRESS: 0.0.0.0' <<<"$block" && grep -q 'SPRING_KAFKA_BOOTSTRAP_SERVERS: kafka:9092' <<<"$block" \
       && grep -q 'LANTIAN_SECURITY_HMAC_SECRET: replace-with' <<<"$block" \
       && ! grep -qE "(HMAC_SECRET|ISSUER_URI): *(''|\"\"|)\$" <<<"$block"; then
      pass "rendered environment of $s"
    else
      fail "rendered environment of $s:"; echo "$block"
    fi
  done
else
  fail "compose config with --env-file .env.example:"; cat "$tmp/err"
fi

# 2. without the secrets compose must refuse to render
if run_compose "$tmp/empty.env" config -q 2>"$tmp/err"; then
  fail "compose config accepted a run without ${required[*]}"
else
  pass "compose config refuses to run without the secrets ($(grep -oE '[A-Z_]+ in \.env' "$tmp/err" | head -n 1 || true))"
fi

# --- promtool ------------------------------------------------------------------------------------
if command -v promtool >/dev/null || apt_install prometheus; then
  for f in deploy/prometheus/prometheus.yml deploy/prometheus/prometheus-local.yml; do
    if promtool check config "$f" >"$tmp/out" 2>&1; then pass "promtool check config $f"
    else fail "promtool check config $f:"; cat "$tmp/out"; fi
  done
else
  echo "SKIP  promtool not available and not installable here (Debian package prometheus)"
fi

# --- Dockerfiles against the Maven build ---------------------------------------------------------
version=$(sed -n '/<artifactId>lantian<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;}' pom.xml)
for spec in alert-ingest:8081 forecast-consult:8082 response-dispatch:8083; do
  m=${spec%%:*}; port=${spec##*:}
  if grep -qx "ARG JAR_FILE=target/$m-$version-exec.jar" "$m/Dockerfile" && grep -qx "EXPOSE $port" "$m/Dockerfile"; then
    pass "$m/Dockerfile copies $m-$version-exec.jar and exposes $port"
  else
    fail "$m/Dockerfile does not copy target/$m-$version-exec.jar or expose $port"
  fi
  # a service with a jvm.options file starts java with it, and so does its benchmark script (if it has one)
  if [ -f "$m/jvm.options" ]; then
    if grep -qx "COPY jvm.options /app/jvm.options" "$m/Dockerfile" && grep -q '^ENTRYPOINT \["java", "@/app/jvm.options"' "$m/Dockerfile"; then
      pass "$m/Dockerfile starts java with $m/jvm.options"
    else
      fail "$m/Dockerfile does not start java with $m/jvm.options"
    fi
    for script in bench/run-*.sh; do
      if grep -q "@$m/jvm.options" "$script"; then pass "$script starts $m with $m/jvm.options"; fi
    done
  fi
  yml=$m/src/main/resources/$m.yml
  if [ -f "$yml" ]; then
    if sed -n '/^server:/,/^[a-z]/p' "$yml" | grep -qE "^  port: $port$"; then pass "$yml sets server.port $port"
    else fail "$yml does not set server.port $port"; fi
  else
    echo "SKIP  $yml does not exist yet"
  fi
done

echo "Not checked here (needs a Docker engine): image builds, container start-up, healthchecks."
if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed"; exit 1; fi
echo "all checks passed"
