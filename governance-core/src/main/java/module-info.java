/**
 * The decision and evidence model and the evaluation engine. A real module (it needs nothing but java.base), so
 * that {@code dev.clinigate.dsl}, also a real module, can require it by name in every build phase; the
 * {@code internal} packages are not exported.
 */
module dev.clinigate.core {
  exports dev.clinigate;
  exports dev.clinigate.json;
}
