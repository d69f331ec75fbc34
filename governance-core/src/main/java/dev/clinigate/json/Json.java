package dev.clinigate.json;

import dev.clinigate.EvidenceException;
import dev.clinigate.Limits;
import dev.clinigate.Problem;
import dev.clinigate.internal.ShortestDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON parsing and deterministic rendering.
 *
 * <p>Parsing follows RFC 8259 with no extensions: no comments, no trailing commas, no NaN or Infinity,
 * no duplicate keys (a duplicate key is ambiguous evidence), nesting at most {@value #MAX_DEPTH} deep.
 * Errors are {@link EvidenceException}s located at {@code source:line:column} and the JSON path being
 * read. JSON is what data arrives in (evidence, inferences, windows, profiles, logs), so errors never
 * quote the text: no source line, no string, no character of a value (see {@link JsonDocument}). The
 * parser is bounded by
 * {@link Limits}: nesting depth, string length and the number of values in one document, so that no text can
 * exhaust memory or the stack; {@link #parse(String, String)} uses {@link Limits#defaults()}.
 *
 * <p>{@link #canonical(JsonValue)} is the form that is hashed: no whitespace, object keys sorted by
 * UTF-16 code units, numbers as {@link JsonNumber} renders them, strings with the minimal escapes.
 * <pre>{@code
 * JsonDocument doc = Json.parse("{\"b\":1,\"a\":0.5}", "inline");
 * Json.canonical(doc.root());   // {"a":0.5,"b":1}
 * }</pre>
 */
public final class Json {
  /** Deepest nesting accepted by the parser with the default limits ({@link Limits#maxDepth()}). */
  public static final int MAX_DEPTH = 128;

  private Json() {}

  /**
   * Parses a JSON text; {@code source} names it in error messages. The document is a data document: it
   * keeps no text, so no error about it quotes a line of it.
   */
  public static JsonDocument parse(String text, String source) {
    return parse(text, source, Limits.defaults());
  }

  /**
   * Parses a JSON text within {@code limits} ({@link Limits#maxDepth()}, {@link Limits#maxStringChars()},
   * {@link Limits#maxJsonValues()}); {@code source} names it in error messages.
   */
  public static JsonDocument parse(String text, String source, Limits limits) {
    Parser p = new Parser(text, source, limits);
    JsonValue root = p.parseDocument();
    return new JsonDocument(root, source, "", p.locations);
  }

  /** Compact rendering in insertion order. */
  public static String compact(JsonValue v) {
    StringBuilder b = new StringBuilder();
    write(b, v, false, -1, 0);
    return b.toString();
  }

  /** Canonical rendering: compact, keys sorted. Byte-identical for equal values. */
  public static String canonical(JsonValue v) {
    StringBuilder b = new StringBuilder();
    write(b, v, true, -1, 0);
    return b.toString();
  }

  /** Indented rendering (two spaces) with keys sorted, ending without a newline. */
  public static String pretty(JsonValue v) {
    StringBuilder b = new StringBuilder();
    write(b, v, true, 2, 0);
    return b.toString();
  }

  /** Indented rendering (two spaces) in insertion order, ending without a newline. */
  public static String prettyInOrder(JsonValue v) {
    StringBuilder b = new StringBuilder();
    write(b, v, false, 2, 0);
    return b.toString();
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes of the canonical rendering. */
  public static String sha256(JsonValue v) {
    return sha256Hex(canonical(v).getBytes(StandardCharsets.UTF_8));
  }

  /** Lower-case hex SHA-256 of some bytes. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Renders a number as clinigate does everywhere in JSON. */
  public static String number(JsonNumber n) {
    if (n.integral()) {
      return Long.toString((long) n.value());
    }
    return ShortestDecimal.toString(n.value());
  }

  /**
   * Renders a double as clinigate does everywhere (JSON, hashes, reports): the shortest decimal that
   * rounds back to it, in the layout of {@link Double#toString(double)} on JDK 19 and later
   * ({@code 0.1}, {@code 100.0}, {@code 1.0E23}, {@code 1.0E-5}), computed by clinigate itself so that
   * every JVM, JDK 17 included, prints the same text. Use it, never {@code Double.toString}, for any
   * number that is hashed, signed, compared as text or written to a machine-readable report.
   */
  public static String number(double d) {
    return ShortestDecimal.toString(d);
  }

  /**
   * Describes a value for an error message about data without quoting it: {@code a string},
   * {@code an object}, {@code an array}, {@code true}, {@code false}, {@code null}, or the number itself
   * (a number out of its domain may be shown; a string may be a patient identifier or a secret).
   * <pre>{@code
   * "score must be a number within [0, 1], found " + Json.describe(v)   // ... found a string
   * }</pre>
   */
  public static String describe(JsonValue v) {
    return switch (v.kind()) {
      case STRING -> "a string";
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case NULL -> "null";
      case BOOLEAN -> ((JsonBoolean) v).value() ? "true" : "false";
      case NUMBER -> number((JsonNumber) v);
    };
  }

  /**
   * A double with {@code decimals} places for text reports, the same on every JVM: what
   * {@code String.format(Locale.ROOT, "%.4f", v)} prints on JDK 19+ (JDK 17 rounds from different digits,
   * e.g. {@code 99999999999999990000000.0000} for {@code 1e23}).
   */
  public static String fixed(double value, int decimals) {
    return ShortestDecimal.fixed(value, decimals);
  }

  /**
   * A double with {@code digits} significant digits for text reports, the same on every JVM: what
   * {@code String.format(Locale.ROOT, "%.4g", v)} prints on JDK 19+ ({@code 0.01235}, {@code 1.000e+23}).
   */
  public static String significant(double value, int digits) {
    return ShortestDecimal.significant(value, digits);
  }

  /** Appends {@code s} as a JSON string literal. */
  public static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20) {
            b.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /** Appends the JSON path step for {@code key} to {@code parent} ({@code $.a}, {@code $['a b']}). */
  public static String childPath(String parent, String key) {
    boolean simple = !key.isEmpty();
    for (int i = 0; i < key.length() && simple; i++) {
      char c = key.charAt(i);
      simple = c == '_' || c == '-' || c == '@' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9');
    }
    if (simple) {
      return parent + "." + key;
    }
    StringBuilder b = new StringBuilder(parent).append("[");
    b.append('\'').append(key.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
    return b.append(']').toString();
  }

  /** The JSON path of element {@code index} of the array at {@code parent}. */
  public static String indexPath(String parent, int index) {
    return parent + "[" + index + "]";
  }

  private static void write(StringBuilder b, JsonValue v, boolean sorted, int indent, int level) {
    switch (v.kind()) {
      case NULL -> b.append("null");
      case BOOLEAN -> b.append(((JsonBoolean) v).value() ? "true" : "false");
      case NUMBER -> b.append(number((JsonNumber) v));
      case STRING -> quote(b, ((JsonString) v).value());
      case ARRAY -> {
        List<JsonValue> els = ((JsonArray) v).elements();
        if (els.isEmpty()) {
          b.append("[]");
          return;
        }
        b.append('[');
        for (int i = 0; i < els.size(); i++) {
          if (i > 0) {
            b.append(',');
          }
          newline(b, indent, level + 1);
          write(b, els.get(i), sorted, indent, level + 1);
        }
        newline(b, indent, level);
        b.append(']');
      }
      case OBJECT -> {
        Map<String, JsonValue> members = ((JsonObject) v).members();
        if (members.isEmpty()) {
          b.append("{}");
          return;
        }
        List<String> keys = new ArrayList<>(members.keySet());
        if (sorted) {
          keys.sort(null);
        }
        b.append('{');
        boolean first = true;
        for (String k : keys) {
          if (!first) {
            b.append(',');
          }
          first = false;
          newline(b, indent, level + 1);
          quote(b, k);
          b.append(indent >= 0 ? ": " : ":");
          write(b, members.get(k), sorted, indent, level + 1);
        }
        newline(b, indent, level);
        b.append('}');
      }
      default -> throw new IllegalStateException("unknown kind " + v.kind());
    }
  }

  private static void newline(StringBuilder b, int indent, int level) {
    if (indent < 0) {
      return;
    }
    b.append('\n');
    for (int i = 0; i < indent * level; i++) {
      b.append(' ');
    }
  }

  /** A recursive-descent parser that records where every value starts. */
  private static final class Parser {
    private final String s;
    private final String source;
    private int pos;
    private int line = 1;
    private int lineStart;
    private String at = "$"; // the JSON path being read, for error messages
    private final Map<String, int[]> locations = new HashMap<>();
    private final int maxDepth;
    private final int maxString;
    private final int maxValues;
    private int values;

    Parser(String text, String source, Limits limits) {
      this.s = text;
      this.source = source;
      this.maxDepth = limits.maxDepth();
      this.maxString = limits.maxStringChars();
      this.maxValues = limits.maxJsonValues();
      if (s.startsWith("\uFEFF")) {
        pos = 1;
        lineStart = 1;
      }
    }

    JsonValue parseDocument() {
      skipWs();
      if (pos >= s.length()) {
        throw error("the document is empty", "write a JSON object, e.g. {\"metrics\": {\"auroc\": 0.81}}");
      }
      JsonValue v = value("$", 0);
      skipWs();
      if (pos < s.length()) {
        throw error("unexpected " + describe(pos) + " after the end of the JSON value",
            "a file holds exactly one JSON value; remove what follows it");
      }
      return v;
    }

    private JsonValue value(String path, int depth) {
      at = "$"; // a limit is about the document: its errors do not print a path as deep as the limit
      if (depth > maxDepth) {
        throw error("nesting deeper than " + maxDepth + " levels (" + Limits.describe("maxDepth", maxDepth) + ")",
            "flatten the document");
      }
      if (++values > maxValues) {
        throw error("more than " + Limits.describe("maxJsonValues", maxValues) + " values in one document",
            Limits.raiseHint("maxJsonValues"));
      }
      at = path;
      locations.put(path, new int[] {line, pos - lineStart + 1});
      if (pos >= s.length()) {
        throw error("unexpected end of input, expected a value", "the file may be truncated");
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          return object(path, depth);
        case '[':
          return array(path, depth);
        case '"':
          return new JsonString(string());
        case 't':
          literal("true");
          return JsonBoolean.TRUE;
        case 'f':
          literal("false");
          return JsonBoolean.FALSE;
        case 'n':
          literal("null");
          return JsonNull.INSTANCE;
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          if (s.startsWith("NaN", pos) || s.startsWith("Infinity", pos)) {
            throw error("NaN and Infinity are not JSON numbers",
                "write null for an undefined value; a non-finite metric can never pass a gate");
          }
          throw error("unexpected " + describe(pos) + ", expected a value", "");
      }
    }

    private JsonObject object(String path, int depth) {
      pos++; // {
      LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
      skipWs();
      if (peek() == '}') {
        pos++;
        return new JsonObject(members);
      }
      while (true) {
        skipWs();
        if (peek() != '"') {
          throw error("unexpected " + describe(pos) + ", expected a quoted member name", "");
        }
        int keyLine = line;
        int keyCol = pos - lineStart + 1;
        String key = string();
        if (members.containsKey(key)) {
          // named by the object's path: a key of data may be anything, a patient identifier included
          throw new EvidenceException(new Problem(source, keyLine, keyCol, path,
              "duplicate key", "each key may appear once in an object; remove one of them", ""));
        }
        skipWs();
        expect(':', "':' after a member name");
        skipWs();
        String childPath = childPath(path, key);
        members.put(key, value(childPath, depth + 1));
        at = path;
        skipWs();
        char c = peek();
        if (c == ',') {
          pos++;
          skipWs();
          if (peek() == '}') {
            throw error("trailing comma before '}'", "remove the comma");
          }
          continue;
        }
        if (c == '}') {
          pos++;
          return new JsonObject(members);
        }
        throw error("unexpected " + describe(pos) + ", expected ',' or '}'", "");
      }
    }

    private JsonArray array(String path, int depth) {
      pos++; // [
      List<JsonValue> els = new ArrayList<>();
      skipWs();
      if (peek() == ']') {
        pos++;
        return new JsonArray(els);
      }
      while (true) {
        skipWs();
        els.add(value(indexPath(path, els.size()), depth + 1));
        at = path;
        skipWs();
        char c = peek();
        if (c == ',') {
          pos++;
          skipWs();
          if (peek() == ']') {
            throw error("trailing comma before ']'", "remove the comma");
          }
          continue;
        }
        if (c == ']') {
          pos++;
          return new JsonArray(els);
        }
        throw error("unexpected " + describe(pos) + ", expected ',' or ']'", "");
      }
    }

    private String string() {
      int open = pos;
      int openCol = pos - lineStart + 1;
      pos++; // opening quote
      StringBuilder b = null;
      int start = pos;
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string", "close the string with '\"'");
        }
        if (pos - open > maxString) {
          // located at the string's start: the string itself is never quoted
          throw new EvidenceException(new Problem(source, line, openCol, at, "a string longer than "
              + Limits.describe("maxStringChars", maxString) + " characters", Limits.raiseHint("maxStringChars"), ""));
        }
        char c = s.charAt(pos);
        if (c == '"') {
          String out = b == null ? s.substring(start, pos) : b.append(s, start, pos).toString();
          pos++;
          return out;
        }
        if (c < 0x20) {
          throw error("control character U+" + String.format(java.util.Locale.ROOT, "%04X", (int) c)
              + " inside a string", "escape it, e.g. \\n for a line break");
        }
        if (Character.isSurrogate(c)) {
          if (Character.isHighSurrogate(c) && pos + 1 < s.length() && Character.isLowSurrogate(s.charAt(pos + 1))) {
            pos += 2;
            continue;
          }
          throw error("unpaired surrogate in a string", "the text is not valid Unicode");
        }
        if (c == '\\') {
          if (b == null) {
            b = new StringBuilder();
          }
          b.append(s, start, pos);
          pos++;
          if (pos >= s.length()) {
            throw error("unterminated escape", "");
          }
          char e = s.charAt(pos);
          switch (e) {
            case '"' -> b.append('"');
            case '\\' -> b.append('\\');
            case '/' -> b.append('/');
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'n' -> b.append('\n');
            case 'r' -> b.append('\r');
            case 't' -> b.append('\t');
            case 'u' -> {
              char u = hex4();
              if (Character.isHighSurrogate(u)) {
                if (s.startsWith("\\u", pos + 1)) {
                  pos += 2;
                  char low = hex4();
                  if (!Character.isLowSurrogate(low)) {
                    throw error("unpaired surrogate escape in a string", "the text is not valid Unicode");
                  }
                  b.append(u).append(low);
                } else {
                  throw error("unpaired surrogate escape in a string", "the text is not valid Unicode");
                }
              } else if (Character.isLowSurrogate(u)) {
                throw error("unpaired surrogate escape in a string", "the text is not valid Unicode");
              } else {
                b.append(u);
              }
            }
            default -> throw error("invalid escape sequence in a string", "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
          }
          pos++;
          start = pos;
          continue;
        }
        pos++;
      }
    }

    /** Reads the four hex digits after "\\u" (pos at 'u'), leaving pos on the last digit. */
    private char hex4() {
      if (pos + 4 >= s.length()) {
        throw error("truncated \\u escape", "");
      }
      int v = 0;
      for (int i = 1; i <= 4; i++) {
        int d = Character.digit(s.charAt(pos + i), 16);
        if (d < 0) {
          throw error("invalid \\u escape", "write four hex digits, e.g. \\u00e9");
        }
        v = v * 16 + d;
      }
      pos += 4;
      return (char) v;
    }

    private JsonNumber number() {
      int start = pos;
      boolean integral = true;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
      } else if (isDigit(peek())) {
        while (isDigit(peek())) {
          pos++;
        }
      } else {
        throw error("invalid number", "a number needs digits, e.g. -0.5");
      }
      if (peek() == '.') {
        integral = false;
        pos++;
        if (!isDigit(peek())) {
          throw error("invalid number: digits expected after '.'", "write 0.5, not 0.");
        }
        while (isDigit(peek())) {
          pos++;
        }
      }
      if (peek() == 'e' || peek() == 'E') {
        integral = false;
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        if (!isDigit(peek())) {
          throw error("invalid number: digits expected in the exponent", "");
        }
        while (isDigit(peek())) {
          pos++;
        }
      }
      String text = s.substring(start, pos);
      double d = Double.parseDouble(text);
      if (!Double.isFinite(d)) {
        pos = start;
        throw error("number " + text + " is too large for a double", "");
      }
      if (integral && Math.abs(d) <= 9007199254740992.0) {
        return new JsonNumber(d, true);
      }
      return JsonNumber.of(d);
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private void literal(String word) {
      if (!s.startsWith(word, pos)) {
        throw error("unexpected " + describe(pos) + ", expected a value", "");
      }
      pos += word.length();
    }

    private void expect(char c, String what) {
      if (peek() != c) {
        throw error("unexpected " + describe(pos) + ", expected " + what, "");
      }
      pos++;
    }

    private char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skipWs() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '\n') {
          line++;
          lineStart = pos + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    /** What stands at {@code index}, without quoting data: JSON punctuation is named, anything else is not. */
    private String describe(int index) {
      if (index >= s.length()) {
        return "end of input";
      }
      char c = s.charAt(index);
      if (c < 0x20) {
        return String.format(java.util.Locale.ROOT, "control character U+%04X", (int) c);
      }
      if ("{}[],:\"".indexOf(c) >= 0) {
        return "'" + c + "'";
      }
      return "unquoted text";
    }

    private EvidenceException error(String message, String hint) {
      return new EvidenceException(new Problem(source, line, pos - lineStart + 1, at, message, hint, ""));
    }
  }
}
