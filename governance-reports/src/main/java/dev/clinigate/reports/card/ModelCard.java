package dev.clinigate.reports.card;

import dev.clinigate.Evidence;
import dev.clinigate.InputException;
import dev.clinigate.ModelCardCheck;
import dev.clinigate.PolicyException;
import dev.clinigate.Problem;
import dev.clinigate.SourceFiles;
import dev.clinigate.dsl.SchemaValidator;
import dev.clinigate.dsl.Yaml;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.reports.card.internal.CardChecker;
import dev.clinigate.reports.card.internal.CardDoc;
import dev.clinigate.reports.card.internal.CardRenderer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A model card: the human-written parts ({@code kind: ModelCard} YAML), rendered with numbers read only from the
 * evidence and checked against versioned disclosure standards ({@link CardStandard}). Immutable and thread-safe.
 *
 * <pre>{@code
 * ModelCard card = ModelCard.load(Path.of("card.yaml"));
 * Evidence evidence = EvidenceFiles.load(Path.of("evidence.json"));
 * CardCheck check = card.check(CardStandard.of("hti1-dsi-2024"), evidence);
 * check.incomplete().forEach(i -> System.out.println(i.describe()));
 * String markdown = card.render(CardFormat.MARKDOWN, evidence, List.of(check));
 * }</pre>
 *
 * <p>As a {@link ModelCardCheck} it is what a promotion policy's {@code requires.modelCard} checks:
 * {@code policy.evaluate(evidence, EvaluationOptions.none().withModelCard(card))}.
 *
 * <p>Loading parses the YAML safely (see {@link Yaml}), validates it against the JSON Schema {@value #SCHEMA}, and
 * checks that each key metric names a metric of the evidence; every problem is reported at once in a
 * {@link PolicyException}, each as {@code ERROR: file:line:col: message} with a hint.
 */
public final class ModelCard implements ModelCardCheck {
  /** The classpath resource of the model card JSON Schema (draft-07). */
  public static final String SCHEMA = "/dev/clinigate/reports/card/model-card.schema.json";

  private static final SchemaValidator VALIDATOR = SchemaValidator.forResource(SCHEMA);

  private final CardDoc doc;
  private final String source;
  private final String sha256;

  private ModelCard(CardDoc doc, String source, String sha256) {
    this.doc = doc;
    this.source = source;
    this.sha256 = sha256;
  }

  /**
   * Loads a card file (UTF-8); errors name the path as given.
   *
   * @throws PolicyException listing every problem in the card
   * @throws InputException if the file cannot be read
   */
  public static ModelCard load(Path file) {
    return load(file, SourceFiles.besideFile(file));
  }

  /**
   * Loads a card file through {@code files} (its root, and {@link dev.clinigate.Limits#maxPolicyBytes()}).
   *
   * @throws PolicyException listing every problem in the card
   * @throws InputException if the file may not or cannot be read
   */
  public static ModelCard load(Path file, SourceFiles files) {
    byte[] bytes = files.readBytes(file, files.limits().maxPolicyBytes(), "maxPolicyBytes");
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InputException(Problem.at(file.toString(), 0, 0, "is not UTF-8 text", "save the card as UTF-8"));
    }
    return parse(text, file.toString(), Json.sha256Hex(bytes));
  }

  /**
   * Parses card YAML; {@code sourceName} appears in every error location; the card's SHA-256 is that of the text's
   * UTF-8 bytes.
   *
   * @throws PolicyException listing every problem in the card
   */
  public static ModelCard parse(String text, String sourceName) {
    return parse(text, sourceName, Json.sha256Hex(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static ModelCard parse(String text, String sourceName, String sha256) {
    JsonDocument d = Yaml.parse(text, sourceName);
    if (d.root() instanceof JsonObject o && o.members().get("kind") instanceof JsonString k
        && !k.value().equals("ModelCard") && List.of("PromotionPolicy", "RollbackPolicy", "ReviewPolicy",
            "DataContract").contains(k.value())) {
      throw new PolicyException(d.problem("$.kind", "expected kind ModelCard, found " + k.value(), "give "
          + "'clinigate model-card --card' a model card (kind: ModelCard)"));
    }
    if (!(d.root() instanceof JsonObject o && o.members().get("kind") instanceof JsonString k
        && k.value().equals("ModelCard"))) {
      // not a card at all (maybe a file of secrets given by mistake): one problem, quoting none of its lines
      throw new PolicyException(d.asData().problem("$", "is not a model card: it has no kind: ModelCard",
          "a model card starts with apiVersion: clinigate/v1 and kind: ModelCard"));
    }
    List<Problem> problems = new ArrayList<>(VALIDATOR.validate(d));
    if (!problems.isEmpty()) {
      throw new PolicyException(problems);
    }
    CardDoc doc = CardDoc.bind(d, problems);
    if (!problems.isEmpty()) {
      throw new PolicyException(problems);
    }
    return new ModelCard(doc, sourceName, sha256);
  }

  /** Every problem in a card without throwing, for editors and linters; empty when it loads. */
  public static List<Problem> validate(String text, String sourceName) {
    try {
      parse(text, sourceName);
      return List.of();
    } catch (PolicyException e) {
      return e.problems();
    }
  }

  /** The card's {@code metadata.name}. */
  public String name() {
    return doc.name();
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public String sha256() {
    return sha256;
  }

  /** Checks the card against a standard and the evidence: one result per checklist item. */
  public CardCheck check(CardStandard standard, Evidence evidence) {
    Objects.requireNonNull(evidence, "evidence");
    return new CardCheck(standard.id(), standard.title(), standard.source(),
        CardChecker.check(standard.checklist(), doc, evidence.json()));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Each entry is {@link CardItemResult#describe()} of an incomplete item.
   */
  @Override
  public List<String> incompleteItems(String standard, Evidence evidence) {
    return check(CardStandard.of(standard), evidence).incomplete().stream().map(CardItemResult::describe).toList();
  }

  /**
   * Renders the card with its key-metric results read from the evidence, stamped with the card's and the
   * evidence's SHA-256, followed by the given checks.
   *
   * @throws IllegalArgumentException for {@link CardFormat#CHAI_XML} when a key-metric group has no result (the CHAI
   *     schema requires one in each)
   */
  public String render(CardFormat format, Evidence evidence, List<CardCheck> checks) {
    CardRenderer r = new CardRenderer(doc, source, sha256, evidence.json(), evidence.sha256(), checks);
    return switch (format) {
      case MARKDOWN -> r.markdown();
      case HTML -> r.html();
      case JSON -> r.json();
      case CHAI_XML -> {
        r.chaiXmlProblem().ifPresent(p -> {
          throw new IllegalArgumentException(p);
        });
        yield r.chaiXml();
      }
    };
  }

  @Override
  public String toString() {
    return "ModelCard[" + doc.name() + ", " + source + "]";
  }

}
