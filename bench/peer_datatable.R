# The index suite as an analyst would write it with data.table: fread, one
# setorder, then every index per (indicator, year, stratum), unweighted and
# weighted by the population column.  Writes junheng's long layout
# (indicator,year,stratum,index,value) so bench/compare.sh can check the
# numbers.  Formulas as docs/indices.md.
#
# Usage: Rscript peer_datatable.R IN.csv OUT.csv
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
dt <- fread(args[1], colClasses = list(character = c("region_code", "indicator", "stratum")))
dt <- dt[!is.na(value)]
setorder(dt, indicator, year, stratum, value)
has_w <- "population" %in% names(dt)

suite <- function(x, w, sfx) {
  W <- sum(w); SX <- sum(w * x); mu <- SX / W; p <- w / W; r <- x / mu
  sd <- sqrt(sum(p * (x - mu)^2))
  below <- cumsum(w) - w
  v <- list(mean = mu, sd = sd,
            gini = sum(w * x * (2 * below + w - W)) / (W * SX),
            cv = sd / mu,
            theil_t = sum(ifelse(r > 0, p * r * log(r), 0)),
            theil_l = -sum(p * log(r)),
            ge2 = (sum(p * r * r) - 1) / 2,
            `atkinson_0.5` = 1 - sum(p * sqrt(r))^2,
            atkinson_1 = 1 - exp(sum(p * log(x))) / mu,
            atkinson_2 = 1 - 1 / sum(p / r),
            hoover = sum(abs(w * x / SX - p)) / 2)
  setNames(v, paste0(names(v), sfx))
}

res <- dt[, {
  q <- quantile(value, c(0.1, 0.9), names = FALSE)
  c(list(n = as.numeric(.N), min = value[1], max = value[.N], median = median(value),
         range = value[.N] - value[1], max_min_ratio = value[.N] / value[1],
         p90_p10 = q[2] / q[1]),
    suite(value, rep(1, .N), ""),
    if (has_w) suite(value, as.numeric(population), "_w"))
}, by = .(indicator, year, stratum)]

long <- melt(res, id.vars = c("indicator", "year", "stratum"),
             variable.name = "index", value.name = "value")
setorder(long, indicator, year, stratum)
fwrite(long, args[2])
