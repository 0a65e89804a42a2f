# Reference values for the evaluation of churn scores (org.loyaltymetrics.churn.Concordance, BrierScore,
# CalibrationTable) on lung.csv (R's survival::lung), from R's survival package and pec.
# Run in this directory: Rscript evaluation-reference.R > evaluation-reference.csv
# (R 4.2.2, survival 3.5-3, pec 2022.05.04 with prodlim; Debian 12 packages r-cran-survival, r-cran-pec)
suppressMessages({library(survival); library(pec)})
lung <- read.csv("lung.csv")
lung$event <- as.integer(lung$status == 2)
out <- function(name, value) cat(sprintf("%s,%.15g\n", name, value))
cat("name,value\n")
lc <- lung[!is.na(lung$ph.ecog), ]
lc$w <- 1 + (lc$inst %% 3) / 2
li <- lc[!is.na(lc$inst), ]
lung$id <- seq_len(nrow(lung))
sp <- read.csv("lung-split.csv")
# --- Harrell's concordance and its infinitesimal-jackknife variance (concordance()$var)
conc <- function(prefix, c) { out(paste0(prefix, ".concordance"), c$concordance); out(paste0(prefix, ".var"), c$var) }
f1 <- coxph(Surv(time, event) ~ age + sex, data = lung)
f2 <- coxph(Surv(time, event) ~ age + sex, data = lung, ties = "breslow", x = TRUE)
conc("efron", concordance(f1))
conc("breslow", concordance(f2))
conc("ecog", concordance(coxph(Surv(time, event) ~ age + sex + ph.ecog, data = lc)))
conc("strata", concordance(coxph(Surv(time, event) ~ age + ph.ecog + strata(sex), data = lc)))
conc("weighted", concordance(coxph(Surv(time, event) ~ age + sex, data = li, weights = w)))
conc("cluster", concordance(coxph(Surv(time, event) ~ age + sex, data = li, cluster = inst)))
conc("split", concordance(coxph(Surv(tstart, time, event) ~ age + sex, data = sp)))
# ph.ecog alone: many ties in the score
conc("ecogonly", concordance(coxph(Surv(time, event) ~ ph.ecog, data = lc)))
# holdout: fitted to the first 150 patients, evaluated on the other 78
train <- lung[1:150, ]; test <- lung[151:228, ]
fh <- coxph(Surv(time, event) ~ age + sex, data = train, ties = "breslow", x = TRUE)
conc("holdout", concordance(fh, newdata = test))
# --- the Brier score with IPCW (Graf et al. 1999), written out: predictions S(t|x) with the Breslow baseline
# (survfit ctype = 1, as CoxModel); G the Kaplan-Meier estimate of the censoring distribution, by hand, with
# churn before censoring at a tied time (a customer who churned at t is not at risk of censoring at t: the
# convention of prodlim's reverse Kaplan-Meier, which pec uses), G(T-) its value just before T
revkm <- function(time, event) {
  ct <- sort(unique(time[event == 0]))
  s <- cumprod(sapply(ct, function(t) { c <- sum(time == t & event == 0); 1 - c / (sum(time > t) + c) }))
  function(u, strict) sapply(u, function(v) { i <- which(if (strict) ct < v else ct <= v); if (length(i)) s[max(i)] else 1 })
}
brier <- function(fit, data, tau) {
  S <- as.numeric(summary(survfit(fit, newdata = data, ctype = 1), times = tau, extend = TRUE)$surv)
  G <- revkm(data$time, data$event)
  Gminus <- G(data$time, TRUE)
  Gtau <- G(tau, FALSE)
  km <- summary(survfit(Surv(time, event) ~ 1, data = data), times = tau)$surv
  died <- data$time <= tau & data$event == 1; alive <- data$time > tau
  c(model = mean(died * S^2 / Gminus + alive * (1 - S)^2 / Gtau),
    reference = mean(died * km^2 / Gminus + alive * (1 - km)^2 / Gtau))
}
for (tau in c(90, 180, 365, 540, 730)) {
  b <- brier(f1, lung, tau); out(paste0("brier.efron.", tau), b[["model"]]); out(paste0("brier.reference.", tau), b[["reference"]])
  b <- brier(f2, lung, tau); out(paste0("brier.breslow.", tau), b[["model"]])
}
for (tau in c(180, 365)) out(paste0("brier.holdout.", tau), brier(fh, test, tau)[["model"]])
# the integrated Brier score over a grid: the step function BS(t_k) on [t_k, t_k+1), divided by t_K - t_1
grid <- c(0, 90, 180, 365, 540, 730)
bs <- sapply(grid[-length(grid)], function(tau) brier(f1, lung, tau)[["model"]])
out("ibs.efron.0.730", sum(bs * diff(grid)) / (max(grid) - min(grid)))
# --- the same Brier scores from pec (a Breslow-ties fit, whose survfit is the Breslow estimate, as CoxModel's)
pe <- pec(list(cox = f2), formula = Surv(time, event) ~ 1, data = lung, times = c(90, 180, 365, 540, 730),
  exact = FALSE, cens.model = "marginal", reference = TRUE, verbose = FALSE)
for (k in seq_along(pe$time)) {
  out(paste0("pec.breslow.", pe$time[k]), pe$AppErr$cox[k]); out(paste0("pec.reference.", pe$time[k]), pe$AppErr$Reference[k])
}
# --- calibration by deciles of predicted churn at 365 days (Efron fit, Breslow baseline): ordered by predicted
# survival descending (ties in row order), group g the positions floor(g n / 10) + 1 .. floor((g + 1) n / 10);
# observed = 1 - Kaplan-Meier at 365 with the log-log 95% interval
S <- as.numeric(summary(survfit(f1, newdata = lung, ctype = 1), times = 365, extend = TRUE)$surv)
o <- order(-S); n <- nrow(lung)
for (g in 0:9) {
  rows <- o[(floor(g * n / 10) + 1):floor((g + 1) * n / 10)]
  km <- summary(survfit(Surv(time, event) ~ 1, data = lung[rows, ], conf.type = "log-log"), times = 365)
  out(paste0("calibration.", g + 1, ".customers"), length(rows))
  out(paste0("calibration.", g + 1, ".mean"), mean(1 - S[rows]))
  out(paste0("calibration.", g + 1, ".observed"), 1 - km$surv)
  out(paste0("calibration.", g + 1, ".low"), 1 - km$upper)
  out(paste0("calibration.", g + 1, ".high"), 1 - km$lower)
}
# --- scoring: the restricted mean lifetime within 365 days of the Breslow fit (its survfit is the Breslow estimate)
for (who in list(c(60, 2), c(70, 1))) {
  sf <- survfit(f2, newdata = data.frame(age = who[1], sex = who[2]))
  out(paste0("rmean.breslow.", who[1], ".", who[2], ".365"), summary(sf, rmean = 365)$table[["rmean"]])
}
