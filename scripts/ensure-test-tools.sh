#!/usr/bin/env bash
# Runs before `npm test`: the tests cross-check our crypto, XSD and XAdES code with independent
# implementations (openssl, xmllint, xmlsec1) and build ZIPs with `zip`. Installs them from Debian
# when missing and we are root; otherwise says what to install.
set -euo pipefail
declare -A pkg=([xmllint]=libxml2-utils [xmlsec1]=xmlsec1 [openssl]=openssl [zip]=zip)
need=()
for tool in "${!pkg[@]}"; do command -v "$tool" >/dev/null 2>&1 || need+=("${pkg[$tool]}"); done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test setup: installing ${need[*]} from Debian" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "test setup: the tests need these Debian packages: ${need[*]} (e.g. sudo apt-get install ${need[*]})" >&2
  exit 1
fi
