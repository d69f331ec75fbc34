/**
 * YAML policies to validated, compiled, immutable policies. A real module (most others are automatic modules with
 * a stable Automatic-Module-Name) because it needs explicit modules (Jackson, SnakeYAML) that an automatic module
 * cannot require: without this descriptor a module-path host fails with NoClassDefFoundError on Jackson.
 */
module dev.clinigate.dsl {
  requires transitive dev.clinigate.core;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;
  requires org.json;
  requires everit.json.schema; // no Automatic-Module-Name in everit-json-schema: the name comes from the jar

  exports dev.clinigate.dsl;
}
