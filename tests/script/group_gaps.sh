#!/usr/bin/env bash
# The run's gaps between groups of people (issue 20): tables/group-gaps.csv
# and the report's section, on a hand-made panel whose strata catalog
# declares a pair (mig compared with loc), a group against the whole
# population (old; its catalog name "Everyone"), and a stratum of another
# dimension (reg, hukou) that is no group.  Then the same run without the
# catalog's groups: the step is skipped with its reason, no section.
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
cd "$tmp"
cat > strata.csv <<'CSV'
code,name_zh,name_en,dimension,whole,compare
all,全体,Everyone,,yes,
mig,随迁子女,Migrant children,group,,loc
loc,本地儿童,Local children,group,,
old,老年人,Elderly,group,,
reg,户籍人口,Registered,hukou,,
CSV
printf 'code,name,prefecture\na,甲县,P\nb,乙县,P\nc,丙县,Q\n' > regions.csv
printf 'code,name_zh,name_en,direction,unit\nenrol,入学率,Enrolment,higher_better,%%\n' \
    > indicators.csv
cat > data.csv <<'CSV'
region_code,year,indicator,stratum,value,population
a,2020,enrol,all,90,100
b,2020,enrol,all,80,300
c,2020,enrol,all,70,100
a,2020,enrol,mig,80,10
b,2020,enrol,mig,60,30
a,2020,enrol,loc,100,90
b,2020,enrol,loc,90,270
c,2020,enrol,loc,90,100
a,2020,enrol,old,45,10
b,2020,enrol,old,80,20
c,2020,enrol,old,70,10
a,2020,enrol,reg,85,50
CSV
printf '[data]\nfiles = data.csv\nregions = regions.csv\nindicators = indicators.csv\nstrata = strata.csv\n[charts]\nkinds = none\n[output]\ndir = out\n' > run.ini
# By hand (weights = the population column, each side its own):
# mig:loc, province = P (c has no mig value: left out, counted):
#   mig (80*10 + 60*30)/40 = 65; loc (100*90 + 90*270)/360 = 92.5;
#   ratio 65/92.5 = 0.7027..., gap -27.5; a 80/100 = 0.8, b 60/90 = 0.667.
# old:total, province: old (45*10 + 80*20 + 70*10)/40 = 68.75, total
#   (90*100 + 80*300 + 70*100)/500 = 80, ratio 0.859375, gap -11.25;
#   P: old 2050/30 = 68.33, total 33000/400 = 82.5, ratio 0.8283;
#   Q: 70 and 70, ratio 1.  Counties worse off (ratio < 1): mig 2 of 2, old 1 of 3.
cat > want.csv <<'CSV'
group,comparison,indicator,year,level,area,region,name,n,left_out,group_value,comparison_value,ratio,gap,ratio_of,note
mig,loc,enrol,2020,province,,,,2,1,65,92.5,0.70270270270270274,-27.5,mig/loc,
mig,loc,enrol,2020,area,P,,,2,0,65,92.5,0.70270270270270274,-27.5,mig/loc,
mig,loc,enrol,2020,area,Q,,,0,1,,,,,mig/loc,
mig,loc,enrol,2020,county,P,a,甲县,,,80,100,0.80000000000000004,-20,mig/loc,
mig,loc,enrol,2020,county,P,b,乙县,,,60,90,0.66666666666666663,-30,mig/loc,
mig,loc,enrol,2020,county,Q,c,丙县,,,,90,,,mig/loc,no mig value
old,total,enrol,2020,province,,,,3,0,68.75,80,0.859375,-11.25,old/total,
old,total,enrol,2020,area,P,,,2,0,68.333333333333329,82.5,0.82828282828282818,-14.166666666666671,old/total,
old,total,enrol,2020,area,Q,,,1,0,70,70,1,0,old/total,
old,total,enrol,2020,county,P,a,甲县,,,45,90,0.5,-45,old/total,
old,total,enrol,2020,county,P,b,乙县,,,80,80,1,0,old/total,
old,total,enrol,2020,county,Q,c,丙县,,,70,70,1,0,old/total,
CSV
for lang in zh en; do
    if ! "$bin" run run.ini -q --set output.lang=$lang --set output.dir=$lang > log 2>&1; then
        echo "FAIL: run ($lang)"; cat log; fail=1; continue
    fi
    cmp -s want.csv $lang/tables/group-gaps.csv ||
        { echo "FAIL: ($lang) group-gaps.csv"; diff want.csv $lang/tables/group-gaps.csv; fail=1; }
    case $lang in
    zh) head='人群差距' r1='<tr><td>随迁子女</td><td>本地儿童</td><td>入学率</td><td>%</td><td class=n>65.0</td><td class=n>92.5</td><td class=n>0.70</td><td class=n>-27.5</td><td class=n>2 / 2</td></tr>'
        r2='<tr><td>老年人</td><td>全体</td><td>入学率</td><td>%</td><td class=n>68.8</td><td class=n>80.0</td><td class=n>0.86</td><td class=n>-11.2</td><td class=n>1 / 3</td></tr>' ;;
    en) head='Gaps between groups of people' r1='<tr><td>Migrant children</td><td>Local children</td><td>Enrolment</td><td>%</td><td class=n>65.0</td><td class=n>92.5</td><td class=n>0.70</td><td class=n>-27.5</td><td class=n>2 of 2</td></tr>'
        r2='<tr><td>Elderly</td><td>Everyone</td><td>Enrolment</td><td>%</td><td class=n>68.8</td><td class=n>80.0</td><td class=n>0.86</td><td class=n>-11.2</td><td class=n>1 of 3</td></tr>' ;;
    esac
    # The section comes right after town and country, numbered.
    grep -qE "^<h2 id=group-gaps>3 $head</h2>$" $lang/report.html ||
        { echo "FAIL: ($lang) no section heading '3 $head'"; fail=1; }
    grep -qF "<a href=\"#group-gaps\">3 $head</a>" $lang/report.html ||
        { echo "FAIL: ($lang) section not in the contents"; fail=1; }
    for r in "$r1" "$r2"; do
        grep -qF "$r" $lang/report.html || { echo "FAIL: ($lang) no row $r"; fail=1; }
    done
    [ "$(grep -c '<td>Registered</td>\|<td>户籍人口</td>' $lang/report.html)" = 0 ] ||
        { echo "FAIL: ($lang) a stratum of another dimension in the group section"; fail=1; }
done
# Without groups (the catalog's group rows dropped, their data too): the
# step is skipped with its reason, there is no table and no section.
grep -v ',group,' strata.csv > s2.csv
grep -v ',\(mig\|loc\|old\),' data.csv > d2.csv
sed 's/strata.csv/s2.csv/; s/data.csv/d2.csv/' run.ini > run2.ini
if "$bin" run run2.ini -q --set output.lang=en --set output.dir=none > log 2>&1; then
    [ ! -e none/tables/group-gaps.csv ] || { echo "FAIL: a group-gaps table without groups"; fail=1; }
    ! grep -q 'id=group-gaps' none/report.html || { echo "FAIL: a group section without groups"; fail=1; }
    grep -qF '<li>group gaps: the data have no groups of people (strata of dimension group in the strata catalog, with what they are compared with)</li>' none/report.html ||
        { echo "FAIL: no reason for the skipped step"; fail=1; }
    grep -q 'step group gaps: skipped' none/run.log || { echo "FAIL: run.log silent"; fail=1; }
else
    echo "FAIL: run without groups"; cat log; fail=1
fi
[ $fail = 0 ] && echo "ok: group-gaps.csv by hand, the section in zh and en, skipped without groups"
exit $fail
