# Reference values for programme.Breakage: the Aalen-Johansen cumulative incidence of redemption, expiry
# competing, of points weighted by their number (survival's multi-state survfit with case weights).
# Run in this directory: Rscript breakage-reference.R > breakage-reference.csv
suppressPackageStartupMessages(library(survival))
d <- read.csv(text = "age,fate,points
3,1,40
5,0,25
5,1,60
8,1,10
12,2,30
12,1,20
12,0,15
15,1,50
20,0,80
22,2,45
22,1,35
30,1,5
30,0,70
41,2,90
41,1,12
50,0,33
60,2,100
60,1,8
75,0,60
90,2,40")
d$state <- factor(d$fate, 0:2, c("censor", "redeemed", "expired"))
fit <- survfit(Surv(age, state) ~ 1, data = d, weights = points)
s <- summary(fit, times = c(3, 5, 8, 12, 15, 22, 30, 41, 60, 90))
cat("name,value\n")
for (i in seq_along(s$time)) {
  cat(sprintf("redeemed.%d,%.17g\n", s$time[i], s$pstate[i, which(s$states == "redeemed")]))
  cat(sprintf("expired.%d,%.17g\n", s$time[i], s$pstate[i, which(s$states == "expired")]))
}
