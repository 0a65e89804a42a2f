# R's survreg (survival 3.5-3, compiled C) on the customers of AftBenchmark, the peer of
# AftBenchmark.weibullFit / logNormalFit / logLogisticFit. Write the data, then time three fits of each:
#   java -cp benchmarks/target/benchmarks.jar org.loyaltymetrics.benchmarks.AftBenchmark /tmp/aft_customers.csv
#   Rscript benchmarks/peers/aft_survreg.R /tmp/aft_customers.csv [weibull lognormal loglogistic]
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(if (length(args)) args[1] else "/tmp/aft_customers.csv")
dists <- if (length(args) > 1) args[-1] else c("weibull", "lognormal", "loglogistic")
f <- Surv(tenure, churned) ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10
for (dist in dists) {
  times <- sapply(1:3, function(i) system.time(fit <<- survreg(f, data = d, dist = dist))[["elapsed"]])
  cat(sprintf("survreg %s: %d rows, %d events, median of 3 = %.2f s (%s); loglik %.6f; scale %.6f; coef %s\n", dist,
              nrow(d), sum(d$churned), median(times), paste(sprintf("%.2f", times), collapse = ", "), fit$loglik[2],
              fit$scale, paste(sprintf("%.6f", coef(fit)), collapse = " ")))
}
