package dev.clinigate.dsl;

import dev.clinigate.Problem;
import dev.clinigate.Suggest;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonBoolean;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.everit.json.schema.EnumSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * Validates a {@link JsonDocument} (usually parsed from YAML by {@link Yaml}) against a JSON Schema
 * (draft-07) shipped as a classpath resource, and turns every violation into a located {@link Problem}:
 * unknown keys point at the key with a "did you mean" hint; other problems point at the value and use
 * the schema's {@code description} of that element as the hint.
 *
 * <pre>{@code
 * SchemaValidator v = SchemaValidator.forResource("/dev/clinigate/dsl/promotion-policy.schema.json");
 * List<Problem> problems = v.validate(Yaml.parse(text, "policy.yaml"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SchemaValidator {
  private static final java.util.regex.Pattern RANGE = java.util.regex.Pattern.compile(
      "(\\S+) is not (greater or equal to|greater than|less or equal to|less than) (\\S+)");

  private final Schema schema;

  private SchemaValidator(Schema schema) {
    this.schema = schema;
  }

  /**
   * Loads a draft-07 schema from the classpath. Each {@code {"$ref": "<file>#/definitions/<name>"}} that
   * points into a sibling schema resource (the change envelope's criteria are the promotion policy's gates)
   * is inlined, so both documents validate against one definition and nothing is fetched.
   */
  public static SchemaValidator forResource(String resource) {
    String folder = resource.substring(0, resource.lastIndexOf('/') + 1);
    JSONObject raw = new JSONObject(new JSONTokener(text(resource)));
    inline(raw, folder);
    return new SchemaValidator(SchemaLoader.builder().schemaJson(raw).draftV7Support().build().load().build());
  }

  private static String text(String resource) {
    try (InputStream in = SchemaValidator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource not found: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read schema resource " + resource, e);
    }
  }

  private static void inline(Object node, String folder) {
    if (node instanceof JSONObject o) {
      for (String key : new java.util.TreeSet<>(o.keySet())) {
        Object child = o.get(key);
        if (child instanceof JSONObject c && c.length() == 1 && c.opt("$ref") instanceof String ref
            && ref.matches("[a-z-]+\\.schema\\.json#/definitions/[A-Za-z]+")) {
          String[] parts = ref.split("#/definitions/");
          o.put(key, new JSONObject(new JSONTokener(text(folder + parts[0]))).getJSONObject("definitions")
              .getJSONObject(parts[1]));
        } else {
          inline(child, folder);
        }
      }
    } else if (node instanceof org.json.JSONArray a) {
      for (int i = 0; i < a.length(); i++) {
        inline(a.get(i), folder);
      }
    }
  }

  /** Every violation, in document order; empty when the document is valid. */
  public List<Problem> validate(JsonDocument doc) {
    Object json = toOrgJson(doc.root());
    try {
      schema.validate(json);
      return List.of();
    } catch (ValidationException e) {
      List<ValidationException> leaves = new ArrayList<>();
      collect(e, leaves);
      Set<Problem> out = new TreeSet<>();
      for (ValidationException v : leaves) {
        out.add(problem(doc, v));
      }
      return List.copyOf(new LinkedHashSet<>(out));
    }
  }

  /**
   * The annotation of schema constraints that the policy compilers check themselves, with messages that can
   * name the rule: the shipped schema carries them so that editors flag them, and the validator leaves
   * them to the compiler so that one mistake is reported once.
   */
  public static final String CHECKED_BY_COMPILER = "x-checkedByCompiler";

  private static void collect(ValidationException e, List<ValidationException> out) {
    Schema violated = e.getViolatedSchema();
    if (violated != null && Boolean.TRUE.equals(violated.getUnprocessedProperties().get(CHECKED_BY_COMPILER))) {
      return;
    }
    if (e.getCausingExceptions().isEmpty()) {
      out.add(e);
    } else {
      for (ValidationException c : e.getCausingExceptions()) {
        collect(c, out);
      }
    }
  }

  private static Problem problem(JsonDocument doc, ValidationException v) {
    String path = toPath(doc.root(), v.getPointerToViolation());
    String keyword = Objects.toString(v.getKeyword(), "");
    Schema violated = v.getViolatedSchema();
    String hint = violated != null && violated.getDescription() != null ? violated.getDescription() : "";
    String key = path.equals("$") ? "the document" : lastStep(path);
    switch (keyword) {
      case "additionalProperties": {
        String unknown = between(v.getErrorMessage(), "[", "]");
        String child = Json.childPath(path, unknown);
        Collection<String> known = violated instanceof ObjectSchema os ? os.getPropertySchemas().keySet() : List.of();
        String h = Suggest.hint(unknown, known, known.isEmpty() ? "" : "allowed keys here: "
            + String.join(", ", new TreeSet<>(known)));
        return located(doc, child + "#key", child, "unknown key \"" + unknown + "\"", h);
      }
      case "required": {
        String missing = between(v.getErrorMessage(), "[", "]");
        String where = path.equals("$") ? "the document" : key;
        return located(doc, path, path, "missing required key \"" + missing + "\" in " + where,
            "add " + missing + ": ...");
      }
      case "enum": {
        Collection<String> allowed = violated instanceof EnumSchema es
            ? es.getPossibleValues().stream().map(String::valueOf).collect(Collectors.toList()) : List.of();
        JsonValue actual = at(doc.root(), path);
        String shown = actual instanceof JsonString s ? s.value() : String.valueOf(actual);
        String h = Suggest.hint(shown, allowed, "allowed: " + String.join(", ", allowed));
        return located(doc, path, path, key + " must be one of " + String.join(", ", allowed) + ", found \""
            + shown + "\"", h);
      }
      case "type": {
        JsonValue actual = at(doc.root(), path);
        String expected = between(v.getErrorMessage(), "expected type: ", ",").toLowerCase(java.util.Locale.ROOT);
        return located(doc, path, path, key + " must be " + article(expected) + ", found " + describe(actual), hint);
      }
      case "minItems":
        return located(doc, path, path, key + " must not be empty", hint);
      case "pattern": {
        JsonValue actual = at(doc.root(), path);
        String shown = actual instanceof JsonString s ? s.value() : String.valueOf(actual);
        return located(doc, path, path, key + " \"" + shown + "\" is not written in the expected form", hint);
      }
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum": {
        java.util.regex.Matcher m = RANGE.matcher(v.getErrorMessage());
        if (m.matches()) {
          String relation = switch (m.group(2)) {
            case "greater or equal to" -> "at least";
            case "greater than" -> "greater than";
            case "less or equal to" -> "at most";
            default -> "less than";
          };
          JsonValue actual = at(doc.root(), path);
          return located(doc, path, path, key + " must be " + relation + " " + m.group(3) + ", found "
              + (actual instanceof JsonNumber n ? Json.number(n) : m.group(1)), hint);
        }
        return located(doc, path, path, key + ": " + v.getErrorMessage(), hint);
      }
      default:
        return located(doc, path, path, key + ": " + v.getErrorMessage(), hint);
    }
  }

  private static String article(String type) {
    return switch (type) {
      case "jsonobject", "object" -> "a mapping";
      case "jsonarray", "array" -> "a list";
      case "number" -> "a number";
      case "integer" -> "an integer";
      case "string" -> "a string";
      case "boolean" -> "true or false";
      default -> type;
    };
  }

  private static String describe(JsonValue v) {
    if (v == null) {
      return "nothing";
    }
    return switch (v.kind()) {
      case OBJECT -> "a mapping";
      case ARRAY -> "a list";
      case STRING -> "\"" + ((JsonString) v).value() + "\"";
      case NUMBER -> Json.compact(v);
      case BOOLEAN -> Json.compact(v);
      case NULL -> "an empty value";
    };
  }

  private static Problem located(JsonDocument doc, String locationPath, String path, String message, String hint) {
    Problem p = doc.problem(locationPath, message, hint);
    if (p.line() == 0 && !locationPath.equals(path)) {
      p = doc.problem(path, message, hint);
    }
    return new Problem(p.source(), p.line(), p.column(), path, p.message(), p.hint(), p.sourceLine());
  }

  private static String lastStep(String path) {
    int dot = path.lastIndexOf('.');
    int br = path.lastIndexOf('[');
    if (br > dot) {
      String step = path.substring(br);
      return step.startsWith("['") ? step.substring(2, step.length() - 2) : lastStep(path.substring(0, br)) + step;
    }
    return path.substring(dot + 1);
  }

  private static String between(String s, String open, String close) {
    int a = s.indexOf(open);
    if (a < 0) {
      return s;
    }
    int b = s.indexOf(close, a + open.length());
    return b < 0 ? s.substring(a + open.length()) : s.substring(a + open.length(), b);
  }

  /** Converts a JSON pointer (#/spec/gates/0) to a JSON path ($.spec.gates[0]) by walking the tree. */
  private static String toPath(JsonValue root, String pointer) {
    String path = "$";
    JsonValue node = root;
    if (pointer == null || pointer.equals("#") || pointer.isEmpty()) {
      return path;
    }
    String p = pointer.startsWith("#") ? pointer.substring(1) : pointer;
    for (String raw : p.split("/")) {
      if (raw.isEmpty()) {
        continue;
      }
      String step = raw.replace("~1", "/").replace("~0", "~");
      if (node instanceof JsonArray a) {
        int i = Integer.parseInt(step);
        path = Json.indexPath(path, i);
        node = i < a.size() ? a.get(i) : null;
      } else {
        path = Json.childPath(path, step);
        node = node instanceof JsonObject o ? o.members().get(step) : null;
      }
    }
    return path;
  }

  private static JsonValue at(JsonValue root, String path) {
    // walk again using the same steps as toPath produced; paths here come from toPath
    JsonValue node = root;
    int i = 1;
    while (node != null && i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        node = node instanceof JsonObject o ? o.members().get(path.substring(i + 1, end)) : null;
        i = end;
      } else if (c == '[') {
        int end = path.indexOf(']', i);
        String inner = path.substring(i + 1, end);
        if (inner.startsWith("'")) {
          node = node instanceof JsonObject o
              ? o.members().get(inner.substring(1, inner.length() - 1).replace("\\'", "'").replace("\\\\", "\\")) : null;
        } else {
          int idx = Integer.parseInt(inner);
          node = node instanceof JsonArray a && idx < a.size() ? a.get(idx) : null;
        }
        i = end + 1;
      } else {
        return null;
      }
    }
    return node;
  }

  private static Object toOrgJson(JsonValue v) {
    return switch (v.kind()) {
      case OBJECT -> {
        JSONObject o = new JSONObject();
        for (Map.Entry<String, JsonValue> e : ((JsonObject) v).members().entrySet()) {
          o.put(e.getKey(), toOrgJson(e.getValue()));
        }
        yield o;
      }
      case ARRAY -> {
        JSONArray a = new JSONArray();
        for (JsonValue e : ((JsonArray) v).elements()) {
          a.put(toOrgJson(e));
        }
        yield a;
      }
      case STRING -> ((JsonString) v).value();
      case NUMBER -> {
        JsonNumber n = (JsonNumber) v;
        yield n.integral() ? (Object) Long.valueOf(n.longValue()) : (Object) Double.valueOf(n.value());
      }
      case BOOLEAN -> ((JsonBoolean) v).value();
      case NULL -> JSONObject.NULL;
    };
  }
}
