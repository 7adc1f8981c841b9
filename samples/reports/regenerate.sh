#!/usr/bin/env bash
# Regenerates the sample reports from samples/logs with the real command (run after a format change).
set -euo pipefail
cd "$(dirname "$0")/../.."
call=2e6e863f-90ea-4fad-89a4-d16a8d0df1f6
for ext in txt json html; do
  bin/analyzer --call-id "$call" --dir samples/logs --no-progress -o "samples/reports/call-$call.$ext"
done
for ext in txt json md html; do
  bin/analyzer --all --summary --dir samples/logs --no-progress -o "samples/reports/summary.$ext"
done
bin/analyzer --all --dir samples/logs --no-progress -o samples/reports/calls.csv
bin/analyzer --all --dir samples/logs --no-progress -o samples/reports/all.html
