package dev.clinigate.contracts.internal;

import dev.clinigate.contracts.DataContract;
import dev.clinigate.contracts.Feature;
import dev.clinigate.contracts.Feature.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Infers a column's type for a profile made without a contract: integer when every non-empty value is
 * an integer, number when every one is a number, else category when it has at most {@code maxDistinct}
 * distinct values, else string. A column with no non-empty value is a string.
 */
public final class TypeInference {
  private TypeInference() {}

  /** A contract named "inferred" that declares every column with its inferred type. */
  public static DataContract infer(CsvParser p, int maxDistinct) {
    int w = p.width();
    boolean[] integer = new boolean[w];
    boolean[] number = new boolean[w];
    boolean[] any = new boolean[w];
    TextCounter[] distinct = new TextCounter[w];
    for (int i = 0; i < w; i++) {
      integer[i] = true;
      number[i] = true;
      distinct[i] = new TextCounter(maxDistinct);
    }
    while (p.next()) {
      char[] b = p.buffer();
      for (int i = 0; i < w; i++) {
        int s = p.start(i);
        int e = p.end(i);
        if (s == e) {
          continue;
        }
        any[i] = true;
        if (number[i]) {
          if (Double.isNaN(Numbers.parseDouble(b, s, e))) {
            number[i] = false;
            integer[i] = false;
          } else if (integer[i] && !Numbers.isInteger(b, s, e)) {
            integer[i] = false;
          }
        }
        if (!distinct[i].overflowed()) {
          distinct[i].intern(b, s, e);
        }
      }
    }
    List<Feature> features = new ArrayList<>();
    for (int i = 0; i < w; i++) {
      Type t = !any[i] ? Type.STRING
          : integer[i] ? Type.INTEGER
          : number[i] ? Type.NUMBER
          : distinct[i].overflowed() ? Type.STRING : Type.CATEGORY;
      Feature f = Feature.of(p.header().get(i), t);
      features.add(new Feature(f.name(), t, false, f.maxMissing(), f.range(), f.unit(), f.allowed(), f.pattern(),
          false, false, true, f.availableAt(), f.drift(), f.maxMissingBy(), f.missingValues()));
    }
    return DataContract.of("inferred", "1", features);
  }
}
