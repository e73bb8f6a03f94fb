# Do junheng's numbers agree with a peer's?  Both files in junheng's long
# layout (indicator,year,stratum,index,value).  Compares every index the
# peer wrote that is in LIST (comma-separated names, weighted twins
# included), prints the largest relative difference of each, and exits 1
# when one exceeds TOL or when gini, cv or theil_t was never compared.
#
#   awk -F, -v TOL=1e-9 -v LIST=gini,cv,... -f agree.awk JUNHENG.csv PEER.csv
function abs(v) { return v < 0 ? -v : v }
BEGIN {
    n = split(LIST, want, ",")
    for (k = 1; k <= n; k++) check[want[k]] = 1
}
FNR == 1 { next }
NR == FNR { ours[$1 "," $2 "," $3 "," $4] = $5; next }
{
    base = $4
    sub(/_w$/, "", base)
    if (!(base in check)) next
    key = $1 "," $2 "," $3 "," $4
    if (!(key in ours)) { missing[$4]++; next }
    a = ours[key] + 0; b = $5 + 0
    scale = abs(a) > abs(b) ? abs(a) : abs(b)
    rel = scale > 0 ? abs(a - b) / scale : 0
    count[$4]++
    if (rel > worst[$4]) { worst[$4] = rel; where[$4] = key }
}
END {
    bad = 0
    for (ix in count) {
        flag = worst[ix] > TOL ? "  DISAGREES at " where[ix] : ""
        printf "  %-16s %5d slices, largest relative difference %.2e%s\n", ix, count[ix],
               worst[ix], flag
        if (worst[ix] > TOL) bad = 1
    }
    for (ix in missing) {
        printf "  %-16s %5d slices missing from junheng's output\n", ix, missing[ix]
        bad = 1
    }
    split("gini,cv,theil_t", must, ",")
    for (k = 1; k <= 3; k++)
        if (!(must[k] in count)) { printf "  %s was not compared\n", must[k]; bad = 1 }
    exit bad
}
