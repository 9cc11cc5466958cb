#!/usr/bin/env bash
# Runs every test: installs what the tests need on a fresh Debian machine (idempotent),
# then the Rust unit and end-to-end tests, then the real-browser suite.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v pdfinfo >/dev/null || need_apt+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need_apt+=(fonts-noto-cjk)
command -v java >/dev/null || need_apt+=(default-jre-headless)
command -v node >/dev/null || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
if [ -f tests/e2e/package.json ]; then
  # --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime; Debian's is used.
  (cd tests/e2e && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

# Each step says how long it took, so the log shows where CI's time goes (budget: 20 minutes).
step() {
  local start=$SECONDS
  "$@"
  echo "== $* took $((SECONDS - start)) s"
}
step cargo fmt --check
step cargo clippy --all-targets --quiet -- -D warnings
step cargo test --release
step node tests/e2e/run.mjs
step node tests/e2e/serve_overlay.mjs
