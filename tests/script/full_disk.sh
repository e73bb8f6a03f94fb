#!/usr/bin/env bash
# A full disk (a small tmpfs) gives exit 74 and leaves no partial or empty
# file under a final name: for -o FILE, and for every file of a run (the
# tables, the report, the manifest), with the previous output untouched.
# Skipped (77) where a tmpfs cannot be mounted (not root, no CAP_SYS_ADMIN).
set -u
bin=$(realpath "$1")
small=$(realpath ../data/run/good.ini)
values=$(realpath ../../datasets/jilin/values.csv)
tmp=$(mktemp -d)
disk=$tmp/disk
mkdir "$disk"
cleanup() { umount "$disk" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
cd "$tmp"
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
snapshot() {
    (cd "$1" && find . -printf '%p %y %m %s %T@\n' | LC_ALL=C sort &&
     find . -type f -exec sha256sum {} + | LC_ALL=C sort)
}
mount_disk() { umount "$disk" 2>/dev/null; mount -t tmpfs -o "size=$1" tmpfs "$disk" 2>/dev/null; }
if ! mount_disk 64k; then
    echo "SKIP: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)"
    exit 77
fi
# Fills the disk but for $1 KiB.
fill_but() {
    rm -f "$disk/fill"
    local avail
    avail=$(df -k --output=avail "$disk" | tail -1)
    [ "$avail" -gt "$1" ] && head -c $(((avail - $1) * 1024)) /dev/zero > "$disk/fill"
    return 0
}
run() { "$bin" run "$small" -q "$@"; }

# A run on a disk of 4, 8, 12 ... KiB: each page more lets one more file
# through, so every file of the run is at some size the one that fills it.
seen=""
for kib in $(seq 4 4 400); do
    mount_disk ${kib}k
    run -o "$disk/out" 2> err
    code=$?
    [ $code = 0 ] && break
    check "$kib KiB: exit 74" "[ $code = 74 ]"
    check "$kib KiB: nothing is left on the disk" '[ -z "$(ls -A "$disk")" ]'
    grep -q "step 'validate' failed" err && seen="$seen validate"
    grep -q "step 'indices' failed" err && seen="$seen table"
    grep -q "cannot write the report" err && seen="$seen report"
    grep -q "manifest.json: write error: No space left on device" err && seen="$seen manifest"
done
echo "the first size that holds the run: $kib KiB; failures seen:$seen"
check "a disk large enough holds the whole run" '[ $code = 0 ] && [ -f "$disk/out/.junheng-run" ]'
for what in validate table report manifest; do
    check "a full disk while writing the $what was an error" "[[ '$seen' == *$what* ]]"
done

# With a previous output on the disk: it stays as it was.
mount_disk 400k
run -o "$disk/out" 2>/dev/null
snapshot "$disk/out" > before
for free in 0 4 8 16 24 32 40 48; do
    fill_but $free
    run -o "$disk/out" 2> err
    code=$?
    if [ $code = 0 ]; then
        check "$free KiB free: the new output is complete" \
            '[ -f "$disk/out/.junheng-run" ] && [ -s "$disk/out/manifest.json" ]'
        snapshot "$disk/out" > before
    else
        check "$free KiB free: exit 74" "[ $code = 74 ]"
        check "$free KiB free: the previous output is byte-identical" \
            'snapshot "$disk/out" | cmp -s - before'
    fi
    check "$free KiB free: no temporary folder is left" \
        '[ -z "$(ls -d "$disk"/out.* 2>/dev/null)" ]'
done

# -o FILE: the old file stays, a new one does not appear, not even empty.
mount_disk 64k
echo "the old table" > "$disk/old.csv"
fill_but 0
"$bin" indices --data "$values" -o "$disk/old.csv" 2> err
check "-o FILE on a full disk exits 74" '[ $? = 74 ]'
check "the message says why" "grep -qF 'old.csv: write error: No space left on device' err"
check "the old file is unchanged" '[ "$(cat "$disk/old.csv")" = "the old table" ]'
"$bin" indices --data "$values" -o "$disk/new.csv" 2>/dev/null
check "a new file on a full disk: exit 74" '[ $? = 74 ]'
check "no file, not even an empty one, and no temporary file" \
    '[ -z "$(ls -A "$disk" | grep -v -e ^fill$ -e ^old.csv$)" ]'
exit $fail
