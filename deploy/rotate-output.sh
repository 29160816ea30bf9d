#!/bin/sh
# Prune what a long series of scheduled runs piles up under OUTPUT_DIR, and only that:
#   items/*.jsonl          per-run JSON-lines feeds: gzipped after 1 day, deleted after ITEMS_KEEP_DAYS
#   reports/*.json         run reports: deleted after REPORTS_KEEP_DAYS
#   jobs/*.crashed-*       job folders set aside after a crash: deleted after JOBS_KEEP_DAYS
# WARC files, Parquet datasets and state/ are the archive itself and are never touched.
# Usage: deploy/rotate-output.sh OUTPUT_DIR
set -eu
OUTPUT_DIR=${1:?usage: rotate-output.sh OUTPUT_DIR}
ITEMS_KEEP_DAYS=${ITEMS_KEEP_DAYS:-30}
REPORTS_KEEP_DAYS=${REPORTS_KEEP_DAYS:-180}
JOBS_KEEP_DAYS=${JOBS_KEEP_DAYS:-7}

if [ -d "$OUTPUT_DIR/items" ]; then
    find "$OUTPUT_DIR/items" -maxdepth 1 -type f -name '*.jsonl' -mtime +0 -exec gzip -f {} \;
    find "$OUTPUT_DIR/items" -maxdepth 1 -type f -name '*.jsonl.gz' -mtime +"$ITEMS_KEEP_DAYS" -delete
fi
if [ -d "$OUTPUT_DIR/reports" ]; then
    find "$OUTPUT_DIR/reports" -maxdepth 1 -type f -name '*.json' -mtime +"$REPORTS_KEEP_DAYS" -delete
fi
if [ -d "$OUTPUT_DIR/jobs" ]; then
    find "$OUTPUT_DIR/jobs" -mindepth 1 -maxdepth 1 -type d -name '*.crashed-*' -mtime +"$JOBS_KEEP_DAYS" \
        -exec rm -rf {} +
fi
