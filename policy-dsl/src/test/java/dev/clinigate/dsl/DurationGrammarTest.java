package dev.clinigate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clinigate.BurnRateTrigger;
import dev.clinigate.Durations;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.RollbackPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every duration in every policy schema follows the one grammar of {@link Durations}. */
class DurationGrammarTest {
  private static final Pattern PATTERN = Pattern.compile("\"pattern\": \"([^\"]*)\"");

  @Test
  void schemas_everyDurationPattern_isTheCoreSyntax() throws IOException {
    List<String> durationPatterns = new ArrayList<>();
    for (String schema : List.of("promotion-policy", "rollback-policy", "review-policy")) {
      try (InputStream in = PolicyYaml.class.getResourceAsStream(schema + ".schema.json")) {
        Matcher m = PATTERN.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        while (m.find()) {
          // a duration pattern is one ending in a unit class: [dhm], [smhdw], ...
          if (m.group(1).matches(".*\\[[smhdw]+\\]\\$")) {
            durationPatterns.add(schema + ": " + m.group(1));
          }
        }
      }
    }
    assertEquals(5, durationPatterns.size(), durationPatterns.toString());
    for (String p : durationPatterns) {
      assertTrue(p.endsWith(": " + Durations.SYNTAX), p);
    }
  }

  @Test
  void promotion_weeksAndSeconds_areDurations() {
    PromotionPolicy p = PolicyYaml.parsePromotion("""
        apiVersion: clinigate/v1
        kind: PromotionPolicy
        metadata: {name: weeks, version: 1}
        spec:
          gates:
            - {id: discrimination, metric: auroc, min: 0.75}
          approvals: {roles: [clinical-champion], maxAge: 12w}
          waivers: {maxDuration: 2w}
        """, "policy.yaml");
    assertEquals(Optional.of(Duration.ofDays(84)), p.approvals().orElseThrow().maxAge());
    assertEquals(Duration.ofDays(14), p.waivers().orElseThrow().maxDuration());
  }

  @Test
  void rollback_weeks_areDurations() {
    RollbackPolicy p = PolicyYaml.parseRollback("""
        apiVersion: clinigate/v1
        kind: RollbackPolicy
        metadata: {name: weeks, version: 1}
        spec:
          cooldown: 1w
          triggers:
            - {id: burn, burnRate: {objective: 0.999, rate: 14.4, long: 1h, short: 300s}}
        """, "policy.yaml");
    assertEquals(Optional.of(Duration.ofDays(7)), p.cooldown());
    BurnRateTrigger burn = (BurnRateTrigger) p.triggers().get(0);
    assertEquals(Duration.ofMinutes(5), burn.shortWindow());
  }
}
