#!/usr/bin/env bash
# Regenerates the sample reports from samples/logs with the real command (run after a format change).
set -euo pipefail
cd "$(dirname "$0")/../.."
call=2e6e863f-90ea-4fad-89a4-d16a8d0df1f6
# a visit with a real resident leg (ResidentLegInteropTest against Asterisk, its call files kept
# with -Ddoorman.interop.keepCallFiles=DIR): ring time, the resident's answer, the door
resident_call=d38c7653-c954-4933-b310-014a2afb67b6
for id in "$call" "$resident_call"; do
  for ext in txt json html; do
    bin/analyzer --call-id "$id" --dir samples/logs --no-progress -o "samples/reports/call-$id.$ext"
  done
done
for ext in txt json md html; do
  bin/analyzer --all --summary --dir samples/logs --no-progress -o "samples/reports/summary.$ext"
done
bin/analyzer --all --dir samples/logs --no-progress -o samples/reports/calls.csv
bin/analyzer --all --dir samples/logs --no-progress -o samples/reports/all.html
