/**
 * Adapter from Oracle Tribuo classification models and predictions to clinigate's binary metrics.
 *
 * <p>Tribuo is an optional dependency of the metrics module: this package is usable only when
 * {@code org.tribuo:tribuo-classification-core} is on the class path; nothing else in clinigate loads it.
 */
package dev.clinigate.metrics.tribuo;
