#!/usr/bin/env bash
# Installs the real server frameworks the fix-verification suite runs our snippets in
# (test/e2e/fix-verification): FastAPI + uvicorn, Go and nginx from Debian. Express and cors come
# from npm (package.json). Idempotent and quiet; it never fails the run: a package that cannot be
# installed makes that framework's cases SKIPPED (with the reason) instead of failing them.
set -u

PACKAGES=(python3-fastapi python3-uvicorn golang-go nginx)
LOG="${TMPDIR:-/tmp}/install-frameworks.log"

say() { printf 'install-frameworks: %s\n' "$*"; }

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then
  say "all present (${PACKAGES[*]})"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  say "no apt-get: cannot install ${missing[*]}; their fix-verification cases will be skipped"
  exit 0
fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO=(sudo -n); else
    say "not root and no passwordless sudo: cannot install ${missing[*]}; their cases will be skipped"
    exit 0
  fi
fi

# Installing nginx would start a daemon on port 80 through invoke-rc.d; a policy-rc.d that answers
# 101 ("action forbidden") stops that. Only one we created ourselves is removed again.
POLICY=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$POLICY" >/dev/null && "${SUDO[@]}" chmod +x "$POLICY" && own_policy=1
fi
cleanup() { if [ "$own_policy" -eq 1 ]; then "${SUDO[@]}" rm -f "$POLICY"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
say "installing ${missing[*]} (log: $LOG)"
"${SUDO[@]}" apt-get update -qq >>"$LOG" 2>&1 || say "apt-get update failed; trying the cached package lists"
if ! "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$LOG" 2>&1; then
  # One unavailable package must not keep the others out: retry one by one.
  for p in "${missing[@]}"; do
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "$p" >>"$LOG" 2>&1 || true
  done
fi

for p in "${missing[@]}"; do
  if installed "$p"; then say "installed $p"; else say "UNAVAILABLE $p: its fix-verification cases will be skipped (see $LOG)"; fi
done
exit 0
