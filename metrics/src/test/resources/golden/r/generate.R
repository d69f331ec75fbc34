#!/usr/bin/env Rscript
# Generates the R golden values of clinigate's calibration statistics (RGoldenTest).
#
# Run from this directory with Debian's R (packages r-base-core, r-cran-rms):
#
#     Rscript generate.R
#
# Each case folder gets
#   case.json      options (thresholds, bins, group columns) and the input file, relative to this folder
#   input.csv      (new cases only) label,score[,group...]; the existing cases read ../binary/<case>/input.csv
#   expected.json  expected values in the shape of MetricsReport.toJson() (only the keys computed here)
#
# Reference values, for the whole set and every group:
#   ici, e50, e90, emax   as rms::val.prob computes Eavg, Emax and E90: Sm <- lowess(p, y, iter = 0);
#                         s <- approx(Sm, xout = p, ties = mean)$y; er <- abs(p - s); ici = mean(er),
#                         e50 = median(er), e90 = quantile(er, 0.9) (type 7), emax = max(er). Checked equal to
#                         val.prob's Eavg, E90 and Emax where val.prob runs (both classes, at least 2 scores).
#                         With a single distinct score approx() cannot interpolate; the lowess fit is then
#                         the mean label at every case and is used directly.
#   calibration slope     coef and confint.default of glm(y ~ lp, binomial), lp = log(p' / (1 - p')),
#                         p' = pmin(pmax(p, 1e-15), 1 - 1e-15) (DESIGN.md's clipping)
#   calibration intercept coef and confint.default of glm(y ~ offset(lp), binomial)
#                         Both fits are run to convergence (epsilon 1e-14) and then refitted from their own
#                         coefficients, so that the standard errors (which glm takes from the weights of its
#                         last iteration's start) are those at the maximum-likelihood estimate itself; with
#                         the default epsilon = 1e-8 they can be off in the 6th digit. Null when the MLE does
#                         not exist (one class, one distinct lp, (quasi-)complete separation), as in Java.
#   oe_ratio              sum(y) / sum(p) with exp(log(O/E) +- qnorm(0.975) * sqrt((1 - phi) / (n * phi))),
#                         phi = mean(y)
#   thresholds            net_benefit = TP/n - FP/n * t/(1-t) and net_benefit_treat_all =
#                         phi - (1 - phi) * t/(1-t) (null at t = 1)
#   paired-pima           pROC::roc.test(paired = TRUE, method = "delong") of two scores on the same Pima cases:
#                         AUROCs, difference, z, its standard error (difference / z), the two-sided p-value,
#                         the one-sided p-value (alternative = "greater") and the non-inferiority p-value
#                         pnorm((difference + margin) / se, lower.tail = FALSE) for margin 0.02
#
# Tied scores: R's lowess sorts with order(x), so tied rows keep their input order. The fit does not
# depend on that order (see dev.clinigate.metrics.internal.SmoothedCalibration); the script checks it on
# every case by refitting on a shuffled copy.

suppressPackageStartupMessages(library(rms))

here <- (function() {
  args <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", args[grep("^--file=", args)])
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})()
setwd(here)
z975 <- qnorm(0.975)

num <- function(v) {
  if (is.null(v) || length(v) == 0 || is.na(v)) return("null")
  stopifnot(is.finite(v))
  s <- sprintf("%.15g", v)
  if (as.numeric(s) != v) s <- sprintf("%.16g", v)
  if (as.numeric(s) != v) s <- sprintf("%.17g", v)
  if (!grepl("[.eE]", s)) s <- paste0(s, ".0")
  s
}
str <- function(s) paste0('"', s, '"')
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste(sprintf('"%s": %s', names(kv), unlist(kv)), collapse = ", "), "}")
}
arr <- function(xs) paste0("[", paste(xs, collapse = ", "), "]")

smooth_errors <- function(p, y) {
  sm <- lowess(p, y, iter = 0)
  # approx() needs two distinct x; with one distinct score every fitted value is the same (the mean y)
  s <- if (length(unique(p)) > 1) approx(sm, xout = p, ties = mean)$y else rep(sm$y[1], length(p))
  er <- abs(p - s)
  c(ici = mean(er), e50 = median(er), e90 = unname(quantile(er, 0.9, type = 7)), emax = max(er))
}

mle_exists <- function(lp, y, slope) {
  if (sum(y) == 0 || sum(y) == length(y)) return(FALSE)
  if (!slope) return(TRUE)
  if (length(unique(lp)) < 2) return(FALSE)
  pos <- lp[y == 1]
  neg <- lp[y == 0]
  !(max(neg) <= min(pos) || max(pos) <= min(neg))
}

wald <- function(formula, data, term) {
  ctl <- glm.control(epsilon = 1e-14, maxit = 100)
  f0 <- glm(formula, family = binomial, data = data, control = ctl)
  f <- glm(formula, family = binomial, data = data, control = ctl, start = coef(f0))
  stopifnot(f$converged)
  ci <- confint.default(f)[term, ]
  list(point = unname(coef(f)[term]), lower = unname(ci[1]), upper = unname(ci[2]))
}

interval_json <- function(iv) {
  if (is.null(iv)) return(obj(point = "null", lower95 = "null", upper95 = "null", method = str("wald")))
  obj(point = num(iv$point), lower95 = num(iv$lower), upper95 = num(iv$upper), method = str("wald"))
}

report <- function(y, p, thresholds) {
  n <- length(y)
  m <- sum(y)
  phi <- m / n
  e <- smooth_errors(p, y)
  # the order of tied rows does not matter (checked on a shuffled copy)
  o <- sample.int(n)
  e2 <- smooth_errors(p[o], y[o])
  stopifnot(max(abs(e - e2) / pmax(abs(e), 1e-300)) < 1e-12)
  if (m > 0 && m < n && length(unique(p)) > 1) {
    v <- suppressWarnings(val.prob(p, y, pl = FALSE))
    stopifnot(abs(v[["Eavg"]] - e[["ici"]]) <= 1e-15 * e[["ici"]],
              abs(v[["E90"]] - e[["e90"]]) <= 1e-15 * e[["e90"]],
              abs(v[["Emax"]] - e[["emax"]]) <= 1e-15 * e[["emax"]])
  }
  pc <- pmin(pmax(p, 1e-15), 1 - 1e-15)
  d <- data.frame(y = y, lp = log(pc / (1 - pc)))
  slope <- if (mle_exists(d$lp, y, TRUE)) wald(y ~ lp, d, "lp") else NULL
  intercept <- if (mle_exists(d$lp, y, FALSE)) wald(y ~ offset(lp), d, "(Intercept)") else NULL
  oe <- if (sum(p) > 0) m / sum(p) else NA
  oe_iv <- if (m > 0 && sum(p) > 0) {
    se <- sqrt((1 - phi) / (n * phi))
    list(point = oe, lower = exp(log(oe) - z975 * se), upper = exp(log(oe) + z975 * se))
  } else NULL
  ts <- sapply(thresholds, function(t) {
    flagged <- p >= t
    tp <- sum(flagged & y == 1)
    fp <- sum(flagged & y == 0)
    if (t == 1) return(obj(threshold = num(t), net_benefit = "null", net_benefit_treat_all = "null"))
    obj(threshold = num(t), net_benefit = num(tp / n - fp / n * (t / (1 - t))),
        net_benefit_treat_all = num(phi - (1 - phi) * (t / (1 - t))))
  })
  obj(n = n,
      metrics = obj(ici = num(e[["ici"]]), e50 = num(e[["e50"]]), e90 = num(e[["e90"]]), emax = num(e[["emax"]]),
                    oe_ratio = num(oe), calibration_slope = num(slope$point),
                    calibration_intercept = num(intercept$point)),
      thresholds = arr(ts),
      intervals = obj(calibration_slope = interval_json(slope), calibration_intercept = interval_json(intercept),
                      oe_ratio = interval_json(oe_iv)))
}

write_case <- function(name, description, input, thresholds, groups = character(0)) {
  dir.create(name, showWarnings = FALSE)
  data <- read.csv(file.path(name, input), colClasses = "character", na.strings = character(0))
  y <- as.integer(data$label)
  p <- as.numeric(data$score)
  top <- report(y, p, thresholds)
  if (length(groups) > 0) {
    cols <- sapply(groups, function(g) {
      vals <- sort(unique(data[[g]][data[[g]] != ""]), method = "radix")
      per <- sapply(vals, function(v) {
        i <- data[[g]] == v
        sprintf('"%s": %s', v, report(y[i], p[i], thresholds))
      })
      sprintf('"%s": {%s}', g, paste(per, collapse = ", "))
    })
    top <- sub("}$", paste0(', "groups": {', paste(cols, collapse = ", "), "}}"), top)
  }
  writeLines(top, file.path(name, "expected.json"))
  writeLines(obj(description = str(description), input = str(input), thresholds = arr(sapply(thresholds, num)),
                 bins = 10, groups = arr(if (length(groups)) sapply(groups, str) else character(0))),
             file.path(name, "case.json"))
  cat(sprintf("%s: n=%d\n", name, length(y)))
}

set.seed(20261204)

# real data (inputs and their provenance in ../binary)
write_case("pima", "Pima Indians Diabetes, in-sample logistic regression score (../binary/pima)",
           "../../binary/pima/input.csv", c(0.3, 0.5, 0.7), c("age_band", "pregnant"))
write_case("breast-cancer", "Wisconsin breast cancer, malignant = 1 (../binary/breast-cancer)",
           "../../binary/breast-cancer/input.csv", c(0.1, 0.5, 0.9))
write_case("ties", "300 cases, scores rounded to 2 decimals (../binary/ties)",
           "../../binary/ties/input.csv", c(0.2, 0.5, 0.7), "arm")
write_case("synthetic-10k", "10,000 cases, 4-decimal scores, 3 group columns (../binary/synthetic-10k)",
           "../../binary/synthetic-10k/input.csv", c(0.1, 0.3, 0.5, 0.8), c("sex", "age_band", "site"))
write_case("constant-score", "every score 0.3 (../binary/constant-score)", "../../binary/constant-score/input.csv",
           c(0.3, 0.5))
write_case("tiny-3-tied", "three cases, two tied (../binary/tiny-3-tied)", "../../binary/tiny-3-tied/input.csv",
           c(0.4, 0.5))

# heavy ties: 5,000 cases with scores rounded to 1 decimal (at most 11 distinct values), so the lowess
# windows end inside runs of tied rows
n <- 5000
dir.create("heavy-ties", showWarnings = FALSE)
lp <- rnorm(n, -1, 1.2)
y <- rbinom(n, 1, plogis(lp))
p <- round(plogis(0.8 * lp - 0.3), 1)
ward <- sample(c("icu", "med", "surg"), n, replace = TRUE, prob = c(0.1, 0.6, 0.3))
write.csv(data.frame(label = y, score = sprintf("%.1f", p), ward = ward), "heavy-ties/input.csv",
          row.names = FALSE, quote = FALSE)
write_case("heavy-ties", "5,000 cases, scores rounded to 1 decimal, one group column", "input.csv",
           c(0.1, 0.2, 0.5, 1.0), "ward")

# skewed continuous scores with gaps wider than delta: most scores near 0, a few spread up to 1
n <- 3000
dir.create("skewed-gaps", showWarnings = FALSE)
lp <- c(rnorm(n - 30, -4, 0.7), runif(30, -2, 6))
y <- rbinom(n, 1, plogis(lp + 0.4))
write.csv(data.frame(label = y, score = sprintf("%.9f", plogis(lp))), "skewed-gaps/input.csv",
          row.names = FALSE, quote = FALSE)
write_case("skewed-gaps", "3,000 cases, continuous scores mostly near 0 with a sparse tail (gaps wider than delta)",
           "input.csv", c(0.05, 0.5))

# paired DeLong (pROC::roc.test(paired = TRUE)): the Pima score against a 3-feature model's score on the
# same cases; the Java test compares z, the standard error and the p-values of MetricsComparison
suppressPackageStartupMessages(library(pROC))
pima <- read.csv("../binary/pima/pima_diabetes.csv")
dir.create("paired-pima", showWarnings = FALSE)
main <- read.csv("../binary/pima/input.csv", colClasses = "character")
small <- glm(pima[[9]] ~ pima[[2]] + pima[[6]] + pima[[8]], family = binomial)
write.csv(data.frame(label = main$label, score = main$score, baseline = sprintf("%.6f", fitted(small))),
          "paired-pima/input.csv", row.names = FALSE, quote = FALSE)
d <- read.csv("paired-pima/input.csv")
ra <- roc(d$label, d$score, levels = c(0, 1), direction = "<", quiet = TRUE)
rb <- roc(d$label, d$baseline, levels = c(0, 1), direction = "<", quiet = TRUE)
two <- roc.test(ra, rb, paired = TRUE, method = "delong")
greater <- roc.test(ra, rb, paired = TRUE, method = "delong", alternative = "greater")
diff <- unname(two$estimate[1] - two$estimate[2])
se <- diff / unname(two$statistic)
writeLines(obj(candidate = num(unname(two$estimate[1])), baseline = num(unname(two$estimate[2])),
               difference = num(diff), se = num(se), z = num(unname(two$statistic)), p_value = num(two$p.value),
               p_value_greater = num(greater$p.value),
               p_value_noninferior_margin_0_02 = num(pnorm((diff + 0.02) / se, lower.tail = FALSE))),
           "paired-pima/expected.json")
cat(sprintf("paired-pima: z=%.6f p(greater)=%.3g p(margin 0.02)=%.3g\n", two$statistic, greater$p.value,
            pnorm((diff + 0.02) / se, lower.tail = FALSE)))
