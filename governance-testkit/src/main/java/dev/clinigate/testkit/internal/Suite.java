package dev.clinigate.testkit.internal;

import dev.clinigate.Policy;
import dev.clinigate.SourceFiles;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One suite being run: its document (for locations), folder, spec and the policy under test.
 *
 * @param doc the suite as parsed, with a location per JSON path
 * @param dir the suite's folder, against which files are resolved
 * @param display the suite file as reports name it
 * @param spec the suite's {@code spec}
 * @param policy the policy under test
 * @param evidence evidence files already loaded in this suite, by absolute path
 * @param texts other input files already read in this suite, by absolute path
 * @param files the file access every input goes through (its root confines the suite's references)
 */
record Suite(JsonDocument doc, Path dir, String display, JsonObject spec, Policy policy,
    Map<Path, JsonValue> evidence, Map<Path, String> texts, SourceFiles files) {

  /**
   * The file a suite names, relative to the suite's folder and confined to the root of {@link #files}.
   *
   * @throws dev.clinigate.InputException when it is absolute, leaves the root, is not a regular file or is missing
   */
  Path resolve(String relative) {
    return files.resolve(dir.resolve("suite.yaml"), relative);
  }

  /** A file named in the suite, as reports show it: relative to the suite's folder as given. */
  String displayOf(String relative) {
    return displayOf(display, relative);
  }

  /** A file named in the suite shown as {@code display}, relative to the suite's folder as given. */
  static String displayOf(String display, String relative) {
    Path parent = Path.of(display).getParent();
    return (parent == null ? Path.of(relative) : parent.resolve(relative)).normalize().toString();
  }

  static JsonObject obj(JsonObject o, String key) {
    return o.get(key).orElse(null) instanceof JsonObject v ? v : JsonObject.empty();
  }

  static Optional<String> str(JsonObject o, String key) {
    return o.get(key).orElse(null) instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
  }
}
