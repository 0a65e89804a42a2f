# Reference values for org.loyaltymetrics.churn and the retention survival additions, from R's
# survival package on lung.csv (a copy of ../../../../../../shared/data/survival/lung.csv, R's survival::lung).
# Run: Rscript lung-reference.R > lung-reference.csv   (R 4.2.2, survival 3.5-3, Debian 12)
suppressMessages(library(survival))
lung <- read.csv("lung.csv")
lung$event <- as.integer(lung$status == 2)
out <- function(name, value) cat(sprintf("%s,%.15g\n", name, value))
cat("name,value\n")
put <- function(prefix, fit) {
  cf <- coef(fit); se <- sqrt(diag(fit$var)); names(se) <- names(cf)
  for (v in names(cf)) { out(paste0(prefix, ".coef.", v), cf[[v]]); out(paste0(prefix, ".se.", v), se[[v]]) }
  if (!is.null(fit$naive.var)) for (v in names(cf)) out(paste0(prefix, ".naivese.", v), sqrt(diag(fit$naive.var))[[match(v, names(cf))]])
  out(paste0(prefix, ".loglik0"), fit$loglik[1]); out(paste0(prefix, ".loglik"), fit$loglik[2])
  out(paste0(prefix, ".score"), fit$score); out(paste0(prefix, ".wald"), fit$wald.test)
  out(paste0(prefix, ".concordance"), fit$concordance[["concordance"]])
}
f1 <- coxph(Surv(time, event) ~ age + sex, data = lung)
put("efron", f1)
f2 <- coxph(Surv(time, event) ~ age + sex, data = lung, ties = "breslow")
put("breslow", f2)
z1 <- cox.zph(f1)$table; z2 <- cox.zph(f2)$table
for (r in rownames(z1)) { out(paste0("efron.zph.", r), z1[r, "chisq"]); out(paste0("breslow.zph.", r), z2[r, "chisq"]) }
# three covariates, complete cases
lc <- lung[!is.na(lung$ph.ecog), ]
put("ecog", coxph(Surv(time, event) ~ age + sex + ph.ecog, data = lc))
z3 <- cox.zph(coxph(Surv(time, event) ~ age + sex + ph.ecog, data = lc))$table
for (r in rownames(z3)) out(paste0("ecog.zph.", r), z3[r, "chisq"])
# strata
put("strata", coxph(Surv(time, event) ~ age + ph.ecog + strata(sex), data = lc))
fs <- coxph(Surv(time, event) ~ age + ph.ecog + strata(sex), data = lc)
ss <- summary(survfit(fs, newdata = data.frame(age = 60, ph.ecog = 1), ctype = 1), times = 365)
out("strata.survival.ctype1.60.1.sex1.365", ss$surv[1]); out("strata.survival.ctype1.60.1.sex2.365", ss$surv[2])
# weights (non-integer)
lc$w <- 1 + (lc$inst %% 3) / 2
li <- lc[!is.na(lc$inst), ]
put("weighted", coxph(Surv(time, event) ~ age + sex, data = li, weights = w))
put("weightedbreslow", coxph(Surv(time, event) ~ age + sex, data = li, weights = w, ties = "breslow"))
# robust: clustered by institution, and one row per cluster
put("cluster", coxph(Surv(time, event) ~ age + sex, data = li, cluster = inst))
put("clusterbreslow", coxph(Surv(time, event) ~ age + sex, data = li, cluster = inst, ties = "breslow"))
put("robust", coxph(Surv(time, event) ~ age + sex, data = lung, robust = TRUE))
# counting process: split at 180 and 360 days, with a time-varying covariate late = sex after day 180
lung$id <- seq_len(nrow(lung))
sp <- survSplit(Surv(time, event) ~ age + sex + id, data = lung, cut = c(180, 360), episode = "ep")
sp$late <- sp$sex * (sp$tstart >= 180)
write.csv(sp[, c("id", "tstart", "time", "event", "age", "sex", "late")], "lung-split.csv", row.names = FALSE)
put("split", coxph(Surv(tstart, time, event) ~ age + sex, data = sp))
put("splitlate", coxph(Surv(tstart, time, event) ~ age + sex + late, data = sp, cluster = id))
zs <- cox.zph(coxph(Surv(tstart, time, event) ~ age + sex + late, data = sp))$table
for (r in rownames(zs)) out(paste0("splitlate.zph.", r), zs[r, "chisq"])
# baseline (Breslow) and predictions of the Breslow fit
bh <- basehaz(f2, centered = FALSE)
for (t in c(5, 100, 365, 700, 1022)) out(paste0("breslow.basehaz.", t), bh$hazard[max(which(bh$time <= t))])
sf <- survfit(f2, newdata = data.frame(age = 60, sex = 2))
for (t in c(100, 365, 700)) out(paste0("breslow.survival.60.2.", t), summary(sf, times = t)$surv)
sfe <- survfit(f1, newdata = data.frame(age = 60, sex = 2), ctype = 1)
for (t in c(100, 365, 700)) out(paste0("efron.survival.ctype1.60.2.", t), summary(sfe, times = t)$surv)
# log-rank
sd1 <- survdiff(Surv(time, event) ~ sex, data = lung)
out("logrank.sex.chisq", sd1$chisq); out("logrank.sex.obs.1", sd1$obs[1]); out("logrank.sex.exp.1", sd1$exp[1]); out("logrank.sex.exp.2", sd1$exp[2])
sd2 <- survdiff(Surv(time, event) ~ ph.ecog, data = lc)
out("logrank.ecog.chisq", sd2$chisq); for (i in 1:4) out(paste0("logrank.ecog.exp.", i), sd2$exp[i])
sd3 <- survdiff(Surv(time, event) ~ sex + strata(ph.ecog), data = lc)
out("logrank.sexbyecog.chisq", sd3$chisq); out("logrank.sexbyecog.exp.1", sum(sd3$exp[1, ])); out("logrank.sexbyecog.exp.2", sum(sd3$exp[2, ]))
# Nelson-Aalen
na <- survfit(Surv(time, event) ~ 1, data = lung, ctype = 1)
for (t in c(100, 365, 700)) { i <- max(which(na$time <= t)); out(paste0("nelsonaalen.", t), na$cumhaz[i]); out(paste0("nelsonaalen.se.", t), na$std.chaz[i]) }
# ---- parametric AFT (survreg), org.loyaltymetrics.churn.AftModel ----
# fits to rel.tolerance 1e-13 (R's default 1e-9 stops a few digits short; "aftdefault" keeps those too)
tight <- survreg.control(rel.tolerance = 1e-13, maxiter = 200)
putaft <- function(prefix, fit) {
  cf <- c(coef(fit), log(fit$scale)); v <- vcov(fit)
  nm <- c(names(coef(fit)), if (length(fit$scale) == 1) "Log(scale)" else paste0("Log(scale).", names(fit$scale)))
  for (i in seq_along(cf)) { out(paste0(prefix, ".coef.", nm[i]), cf[[i]]); out(paste0(prefix, ".se.", nm[i]), sqrt(v[i, i])) }
  if (!is.null(fit$naive.var)) for (i in seq_along(cf)) out(paste0(prefix, ".naivese.", nm[i]), sqrt(fit$naive.var[i, i]))
  out(paste0(prefix, ".loglik0"), fit$loglik[1]); out(paste0(prefix, ".loglik"), fit$loglik[2])
  b <- coef(fit)[-1]; vb <- v[2:(length(b) + 1), 2:(length(b) + 1), drop = FALSE]
  out(paste0(prefix, ".wald"), drop(t(b) %*% solve(vb) %*% b))
  out(paste0(prefix, ".concordance"), concordance(fit)$concordance)
}
ssurv <- function(dist, t, lp, s) switch(dist, weibull = pweibull(t, shape = 1 / s, scale = exp(lp), lower.tail = FALSE),
  lognormal = plnorm(t, lp, s, lower.tail = FALSE), loglogistic = plogis(log(t), lp, s, lower.tail = FALSE))
for (dist in c("weibull", "lognormal", "loglogistic")) {
  fa <- survreg(Surv(time, event) ~ age + sex, data = lung, dist = dist, control = tight)
  putaft(paste0("aft.", dist), fa)
  for (nd in list(c(60, 2), c(70, 1))) {
    key <- paste0("aft.", dist, ".", nd[1], ".", nd[2])
    d1 <- data.frame(age = nd[1], sex = nd[2])
    for (q in c(0.1, 0.5, 0.9)) out(paste0(key, ".quantile.", q), predict(fa, newdata = d1, type = "quantile", p = q))
    lp <- predict(fa, newdata = d1, type = "lp")
    for (t in c(30, 365, 700)) out(paste0(key, ".survival.", t), ssurv(dist, t, lp, fa$scale))
    # the mean lifetime by numerical integration of the survival function (independent of the closed forms)
    out(paste0(key, ".mean"), integrate(function(t) ssurv(dist, t, lp, fa$scale), 0, Inf, rel.tol = 1e-12)$value)
    # the expected remaining lifetime at tenure t0, integrate(S, t0, Inf) / S(t0)
    for (t0 in c(100, 365, 2000)) out(paste0(key, ".remaining.", t0),
      integrate(function(t) ssurv(dist, t, lp, fa$scale), t0, Inf, rel.tol = 1e-12)$value / ssurv(dist, t0, lp, fa$scale))
  }
  putaft(paste0("aftweighted.", dist), survreg(Surv(time, event) ~ age + sex, data = li, weights = w, dist = dist, control = tight))
  putaft(paste0("aftecog.", dist), survreg(Surv(time, event) ~ age + sex + ph.ecog, data = lc, dist = dist, control = tight))
}
fd <- survreg(Surv(time, event) ~ age + sex, data = lung, dist = "weibull")
for (v in names(coef(fd))) out(paste0("aftdefault.weibull.coef.", v), coef(fd)[[v]])
out("aftdefault.weibull.scale", fd$scale); out("aftdefault.weibull.loglik", fd$loglik[2])
# Weibull as proportional hazards: gamma = -beta / sigma, delta-method se on (beta, log sigma)
fw <- survreg(Surv(time, event) ~ age + sex, data = lung, dist = "weibull", control = tight)
vw <- vcov(fw)
for (v in c("age", "sex")) {
  b <- coef(fw)[[v]]; s <- fw$scale; gr <- c(-1 / s, b / s); idx <- c(match(v, names(coef(fw))), 4)
  out(paste0("aft.weibull.ph.coef.", v), -b / s); out(paste0("aft.weibull.ph.se.", v), sqrt(drop(t(gr) %*% vw[idx, idx] %*% gr)))
}
# robust (clusters) and strata (a scale per sex)
putaft("aftcluster.weibull", survreg(Surv(time, event) ~ age + sex, data = li, cluster = inst, dist = "weibull", control = tight))
# weights and clusters: survreg's own robust variance sums the UNweighted dfbeta residuals (residuals.survreg's
# default weighted = FALSE), unlike coxph; AftModel sums the weighted scores (as coxph), i.e. weighted = TRUE
fcw <- survreg(Surv(time, event) ~ age + sex, data = li, weights = w, dist = "weibull", control = tight)
rw <- sqrt(diag(crossprod(rowsum(residuals(fcw, "dfbeta", weighted = TRUE), li$inst))))
ru <- sqrt(diag(crossprod(rowsum(residuals(fcw, "dfbeta"), li$inst))))
nmw <- c(names(coef(fcw)), "Log(scale)")
for (i in seq_along(nmw)) { out(paste0("aftclusterweighted.weibull.robustse.", nmw[i]), rw[i])
  out(paste0("aftclusterweighted.weibull.survregse.", nmw[i]), ru[i]) }
fst <- survreg(Surv(time, event) ~ age + ph.ecog + strata(sex), data = lc, dist = "weibull", control = tight)
putaft("aftstrata.weibull", fst)
for (sx in 1:2) out(paste0("aftstrata.weibull.60.1.", sx, ".survival.365"),
  ssurv("weibull", 365, predict(fst, newdata = data.frame(age = 60, ph.ecog = 1, sex = sx), type = "lp"), fst$scale[sx]))
