# CLVTools 0.12.1's fits with covariates (issue 15), timed: the peer side of the covariate models' speed.
#
#   Rscript benchmarks/peers/covariates_clvtools.R DATA_DIR [models]
#
# DATA_DIR holds transactions.csv, static.csv and dynamic.csv of the team's synthetic covariate data set
# (metrics-core/src/test/resources/covariates/ has the first two; dynamic.csv is ../shared/data/covariates/).
# models: any of pnbd_static, bgnbd_static, ggomnbd_static, pnbd_dynamic, pnbd_dynamic_constr,
# pnbd_dynamic_reg (default: all), with CLVTools' defaults, as the data set's README calls them; the last two
# on the dynamic customers with gender and marketing only, gender's coefficient on both processes
# (names.cov.constr) or the coefficients penalised (reg.lambdas = c(trans = 0.05, life = 0.2)). Prints one line per fit: model, elapsed seconds (wall
# clock), log-likelihood. CLVTools is built from its source (github bachmannpatrick/CLVTools, tag v0.12.1:
# R CMD INSTALL), Debian's r-cran-* packages for its dependencies.
Sys.setenv(TZ = "UTC")
suppressPackageStartupMessages({library(CLVTools); library(data.table)})
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
models <- if (length(args) > 1) args[-1] else c("pnbd_static", "bgnbd_static", "ggomnbd_static", "pnbd_dynamic",
                                                "pnbd_dynamic_constr", "pnbd_dynamic_reg")
trans <- fread(file.path(dir, "transactions.csv"), colClasses = c(customer_id = "character"))
static <- fread(file.path(dir, "static.csv"), colClasses = c(customer_id = "character"))
covs <- c("gender", "channel", "age_std")
clv <- clvdata(trans, date.format = "ymd", time.unit = "weeks", estimation.split = 52, data.end = "2024-12-29",
               name.id = "customer_id", name.date = "date", name.price = "price")
clvs <- SetStaticCovariates(clv, data.cov.life = static, data.cov.trans = static, names.cov.life = covs,
                            names.cov.trans = covs, name.id = "customer_id")
timed <- function(name, expr) {
  t <- system.time(fit <- expr)[["elapsed"]]
  cat(sprintf("%s %.2f s, log-likelihood %.6f\n", name, t, as.numeric(logLik(fit))))
}
for (m in models) {
  if (m == "pnbd_static") timed(m, pnbd(clvs, verbose = FALSE))
  if (m == "bgnbd_static") timed(m, bgnbd(clvs, verbose = FALSE))
  if (m == "ggomnbd_static") timed(m, ggomnbd(clvs, verbose = FALSE))
  if (m %in% c("pnbd_dynamic", "pnbd_dynamic_constr", "pnbd_dynamic_reg")) {
    dyn <- fread(file.path(dir, "dynamic.csv"), colClasses = c(customer_id = "character"))
    ids <- unique(c(as.character(1:1000), "2", "508", "3", "1914", "8"))
    sub <- trans[customer_id %in% ids]
    clv_sub <- clvdata(sub, date.format = "ymd", time.unit = "weeks", estimation.split = 52, data.end = "2024-12-29",
                       name.id = "customer_id", name.date = "date", name.price = "price")
    dc <- merge(dyn[customer_id %in% ids], static, by = "customer_id")
    names <- if (m == "pnbd_dynamic") c(covs, "marketing") else c("gender", "marketing")
    clvd <- SetDynamicCovariates(clv_sub, data.cov.life = dc, data.cov.trans = dc,
                                 names.cov.life = names, names.cov.trans = names,
                                 name.id = "customer_id", name.date = "week_start_date")
    if (m == "pnbd_dynamic") timed(m, pnbd(clvd, verbose = FALSE))
    if (m == "pnbd_dynamic_constr") timed(m, pnbd(clvd, names.cov.constr = "gender", verbose = FALSE))
    if (m == "pnbd_dynamic_reg") timed(m, pnbd(clvd, reg.lambdas = c(trans = 0.05, life = 0.2), verbose = FALSE))
  }
}
cat(sprintf("CLVTools %s, R %s, %s\n", packageVersion("CLVTools"), getRversion(), format(Sys.time(), "%Y-%m-%d %H:%M UTC", tz = "UTC")))
