namespace BBScore.Results;

/// <summary>One row of the results database: the indexed columns and the full record.</summary>
/// <param name="Timestamp">The run's time, in UTC.</param>
/// <param name="HeadlineValue">NaN when the headline score is not a finite number.</param>
/// <param name="JsonPath">Where the result's JSON file was written.</param>
/// <param name="Json">The result JSON as stored in the database.</param>
public sealed record StoredResult(
    string Id,
    DateTimeOffset Timestamp,
    string Model,
    string Layer,
    string Benchmark,
    string Metric,
    string HeadlineKey,
    double HeadlineValue,
    string JsonPath,
    string Json,
    ResultRecord Record);
