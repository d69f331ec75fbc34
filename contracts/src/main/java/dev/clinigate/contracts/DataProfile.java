package dev.clinigate.contracts;

import dev.clinigate.contracts.internal.CheckRun;
import dev.clinigate.contracts.internal.CheckSettings;
import dev.clinigate.contracts.internal.CsvParser;
import java.util.List;
import java.util.Optional;

/** A saved profile of a reference data set (interim: drift references are added with the drift module). */
public final class DataProfile {
  private final List<ColumnProfile> columns;

  DataProfile(List<ColumnProfile> columns) {
    this.columns = List.copyOf(columns);
  }

  /** Profiles the remaining rows of a CSV reader against a contract. */
  public static DataProfile of(CsvReader csv, DataContract contract) {
    CheckSettings settings = new CheckSettings(Optional.empty(), Optional.empty(), ContractChecker.DEFAULT_MAX_KEYS,
        ContractChecker.DEFAULT_MAX_DISTINCT, ContractChecker.DEFAULT_MAX_DRIFT_VALUES, (f, n) -> null, r -> { });
    CheckRun run = new CheckRun(contract, settings, csv.header(), null);
    CsvParser p = csv.parser();
    while (p.next()) {
      run.row(p);
    }
    return new DataProfile(run.finish(csv.source()).columns());
  }

  /** The column profiles. */
  public List<ColumnProfile> columns() {
    return columns;
  }

  CheckSettings.DriftFactory driftFactory() {
    return (f, n) -> null;
  }
}
