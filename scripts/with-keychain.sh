#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked GNOME Keyring, so tests use the
# real OS keychain (Secret Service) without touching the user's own keyring.
set -euo pipefail
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "with-keychain: $tool is not installed (apt-get install dbus gnome-keyring)" >&2; exit 127; }
done
# The keyring files go to a throw-away folder; the login keyring is created with an empty password.
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export SURVEY_DESK_KEYRING_HOME="$keyring_home"
dbus-run-session -- bash -c '
  set -euo pipefail
  # An empty line (not an empty stream) is what unlocks with an empty password without a prompt.
  echo "" | XDG_DATA_HOME="$SURVEY_DESK_KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' with-keychain "$@"
