/** A host application that is a named module and uses clinigate's modules by their stable names. */
module clinigate.host {
  requires dev.clinigate.core;
  requires dev.clinigate.dsl;
  requires dev.clinigate.audit;
  requires dev.clinigate.metrics;
  requires dev.clinigate.contracts;
  requires dev.clinigate.reports;
}
