#!/usr/bin/env bash
# Unix accounts for a class on one server (deploy/hub/launch.py --accounts system).
#
#   sudo deploy/hub/accounts.sh deploy/hub/roster.txt [--dry-run]
#
# For every "instructor NAME" / "student NAME" line of the roster: an account
# with a home folder and a random password, printed once (hand them out, ask
# people to change them with passwd). Plus grader-<course id>, the account
# that owns the course folder and runs the formgrader service. Existing
# accounts are left alone. --dry-run prints the commands instead.
set -euo pipefail
roster="${1:?usage: accounts.sh ROSTER [--dry-run]}"
dry=""; [ "${2:-}" = "--dry-run" ] && dry="echo"
[ -n "$dry" ] || [ "$(id -u)" -eq 0 ] || { echo "accounts.sh: run as root (sudo), or with --dry-run" >&2; exit 1; }
here="$(cd "$(dirname "$0")" && pwd)"
course_id="$(sed -n 's/^c.CourseDirectory.course_id = "\(.*\)"$/\1/p' "$here/../../nbgrader_config.py")"
[ -n "$course_id" ] || { echo "accounts.sh: no course_id in nbgrader_config.py" >&2; exit 1; }

make_account() {
  local name="$1"
  if ! [[ "$name" =~ ^[a-z_][a-z0-9_-]{0,31}$ ]]; then
    echo "accounts.sh: '$name' is not a valid Unix user name" >&2; exit 1
  fi
  if id -u "$name" >/dev/null 2>&1; then
    echo "exists: $name"
    return
  fi
  local password
  password="$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | head -c 12)"
  $dry useradd --create-home --shell /bin/bash "$name"
  if [ -n "$dry" ]; then
    echo "chpasswd <<< $name:********"
  else
    chpasswd <<< "$name:$password"
    echo "created: $name  password: $password"
  fi
}

while read -r role name rest; do
  case "$role" in
    ""|\#*) continue ;;
    instructor|student) [ -z "${rest%%#*}" ] || { echo "accounts.sh: bad line: $role $name $rest" >&2; exit 1; }
                        make_account "$name" ;;
    *) echo "accounts.sh: expected 'instructor NAME' or 'student NAME', got '$role $name'" >&2; exit 1 ;;
  esac
done < "$roster"
make_account "grader-$course_id"
