#!/usr/bin/env bash
# Installs the system tools that the render tests need, and registers the tslab kernel:
#   - real Jupyter from Debian's packages (no pip): nbconvert, nbclient, jupyter-client, notebook
#   - Chromium, driven by playwright-core (never `npx playwright install`)
#   - the tslab (TypeScript) kernel, started from this project's node_modules/.bin
# Idempotent: installs only what is missing. Run after `npm ci`, as root or with sudo.
set -euo pipefail
export PYDEVD_DISABLE_FILE_VALIDATION=1 # quiets debugpy's "frozen modules" warning
cd "$(dirname "$0")/.."

packages=(jupyter-nbconvert jupyter-client python3-nbclient jupyter-notebook chromium)
missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup-system: installing ${missing[*]}"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
else
  echo "setup-system: ${packages[*]} already installed"
fi

if [ ! -x node_modules/.bin/tslab ]; then
  echo "setup-system: node_modules/.bin/tslab is missing; run npm ci first" >&2
  exit 1
fi

# Debian's python3 (not another python3 on PATH) is the one with Jupyter.
if /usr/bin/jupyter kernelspec list 2>/dev/null | grep -Eq '^[[:space:]]*tslab[[:space:]]'; then
  echo "setup-system: tslab kernel already registered"
else
  echo "setup-system: registering the tslab kernel"
  node_modules/.bin/tslab install --python=/usr/bin/python3
fi

/usr/bin/jupyter kernelspec list
/usr/bin/chromium --version 2>/dev/null
