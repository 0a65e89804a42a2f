# R's coxph (survival 3.5-3, compiled C) on the customers of ChurnBenchmark, the peer of
# ChurnBenchmark.coxFitEfron / coxFitBreslow. Write the data, then time three fits of each:
#   java -cp benchmarks/target/benchmarks.jar org.loyaltymetrics.benchmarks.ChurnBenchmark /tmp/cox_customers.csv
#   Rscript benchmarks/peers/cox_coxph.R /tmp/cox_customers.csv
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(if (length(args)) args[1] else "/tmp/cox_customers.csv")
f <- Surv(tenure, churned) ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10
for (ties in c("efron", "breslow")) {
  times <- sapply(1:3, function(i) system.time(fit <<- coxph(f, data = d, ties = ties))[["elapsed"]])
  cat(sprintf("coxph %s: %d rows, %d events, median of 3 = %.2f s (%s); loglik %.6f; coef %s\n", ties, nrow(d),
              sum(d$churned), median(times), paste(sprintf("%.2f", times), collapse = ", "), fit$loglik[2],
              paste(sprintf("%.6f", coef(fit)), collapse = " ")))
}
