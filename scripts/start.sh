#!/usr/bin/env bash
# One command on a fresh machine: set up (scripts/setup.sh), build, and open WU Log Lens with
# the sample logs in the offline VS Code on 127.0.0.1 (prints the address; Ctrl-C stops it).
# Extra arguments go to `npm start` (e.g. --port 8080, --file path/to/CBS.log, --desktop).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec npm start -- "$@"
