#!/usr/bin/env bash
# Installs what kakushin needs on a Debian machine: uv, the Python packages (uv sync) and the
# Debian packages of DESIGN.md that are missing. As root it uses apt-get; otherwise it prints
# the exact command to run and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

# fonts-noto-color-emoji: emoji in applicant text print as themselves on the PDFs, not as a box.
DEB_PACKAGES=(fonts-ipaexfont-mincho fonts-ipaexfont-gothic fonts-ipamj-mincho
              fonts-noto-color-emoji libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 gettext)
if [[ "${1:-}" == "--test" ]]; then
  # fonts-noto-cjk: a Japanese Gothic for Chromium, so the browser journeys and their screenshots
  # render what users see (not a Mincho fallback); also the source of scripts/subset_fonts.py.
  DEB_PACKAGES+=(chromium fonts-noto-cjk)
fi

missing=()
for pkg in "${DEB_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "==> apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "These Debian packages are missing. Install them, then run make again:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v uv >/dev/null 2>&1; then
  echo "==> installing uv"
  python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv
  export PATH="$HOME/.local/bin:$PATH"
fi
uv sync --frozen --quiet
