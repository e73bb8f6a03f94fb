#!/usr/bin/env bash
# Output targets never harm what the user has: run -o refuses a folder it
# did not write (a thesis folder, the input folder, the current folder) and
# leaves it byte-identical; it replaces a new, empty or earlier output
# folder (trailing slash, symbolic link); -o FILE writes a device or FIFO
# in place and they stay what they are; modes follow the umask; folders
# beside the output that junheng did not make are left alone.
set -u
bin=$(realpath "$1")
equiv=$(realpath ../data/equiv/long.csv)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }
# Names, types, modes, sizes, times and contents of everything under $1.
snapshot() {
    (cd "$1" && find . -printf '%p %y %m %s %T@\n' | LC_ALL=C sort &&
     find . -type f -exec sha256sum {} + | LC_ALL=C sort)
}
mkdir in
cp "$equiv" in/long.csv
cat > in/run.ini <<'INI'
[data]
files = long.csv
[analysis]
group_by =
[charts]
kinds = none
[output]
dir = out
INI
run() { "$bin" run "$tmp/in/run.ini" -q "$@"; }

# A folder of the user's: refused, exit 73, untouched.
mkdir -p thesis/figures
echo "chapter 1" > thesis/chapter1.tex
echo "hidden" > thesis/.latexmkrc
printf '\x89PNG' > thesis/figures/map.png
snapshot thesis > before
for given in thesis thesis/ "$tmp/thesis" ./thesis//; do
    run -o "$given" 2> err
    code=$?
    check "-o $given: a folder junheng did not write is refused (73)" '[ $code = 73 ]'
    check "-o $given: the message names the folder and why" \
        "grep -qF 'junheng: ${given%%/}: cannot replace it: it is a folder junheng did not write' err ||
         grep -qF 'junheng: ./thesis: cannot replace it' err"
done
check "the user's folder is byte-identical" 'snapshot thesis | cmp -s - before'
check "nothing was made beside it" '[ -z "$(ls -d thesis.* 2>/dev/null)" ]'

# The input folder and the current folder.
snapshot in > before
run -o in 2> err
check "the input folder is refused (73)" '[ $? = 73 ]'
check "the message names the input it holds" "grep -qF 'it holds $tmp/in/run.ini, an input of this run' err"
run -o "$tmp" 2> err
check "a folder above the inputs is refused (73)" '[ $? = 73 ]'
check "the input folder is byte-identical" 'snapshot in | cmp -s - before'
mkdir here && echo "draft" > here/draft.txt
snapshot here > before
(cd here && run -o . 2> ../err)
check "the current folder is refused (73)" '[ $? = 73 ]'
check "the message says it is the current folder" "grep -qF 'junheng: .: cannot replace it: it is the current folder' err"
mkdir -p empty_here/sub
(cd empty_here/sub && run -o .. 2> ../../err)
check "a folder holding the current folder is refused, also when otherwise empty" '[ $? = 73 ]'
check "the current folder is byte-identical" 'snapshot here | cmp -s - before'
echo "text" > afile
run -o afile 2> err
check "a file as the output folder is refused (73)" '[ $? = 73 ] && [ "$(cat afile)" = text ]'

# New, empty and earlier output folders are written; trailing slashes work.
run -o new/sub/out/ 2> err
check "a new folder (and its parents) is created" '[ $? = 0 ] && [ -s new/sub/out/report.html ]'
check "it is marked as a run's output" '[ -f new/sub/out/.junheng-run ]'
mkdir empty
run -o empty/ 2> err
check "an empty folder is written" '[ $? = 0 ] && [ -s empty/report.html ]'
echo "stale" > empty/tables/extra.csv
run -o empty 2> err
check "an earlier output is replaced whole" '[ $? = 0 ] && [ ! -e empty/tables/extra.csv ]'
check "no temporary folder is left" '[ -z "$(ls -d empty.* new/sub/out.* 2>/dev/null)" ]'
ln -s empty link
run -o link/ 2> err
check "a symbolic link to an earlier output: the folder is replaced, the link stays" \
    '[ $? = 0 ] && [ -L link ] && [ -s empty/report.html ] && [ -z "$(ls -d link.* empty.* 2>/dev/null)" ]'
mkdir cwd_out && (cd cwd_out && run -o new 2>/dev/null && cd new && run -o . 2> ../../err)
check "the current folder when it is an earlier output is replaced" '[ $? = 0 ] && [ -s cwd_out/new/report.html ]'

# Folders beside the output that junheng did not make are never removed,
# even when their names look like its temporary folders.
mkdir -p empty.old-backup empty.tmp-Mine12
echo "mine" > empty.old-backup/keep.txt
echo "mine" > empty.tmp-Mine12/keep.txt
run -o empty 2> err
check "the run ends well" '[ $? = 0 ]'
check "a user's empty.old-backup and empty.tmp-Mine12 survive" \
    '[ -s empty.old-backup/keep.txt ] && [ -s empty.tmp-Mine12/keep.txt ]'
check "and nothing is said about them" '! grep -q removed err'

# A run killed between the two renames of the fallback swap left the folder
# missing and its content aside: the next run puts it back, then replaces it.
mv empty empty.old-Ab12Cd
run -o empty 2> err
check "the next run says it put the previous output back" \
    "grep -qF 'junheng: empty: put back the previous output, moved aside by an interrupted run' err"
check "and writes the new one" '[ -s empty/report.html ] && [ ! -e empty.old-Ab12Cd ]'

# Modes follow the umask: colleagues on a shared drive can read the report.
(umask 027 && run -o masked 2>/dev/null)
check "umask 027: folders 750" '[ "$(stat -c %a masked masked/tables | sort -u)" = 750 ]'
check "umask 027: files 640" \
    '[ "$(find masked -type f -exec stat -c %a {} + | sort -u)" = 640 ]'
(umask 022 && run -o open 2>/dev/null)
check "umask 022: folders 755, files 644" \
    '[ "$(stat -c %a open open/tables | sort -u)" = 755 ] &&
     [ "$(find open -type f -exec stat -c %a {} + | sort -u)" = 644 ]'

# -o FILE of the other commands.
ix() { "$bin" indices --data "$equiv" "$@"; }
ix > want.csv 2>/dev/null
touch -d 2001-01-01 want.csv
(umask 002 && ix -o mine.csv 2>/dev/null)
check "umask 002: a new file is 664" '[ "$(stat -c %a mine.csv)" = 664 ]'
chmod 600 mine.csv
(umask 022 && ix -o mine.csv 2>/dev/null)
check "a replaced 0600 file gets the mode of a new file (644)" '[ "$(stat -c %a mine.csv)" = 644 ]'
check "and the table" 'cmp -s mine.csv want.csv'
ln -s mine.csv alias.csv
echo old > mine.csv
ix -o alias.csv 2>/dev/null
check "-o a symbolic link replaces the file it points to" \
    '[ -L alias.csv ] && cmp -s mine.csv want.csv'
# /dev/zero stands in where a program run as root (an older junheng) has
# already replaced /dev/null by a file on this machine.
dev=/dev/null
[ -c $dev ] || { echo "note: /dev/null is not a device here; testing /dev/zero"; dev=/dev/zero; }
ix -o $dev 2> err
check "-o $dev exits 0" '[ $? = 0 ]'
check "$dev is still a character device" '[ -c $dev ]'
check "nothing was made beside it" '[ -z "$(ls -d $dev.* 2>/dev/null)" ]'
ix -o $dev --notes $dev 2>/dev/null
check "a device may take two outputs of one command" '[ $? = 0 ] && [ -c $dev ]'
mkfifo pipe
cat pipe > got &
reader=$!
ix -o pipe 2>/dev/null
code=$?
[ -p pipe ] || kill $reader # a FIFO replaced by a file would leave the reader waiting
wait $reader
check "-o a FIFO exits 0 and the reader gets the table" '[ $code = 0 ] && cmp -s got want.csv'
check "the FIFO is still a FIFO" '[ -p pipe ] && [ -z "$(ls -d pipe.* 2>/dev/null)" ]'
ix -o - > dash.csv 2>/dev/null
check "-o - writes to standard output" 'cmp -s dash.csv want.csv && [ ! -e ./- ]'
mkdir folder
for cmd in "indices" "rank" "converge" "decompose --by group" "urban-rural"; do
    "$bin" $cmd --data "$equiv" -o folder 2> err
    code=$?
    check "$cmd -o FOLDER exits 73" '[ $code = 73 ]'
    check "$cmd -o FOLDER says it is a folder" \
        "grep -qF 'junheng: folder: is a folder (expected a file name; nothing was written)' err"
done
check "the folder stays empty" '[ -z "$(ls -A folder)" ]'
exit $fail
