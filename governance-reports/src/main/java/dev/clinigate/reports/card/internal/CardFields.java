package dev.clinigate.reports.card.internal;

import java.util.List;

/**
 * The text sections of a model card, in the order cards are rendered, with the label each field is shown under.
 * The card's JSON Schema ({@code model-card.schema.json}) lists the same keys.
 */
public final class CardFields {
  private CardFields() {}

  /** One field: its key under the section and its label. */
  public record Field(String key, String label) {}

  /** One section: its key under {@code spec}, its heading and its fields. */
  public record Section(String key, String title, List<Field> fields) {}

  private static Field f(String key, String label) {
    return new Field(key, label);
  }

  /** Every text section, in rendering order (key metrics follow {@code trustIngredients}). */
  public static final List<Section> SECTIONS = List.of(
      new Section("basicInfo", "Basic information", List.of(f("modelName", "Model name"), f("developer", "Developer"),
          f("contact", "Contact"))),
      new Section("releaseInfo", "Release information", List.of(f("stage", "Release stage"), f("date", "Release date"),
          f("version", "Version"), f("globalAvailability", "Global availability"),
          f("ehrCompatibility", "EHR compatibility"), f("regulatoryApproval", "Regulatory approval"))),
      new Section("modelSummary", "Model summary", List.of(f("summary", "Summary"), f("keywords", "Keywords"))),
      new Section("usesAndDirections", "Uses and directions", List.of(f("intendedUse", "Intended use and workflow"),
          f("primaryUsers", "Primary intended users"), f("howToUse", "How to use"),
          f("targetedPopulation", "Targeted patient population"),
          f("cautionedOutOfScope", "Cautioned out-of-scope settings"),
          f("decisionRole", "Decision-making role"))),
      new Section("warnings", "Warnings", List.of(f("knownRisksAndLimitations", "Known risks and limitations"),
          f("knownBiases", "Known biases or ethical considerations"), f("clinicalRiskLevel", "Clinical risk level"))),
      new Section("trustIngredients", "Trust ingredients", List.of(f("outcomesAndOutputs", "Outcomes and outputs"),
          f("outputType", "Output type"), f("modelType", "Model type"), f("foundationModels", "Foundation models"),
          f("inputDataSource", "Input data source"), f("inputOutputDataTypes", "Input and output data types"),
          f("developmentData", "Development data characterization"),
          f("biasMitigation", "Bias mitigation approaches"), f("ongoingMaintenance", "Ongoing maintenance"),
          f("security", "Security"), f("transparency", "Transparency"), f("fundingSource", "Funding source"),
          f("thirdParties", "Third-party information"), f("stakeholdersConsulted", "Stakeholders consulted"))),
      new Section("development", "Development data and methods", List.of(
          f("inclusionExclusion", "Inclusion and exclusion criteria"),
          f("demographicInputs", "Demographic variables used as inputs"),
          f("demographicRepresentativeness", "Demographic representativeness"),
          f("settingRelevance", "Relevance to the deployed setting"), f("dataDates", "Data dates"),
          f("dataSources", "Data sources"), f("sampleSize", "Sample size justification"),
          f("missingData", "Missing data handling"), f("classImbalance", "Class imbalance"),
          f("outOfRangeInputs", "Poor-quality, missing or out-of-range input at deployment"))),
      new Section("fairness", "Fairness process", List.of(f("approach", "Approach to fair output"),
          f("biasManagement", "Managing or reducing bias"))),
      new Section("externalValidation", "External validation", List.of(f("dataSource", "Data source or setting"),
          f("party", "Tested by"), f("representativeness", "Demographic representativeness"),
          f("process", "Validation process"))),
      new Section("maintenance", "Monitoring and updates", List.of(f("validityMonitoring", "Validity monitoring"),
          f("fairnessMonitoring", "Fairness monitoring"), f("updating", "Updating"),
          f("correctionFrequency", "Correction frequency"))),
      new Section("resources", "Resources", List.of(f("evaluationReferences", "Evaluation references"),
          f("clinicalTrials", "Clinical trials"), f("publications", "Peer-reviewed publications"),
          f("reimbursement", "Reimbursement status"), f("patientConsent", "Patient consent or disclosure"))));

  /** The key-metric groups: key and heading. */
  public static final List<Field> METRIC_GROUPS = List.of(f("usefulness", "Usefulness, usability and efficacy"),
      f("fairness", "Fairness and equity"), f("safety", "Safety and reliability"));

  /** How each test type is described. */
  public static String testTypeText(String testType) {
    return switch (testType) {
      case "internal" -> "internal (test data from the development source)";
      case "temporal" -> "temporal (later data from the development source)";
      case "external" -> "external (data from another source or site)";
      case "local" -> "local (data from the deploying site)";
      default -> testType;
    };
  }
}
