package dev.clinigate.dsl;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clinigate.PolicyException;
import dev.clinigate.Problem;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonBoolean;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Safe YAML loading into clinigate's JSON tree, remembering where every key and value stood.
 *
 * <p>Safety: YAML is read as data only. No tags (so no class instantiation), no aliases or anchors, on
 * collections or scalars (no "billion laughs", no value that silently stands for another), one document per file, at most {@value #MAX_CHARS} characters and
 * {@value #MAX_DEPTH} levels of nesting, no duplicate keys, no {@code .nan}/{@code .inf}.
 *
 * <pre>{@code
 * JsonDocument doc = Yaml.parse(Files.readString(path), path.toString());
 * }</pre>
 *
 * <p>The document's location map has every value under its JSON path ({@code $.spec.gates[0].min}) and
 * every mapping key under its path followed by {@code #key}, so that an error about an unknown key can
 * point at the key itself.
 */
public final class Yaml {
  /** Largest YAML text accepted, in characters. */
  public static final int MAX_CHARS = 1_000_000;
  /** Deepest nesting accepted. */
  public static final int MAX_DEPTH = 40;

  private static final YAMLFactory FACTORY = buildFactory();

  private Yaml() {}

  private static YAMLFactory buildFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // detected here, with a located message
    options.setMaxAliasesForCollections(0);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH + 10);
    options.setCodePointLimit(MAX_CHARS + 1);
    YAMLFactory f = YAMLFactory.builder().loaderOptions(options)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 10)
            .maxStringLength(MAX_CHARS).maxNumberLength(100).build())
        .build();
    return f;
  }

  /**
   * The source map of a parsed document: where each key and value is written (no rules; a compiler adds those with
   * {@link dev.clinigate.SourceMap#withRules}). Used by documents compiled outside this module, such as data
   * contracts.
   */
  public static dev.clinigate.SourceMap sourceMap(JsonDocument doc) {
    return dev.clinigate.dsl.internal.SourceMapper.document(doc);
  }

  /**
   * Parses YAML text.
   *
   * @param text the YAML
   * @param sourceName the name used in error locations, e.g. the file path as the user gave it
   * @throws PolicyException when the text is not safe, valid YAML of one document
   */
  public static JsonDocument parse(String text, String sourceName) {
    if (text.length() > MAX_CHARS) {
      throw new PolicyException(Problem.at(sourceName, 0, 0, "the document has " + text.length()
          + " characters, more than the " + MAX_CHARS + " accepted", "split it, or use extends"));
    }
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Builder b = new Builder(body, sourceName);
    rejectAnchorsAndAliases(body, b);
    try (JsonParser p = FACTORY.createParser(body)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw b.error(1, 1, "the document is empty", "start with apiVersion: clinigate/v1 and kind: ...");
      }
      JsonValue root = b.value(p, t, "$", 0);
      JsonToken next = p.nextToken();
      if (next != null) {
        JsonLocation loc = p.currentTokenLocation();
        throw b.error(loc.getLineNr(), loc.getColumnNr(), "more than one YAML document in the file",
            "keep one document per file; remove the '---' separator");
      }
      return new JsonDocument(root, sourceName, body, b.locations);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
      int col = loc == null ? 0 : Math.max(0, loc.getColumnNr() + 1); // error marks are 0-based
      java.util.regex.Matcher m = MARK.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
      while (m.find()) { // SnakeYAML's last mark is the problem's, 1-based
        line = Integer.parseInt(m.group(1));
        col = Integer.parseInt(m.group(2));
      }
      throw b.error(line, col, "invalid YAML: " + cleanMessage(e.getOriginalMessage()),
          "check indentation, colons and quotes on this line or the one before");
    } catch (IOException e) {
      throw new PolicyException(Problem.at(sourceName, 0, 0, "cannot read YAML: " + e.getMessage(), ""));
    }
  }

  /**
   * Refuses every anchor ({@code &a}, on a scalar as much as on a collection) and every alias ({@code *a}) with a
   * pass over SnakeYAML's events, before the tree is built: Jackson reports neither for scalars (an alias would
   * silently read as the string {@code "a"}). Syntax errors are left to the main pass, which locates them.
   */
  private static void rejectAnchorsAndAliases(String body, Builder b) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(0);
    options.setNestingDepthLimit(MAX_DEPTH + 10);
    options.setCodePointLimit(MAX_CHARS + 1);
    org.yaml.snakeyaml.parser.Parser events = new org.yaml.snakeyaml.parser.ParserImpl(
        new org.yaml.snakeyaml.reader.StreamReader(body), options);
    try {
      while (events.peekEvent() != null) {
        org.yaml.snakeyaml.events.Event e = events.getEvent();
        if (e instanceof org.yaml.snakeyaml.events.AliasEvent) {
          org.yaml.snakeyaml.error.Mark m = e.getStartMark();
          throw b.error(m.getLine() + 1, m.getColumn() + 1, "YAML aliases (*" + ((org.yaml.snakeyaml.events.AliasEvent) e).getAnchor()
              + ") are not allowed",
              "repeat the value, or use extends to share rules between policies");
        }
        if (e instanceof org.yaml.snakeyaml.events.NodeEvent n && n.getAnchor() != null) {
          org.yaml.snakeyaml.error.Mark m = e.getStartMark();
          throw b.error(m.getLine() + 1, m.getColumn() + 1, "YAML anchors (&" + n.getAnchor() + ") are not allowed",
              "repeat the value, or use extends to share rules between policies");
        }
        if (e instanceof org.yaml.snakeyaml.events.StreamEndEvent) {
          return;
        }
      }
    } catch (org.yaml.snakeyaml.error.YAMLException | IllegalArgumentException | IndexOutOfBoundsException e) {
      // a syntax error: the main pass reports it with its location
    }
  }

  private static final java.util.regex.Pattern MARK =
      java.util.regex.Pattern.compile(" in '[^']*', line (\\d+), column (\\d+):");

  /** Keeps SnakeYAML's context and problem sentences, dropping its own snippets and marks. */
  private static String cleanMessage(String m) {
    if (m == null) {
      return "syntax error";
    }
    List<String> keep = new ArrayList<>();
    String[] lines = m.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (MARK.matcher(lines[i]).find()) {
        i += 2; // the snippet line and the caret line follow a mark
        continue;
      }
      if (!lines[i].isBlank()) {
        keep.add(lines[i].strip().replace("\\t(TAB)", "TAB"));
      }
    }
    return keep.isEmpty() ? "syntax error" : String.join(": ", keep);
  }

  /** Builds the tree from parser tokens. */
  private static final class Builder {
    private final String text;
    private final String source;
    private final Map<String, int[]> locations = new HashMap<>();

    Builder(String text, String source) {
      this.text = text;
      this.source = source;
    }

    JsonValue value(JsonParser p, JsonToken t, String path, int depth) throws IOException {
      JsonLocation loc = p.currentTokenLocation();
      int line = loc.getLineNr();
      int col = loc.getColumnNr();
      locations.put(path, new int[] {line, col});
      if (depth > MAX_DEPTH) {
        throw error(line, col, "nesting deeper than " + MAX_DEPTH + " levels", "flatten the document");
      }
      checkSafe(p, line, col);
      switch (t) {
        case START_OBJECT: {
          LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
          JsonToken k;
          while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
            JsonLocation kl = p.currentTokenLocation();
            String key = p.currentName();
            String child = Json.childPath(path, key);
            if (members.containsKey(key)) {
              throw error(kl.getLineNr(), kl.getColumnNr(), "duplicate key \"" + key + "\"",
                  "each key may appear once in a mapping; remove one of them");
            }
            locations.put(child + "#key", new int[] {kl.getLineNr(), kl.getColumnNr()});
            JsonToken vt = p.nextToken();
            members.put(key, value(p, vt, child, depth + 1));
          }
          return new JsonObject(members);
        }
        case START_ARRAY: {
          List<JsonValue> els = new ArrayList<>();
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            els.add(value(p, e, Json.indexPath(path, els.size()), depth + 1));
          }
          return new JsonArray(els);
        }
        case VALUE_STRING:
          return new JsonString(p.getText());
        case VALUE_NUMBER_INT: {
          if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw error(line, col, "integer " + p.getText() + " is too large", "");
          }
          long v = p.getLongValue();
          if (Math.abs((double) v) > 9007199254740992.0) {
            throw error(line, col, "integer " + p.getText() + " is too large", "");
          }
          return JsonNumber.of(v);
        }
        case VALUE_NUMBER_FLOAT: {
          double d = p.getDoubleValue();
          if (!Double.isFinite(d)) {
            throw error(line, col, "\"" + p.getText() + "\" is not a finite number",
                "NaN and infinity are not allowed in policies");
          }
          return JsonNumber.of(d);
        }
        case VALUE_TRUE:
          return JsonBoolean.TRUE;
        case VALUE_FALSE:
          return JsonBoolean.FALSE;
        case VALUE_NULL:
          return JsonNull.INSTANCE;
        default:
          throw error(line, col, "unexpected YAML content (" + t + ")", "");
      }
    }

    private void checkSafe(JsonParser p, int line, int col) throws IOException {
      String tag = p.getTypeId() == null ? null : p.getTypeId().toString();
      if (tag != null) {
        throw error(line, col, "YAML tags such as \"!!" + tag.replaceFirst("^!+", "").replace("tag:yaml.org,2002:", "")
            + "\" are not allowed",
            "remove the tag; clinigate documents are plain data");
      }
      if (p.getObjectId() != null) {
        throw error(line, col, "YAML anchors (&" + p.getObjectId() + ") are not allowed",
            "repeat the value, or use extends to share rules between policies");
      }
    }

    PolicyException error(int line, int col, String message, String hint) {
      return new PolicyException(new Problem(source, Math.max(0, line), Math.max(0, col), "", message, hint,
          lineText(line)));
    }

    private String lineText(int number) {
      if (number <= 0) {
        return "";
      }
      String[] lines = text.split("\n", -1);
      if (number > lines.length) {
        return "";
      }
      String l = lines[number - 1];
      return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }
  }
}
