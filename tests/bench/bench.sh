#!/bin/sh
# make bench: figures, never assertions. Run on an idle machine.
set -e
bench=$1
samples=$2
dir=$(dirname "$bench")/bench-data
mkdir -p "$dir"
python=${PYTHON:-/usr/bin/python3}
[ -f "$dir/list-50.eml" ] || $python tests/bench/make-list.py 50 "$dir/list-50.eml"
[ -f "$dir/list-5000.eml" ] || $python tests/bench/make-list.py 5000 "$dir/list-5000.eml"
echo "hotrocks bench ($(nproc) cores, $(uname -m))"
"$bench" "samples (inspect, all)" 50 "$samples"/*.eml
"$bench" "50-row XLSX list" 500 "$dir/list-50.eml"
"$bench" "5,000-row XLSX list" 5 "$dir/list-5000.eml"
