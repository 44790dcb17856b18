#!/usr/bin/env bash
# Installs the real server frameworks the fix-verification suite runs our snippets in
# (test/e2e/fix-verification): from Debian, FastAPI + uvicorn, Django + django-cors-headers, Flask +
# flask-cors, Rails + rack-cors (+ WEBrick), Go, nginx, Apache httpd and Caddy; from npm, into
# test/e2e/support/frameworks/npm (its own package.json and lockfile, so the project's npm ci stays
# lean), Fastify, Koa, Hono, Next.js and workerd. Express and cors come from the project's npm ci.
# Idempotent and quiet; it never fails the run: what cannot be installed makes that stack's cases
# SKIPPED (with the reason) instead of failing them, and each skip is reported here.
set -u
cd "$(dirname "$0")/.."

PACKAGES=(
  python3-fastapi python3-uvicorn
  python3-django python3-django-cors-headers
  python3-flask python3-flask-cors
  ruby ruby-rack ruby-rack-cors ruby-webrick ruby-railties ruby-actionpack
  golang-go nginx apache2 caddy
)
NPM_DIR=test/e2e/support/frameworks/npm
LOG="${TMPDIR:-/tmp}/install-frameworks.log"

say() { printf 'install-frameworks: %s\n' "$*"; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

install_debian() {
  local missing=()
  for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
  if [ ${#missing[@]} -eq 0 ]; then
    say "Debian packages all present"
    return
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    say "SKIPPED ${missing[*]}: no apt-get; their stacks' fix-verification cases will be skipped"
    return
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then sudo=(sudo -n); else
      say "SKIPPED ${missing[*]}: not root and no passwordless sudo; their stacks' cases will be skipped"
      return
    fi
  fi
  # Installing nginx, apache2 or caddy would start a daemon on port 80 through invoke-rc.d; a
  # policy-rc.d that answers 101 ("action forbidden") stops that. Only one we created is removed.
  local policy=/usr/sbin/policy-rc.d own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null && "${sudo[@]}" chmod +x "$policy" && own_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  say "installing ${missing[*]} (log: $LOG)"
  "${sudo[@]}" apt-get update -qq >>"$LOG" 2>&1 || say "apt-get update failed; trying the cached package lists"
  if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$LOG" 2>&1; then
    # One unavailable package must not keep the others out: retry one by one.
    for p in "${missing[@]}"; do
      "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$p" >>"$LOG" 2>&1 || true
    done
  fi
  if [ "$own_policy" -eq 1 ]; then "${sudo[@]}" rm -f "$policy"; fi
  for p in "${missing[@]}"; do
    if installed "$p"; then say "installed $p"; else say "SKIPPED $p: unavailable (see $LOG); its stack's cases will be skipped"; fi
  done
}

install_npm() {
  if ! command -v npm >/dev/null 2>&1; then
    say "SKIPPED the npm frameworks (Fastify, Koa, Hono, Next.js, workerd): no npm"
    return
  fi
  if [ -f "$NPM_DIR/node_modules/.package-lock.json" ] && cmp -s "$NPM_DIR/package-lock.json" "$NPM_DIR/node_modules/.installed-lock"; then
    say "npm frameworks present"
    return
  fi
  say "installing the npm frameworks in $NPM_DIR (log: $LOG)"
  if (cd "$NPM_DIR" && npm ci --no-audit --no-fund --loglevel=error >>"$LOG" 2>&1); then
    cp "$NPM_DIR/package-lock.json" "$NPM_DIR/node_modules/.installed-lock"
    say "installed the npm frameworks"
  else
    say "SKIPPED the npm frameworks (Fastify, Koa, Hono, Next.js, workerd): npm ci failed (see $LOG); their cases will be skipped"
  fi
}

install_debian
install_npm
exit 0
