#!/usr/bin/env bash
# Makes sure the real `ssh -R` test (SshReverseTunnelIT... in postflow-tunnel) can run: installs the
# OpenSSH server and client when missing. Idempotent and quick when they are already there.
# CI calls it before the build: postflow-tunnel/src/test/sshd/ensure-sshd.sh
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }

if ! (have sshd && have ssh && have ssh-keygen); then
  if [ "$(id -u)" != "0" ]; then
    echo "ensure-sshd: openssh-server/openssh-client are missing and we are not root; install them" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-sshd: no apt-get here; install the OpenSSH server and client with your package manager" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends openssh-server openssh-client >/dev/null
fi

# sshd refuses to start without its privilege separation directory (normally made by systemd).
if [ "$(id -u)" = "0" ]; then
  mkdir -p /run/sshd
  chmod 0755 /run/sshd
fi
echo "ensure-sshd: $(command -v sshd || echo /usr/sbin/sshd) ready"
