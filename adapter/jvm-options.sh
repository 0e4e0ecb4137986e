#!/bin/sh
# adapter/jvm-options.sh [FILE] — prints the JVM options in FILE (default: jvm.options beside
# this script), one a line: the words before a comment (from a word starting with # to the end
# of its line). The one reader of adapter/jvm.options: ./dataivr up, the Docker image (plain sh) and the
# benchmarks that start an adapter of their own all run it. A file of comments only prints
# nothing and succeeds; a missing file fails with a message.
set -eu
file="${1:-$(dirname "$0")/jvm.options}"
if [ ! -f "$file" ]; then
  echo "$file is missing (the adapter service's JVM options)" >&2
  exit 1
fi
awk '{ for (i = 1; i <= NF && $i !~ /^#/; i++) print $i }' "$file"
