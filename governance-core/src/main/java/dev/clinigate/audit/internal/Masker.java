package dev.clinigate.audit.internal;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Masks sensitive values in a decision; see {@code PhiMask} for the rules.
 *
 * <p>Design note: masking works on values, not on positions, because evidence values reach a decision
 * through messages and subjects ({@code ECE for mrn=... is ...}) whose positions the evidence path does
 * not predict. Fields the library derives from the policy (ids, statuses, hashes) are never scanned, so
 * that a short PHI value cannot corrupt the structure a verifier and replay rely on.
 */
public final class Masker {
  /** Values at least this long are matched anywhere in a string; shorter ones only as whole tokens. */
  public static final int SUBSTRING_MIN = 4;

  private static final Set<String> STRUCTURAL = Set.of("$.verdict", "$.evaluatedAt", "$.kind", "$.rules[*].id",
      "$.rules[*].status", "$.rules[*].enforcement");
  private static final List<String> STRUCTURAL_PREFIXES = List.of("$.policy.", "$.evidence.", "$.clinigate.");

  private Masker() {}

  /**
   * The outcome of masking.
   *
   * @param decision the masked decision
   * @param maskedPaths decision-relative paths changed, in document order
   */
  public record Outcome(JsonObject decision, List<String> maskedPaths) {
    /** Copies. */
    public Outcome {
      maskedPaths = List.copyOf(maskedPaths);
    }
  }

  /**
   * Masks {@code decision}.
   *
   * @param key the HMAC key, or null to remove values
   */
  public static Outcome mask(JsonObject decision, JsonObject evidence, List<String> evidencePaths,
      List<String> decisionPaths, List<String> phiColumns, byte[] key) {
    List<String> sensitive = sensitiveValues(evidence, evidencePaths, phiColumns);
    Set<String> whole = new HashSet<>();
    for (String p : decisionPaths) {
      whole.addAll(JsonPaths.select(decision, JsonPaths.parse(p)).keySet());
    }
    Walk w = new Walk(sensitive, whole, key);
    JsonValue out = w.value(decision, "$");
    JsonObject masked = out instanceof JsonObject o ? o : JsonObject.empty();
    List<String> leaks = new ArrayList<>();
    findLeaks(masked, "$", sensitive, leaks);
    if (!leaks.isEmpty()) {
      throw new IllegalStateException("refusing to write a record: a sensitive value survived masking at "
          + leaks + "; this is a bug in clinigate's masking, please report it");
    }
    return new Outcome(masked, w.paths);
  }

  /** The sensitive values of the evidence, longest first (so that overlapping values mask fully). */
  static List<String> sensitiveValues(JsonObject evidence, List<String> evidencePaths, List<String> phiColumns) {
    TreeSet<String> values = new TreeSet<>(Comparator.comparingInt(String::length).reversed()
        .thenComparing(Comparator.naturalOrder()));
    for (String p : evidencePaths) {
      for (JsonValue v : JsonPaths.select(evidence, JsonPaths.parse(p)).values()) {
        leaves(v, values);
      }
    }
    if (!phiColumns.isEmpty()) {
      phi(evidence, Set.copyOf(phiColumns), values);
    }
    values.remove("");
    return new ArrayList<>(values);
  }

  private static void phi(JsonValue v, Set<String> columns, Set<String> out) {
    if (v instanceof JsonObject o) {
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        if (e.getKey().equals("groups") && e.getValue() instanceof JsonObject groups) {
          // groups.<column>.<value>: the values are member names; what is below them is metrics, not PHI
          for (Map.Entry<String, JsonValue> g : groups.members().entrySet()) {
            if (columns.contains(g.getKey()) && g.getValue() instanceof JsonObject byValue) {
              out.addAll(byValue.members().keySet());
            }
            phi(g.getValue(), columns, out);
          }
          continue;
        }
        if (columns.contains(e.getKey())) {
          leaves(e.getValue(), out);
        }
        phi(e.getValue(), columns, out);
      }
    } else if (v instanceof JsonArray a) {
      for (JsonValue x : a.elements()) {
        phi(x, columns, out);
      }
    }
  }

  private static void leaves(JsonValue v, Set<String> out) {
    switch (v.kind()) {
      case STRING -> out.add(((JsonString) v).value());
      case NUMBER -> out.add(Json.number((JsonNumber) v));
      case OBJECT -> ((JsonObject) v).members().values().forEach(x -> leaves(x, out));
      case ARRAY -> ((JsonArray) v).elements().forEach(x -> leaves(x, out));
      default -> {
        // booleans and null carry no identifying information and would match everywhere
      }
    }
  }

  static boolean structural(String path) {
    String shape = JsonPaths.shape(path);
    if (STRUCTURAL.contains(shape)) {
      return true;
    }
    for (String p : STRUCTURAL_PREFIXES) {
      if (shape.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** Rebuilds the decision, masking as it goes; removal is signalled by a null return. */
  private static final class Walk {
    final List<String> sensitive;
    final Set<String> whole;
    final byte[] key;
    final List<String> paths = new ArrayList<>();

    Walk(List<String> sensitive, Set<String> whole, byte[] key) {
      this.sensitive = sensitive;
      this.whole = whole;
      this.key = key;
    }

    JsonValue value(JsonValue v, String path) {
      if (whole.contains(path)) {
        paths.add(path);
        if (key == null) {
          return null;
        }
        String raw = v instanceof JsonString s ? s.value() : Json.canonical(v);
        return new JsonString(hmac(key, raw));
      }
      switch (v.kind()) {
        case OBJECT -> {
          JsonObject o = (JsonObject) v;
          LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>();
          for (String k : JsonPaths.sortedKeys(o)) {
            String childPath = Json.childPath(path, k);
            String name = k;
            if (!structural(childPath) && !sensitive.isEmpty()) {
              String maskedKey = scrub(k);
              if (!maskedKey.equals(k)) {
                if (key == null) {
                  paths.add(path); // the member's name itself is sensitive: name its parent
                  continue;
                }
                name = maskedKey;
                childPath = Json.childPath(path, name);
                paths.add(childPath);
              }
            }
            JsonValue c = value(o.members().get(k), childPath);
            if (c != null) {
              m.put(name, c);
            }
          }
          return new JsonObject(m);
        }
        case ARRAY -> {
          JsonArray a = (JsonArray) v;
          List<JsonValue> l = new ArrayList<>(a.size());
          for (int i = 0; i < a.size(); i++) {
            JsonValue c = value(a.get(i), Json.indexPath(path, i));
            l.add(c == null ? JsonNull.INSTANCE : c);
          }
          return new JsonArray(l);
        }
        case STRING -> {
          if (sensitive.isEmpty() || structural(path)) {
            return v;
          }
          String s = ((JsonString) v).value();
          String masked = scrub(s);
          if (masked.equals(s)) {
            return v;
          }
          paths.add(path);
          return key == null ? null : new JsonString(masked);
        }
        default -> {
          return v;
        }
      }
    }

    /**
     * Replaces every occurrence of a sensitive value in {@code s} by its HMAC form (or by nothing when
     * removing). Occurrences are claimed longest value first and never overlap, and replacements are built
     * from the original string, so a short value can never match inside an inserted HMAC.
     */
    String scrub(String s) {
      boolean[] claimed = new boolean[s.length()];
      List<int[]> hits = new ArrayList<>();
      for (String value : sensitive) {
        int at = s.indexOf(value);
        while (at >= 0) {
          int end = at + value.length();
          if (matchesAt(s, value, at) && free(claimed, at, end)) {
            for (int i = at; i < end; i++) {
              claimed[i] = true;
            }
            hits.add(new int[] {at, end});
          }
          at = s.indexOf(value, at + 1);
        }
      }
      if (hits.isEmpty()) {
        return s;
      }
      hits.sort(Comparator.comparingInt((int[] h) -> h[0]));
      StringBuilder b = new StringBuilder();
      int from = 0;
      for (int[] h : hits) {
        b.append(s, from, h[0]);
        if (key != null) {
          b.append(hmac(key, s.substring(h[0], h[1])));
        }
        from = h[1];
      }
      return b.append(s, from, s.length()).toString();
    }
  }

  private static boolean free(boolean[] claimed, int from, int to) {
    for (int i = from; i < to; i++) {
      if (claimed[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code value} occurs at {@code at} in {@code s} as a match (see {@link #SUBSTRING_MIN}). */
  static boolean matchesAt(String s, String value, int at) {
    if (value.length() >= SUBSTRING_MIN) {
      return true;
    }
    int end = at + value.length();
    boolean leftOk = at == 0 || !Character.isLetterOrDigit(s.charAt(at - 1));
    boolean rightOk = end >= s.length() || !Character.isLetterOrDigit(s.charAt(end));
    return leftOk && rightOk;
  }

  static boolean occurs(String s, String value) {
    int at = s.indexOf(value);
    while (at >= 0) {
      if (matchesAt(s, value, at)) {
        return true;
      }
      at = s.indexOf(value, at + 1);
    }
    return false;
  }

  private static void findLeaks(JsonValue v, String path, List<String> sensitive, List<String> leaks) {
    if (sensitive.isEmpty()) {
      return;
    }
    if (v instanceof JsonObject o) {
      for (String k : JsonPaths.sortedKeys(o)) {
        String child = Json.childPath(path, k);
        if (!structural(child) && leaks(k, sensitive)) {
          leaks.add(child);
        }
        findLeaks(o.members().get(k), child, sensitive, leaks);
      }
    } else if (v instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        findLeaks(a.get(i), Json.indexPath(path, i), sensitive, leaks);
      }
    } else if (v instanceof JsonString s && !structural(path) && leaks(s.value(), sensitive)) {
      leaks.add(path);
    }
  }

  private static boolean leaks(String text, List<String> sensitive) {
    // look only between the masked parts: an HMAC's hex digits are not the value they hide
    String rest = text.replaceAll("hmac-sha256:[0-9a-f]{64}", "\u0000");
    return sensitive.stream().anyMatch(x -> occurs(rest, x));
  }

  private static final String HMAC_MARK = "hmac-sha256:";

  /** {@code hmac-sha256:<hex>} of the UTF-8 bytes of {@code value} under {@code key}. */
  public static String hmac(byte[] key, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] d = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return HMAC_MARK + Hex.of(d);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }
}
