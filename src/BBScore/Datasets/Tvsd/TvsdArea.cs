namespace BBScore.Datasets.Tvsd;

/// <summary>A cortical area of the TVSD Utah arrays; <see cref="Full"/> is all 1024 channels of a monkey.</summary>
public enum TvsdArea { V1, V4, IT, Full }
