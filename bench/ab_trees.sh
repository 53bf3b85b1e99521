#!/bin/bash
# Alternate two commits of newsletter on one host: `bench/throughput.py --repeat 1 --no-ceiling`
# for BASE then HEAD, PAIRS times, printing each run's line and its time split. The host's speed
# drifts over a day (smtp-source's own CPU a message moved 49 -> 63 us in one afternoon), so a
# change is judged by pairs run minutes apart, not against figures from another hour.
#
# Both sides are measured by this tree's bench/ (copied over the base's), so a figure the
# base's bench did not print yet (e.g. the peak RSS of the sender and its helper process) is
# there for both; AB_OWN_BENCH=1 runs each tree's own bench instead.
#
#   bench/ab_trees.sh 39a9113 100000 3
set -euo pipefail
base=${1:?base commit}; n=${2:-10000}; pairs=${3:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$repo/.venv/bin/python}
tree=$(mktemp -d /tmp/ab-base.XXXXXX)
trap 'git -C "$repo" worktree remove --force "$tree" >/dev/null 2>&1 || true' EXIT
git -C "$repo" worktree add -q --detach "$tree" "$base"
if [ -z "${AB_OWN_BENCH:-}" ]; then
  cp -r "$repo/bench/." "$tree/bench/"
fi
for i in $(seq 1 "$pairs"); do
  for side in "$tree" "$repo"; do
    echo "== $(git -C "$side" rev-parse --short HEAD) pair $i, $(uptime | sed 's/.*load/load/')"
    # PYTHONPATH: the tree's own package, not the editable install's
    (cd "$side" && PYTHONPATH="$side" "$python" bench/throughput.py --n "$n" --import bulk \
      --repeat 1 --no-ceiling 2>&1 |
      grep -E "^run|^(start-up|build|smtp|db|render) ·|CPU us/msg \(all\)|first message s|peak RSS")
  done
done
