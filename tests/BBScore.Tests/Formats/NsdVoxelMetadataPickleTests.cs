using BBScore.Formats.Pickles;

namespace BBScore.Tests.Formats;

/// <summary>NSD-shaped subject pickles: voxel metadata as dicts of arrays or as pandas DataFrames.</summary>
public class NsdVoxelMetadataPickleTests
{
    [Theory]
    [InlineData("nsd_dict_p4.pkl")]
    [InlineData("nsd_df_p2.pkl")]
    [InlineData("nsd_df_p4.pkl")]
    [InlineData("nsd_df_p5.pkl")]
    public void Voxel_metadata_columns_read_the_same_from_dicts_and_dataframes(string file)
    {
        var root = NumpyPickle.Load(NumpyPickleTests.Fixture(file));
        var expected = NumpyPickleTests.Json("nsd.json");
        foreach (var hemi in new[] { "lh", "rh" })
        {
            var columns = NsdVoxelMetadata.Columns(root, hemi);
            Assert.Equal(4, columns.Count);
            foreach (var p in expected.GetProperty(hemi).EnumerateObject())
            {
                var values = p.Value.EnumerateArray().ToArray();
                if (p.Name.EndsWith(".ncsnr", StringComparison.Ordinal))
                    Assert.Equal(values.Select(v => v.GetDouble()).ToArray(), NsdVoxelMetadata.Ncsnr(root, hemi));
                else
                {
                    string kind = p.Name[(hemi.Length + 1)..^".label".Length];
                    Assert.Equal(values.Select(v => v.GetString()).ToArray(), NsdVoxelMetadata.Labels(root, hemi, kind));
                    Assert.Equal(values.Select(v => v.GetString()).ToArray(), columns[p.Name].ToStrings());
                }
            }
        }
        var y = root.AsDict();
        NumpyPickleTests.AssertArray(expected.GetProperty("image_test"), y["image_data"].AsDict()["test"].AsArray(), "image");
        NumpyPickleTests.AssertArray(expected.GetProperty("brain_lh"), y["brain_data"].AsDict()["test"].AsDict()["lh"].AsArray(), "brain lh");
    }

    [Fact]
    public void Dataframe_pickle_with_numpy2_module_names_reads()
    {
        // numpy 2 (as used by pandas 2.x) writes numpy._core.* instead of numpy.core.*; protocol 5 uses
        // _frombuffer for the float block. Rewrite the length-prefixed global names of a protocol-5 file.
        var text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(NumpyPickleTests.Fixture("nsd_df_p5.pkl")));
        Assert.Contains("\x8c\x12numpy.core.numeric", text);
        text = text.Replace("\x8c\x15numpy.core.multiarray", "\x8c\x16numpy._core.multiarray")
                   .Replace("\x8c\x12numpy.core.numeric", "\x8c\x13numpy._core.numeric");
        Assert.DoesNotContain("numpy.core", text);
        var root = NumpyPickle.Loads(System.Text.Encoding.Latin1.GetBytes(text), "numpy2_df.pkl");
        var expected = NumpyPickleTests.Json("nsd.json");
        Assert.Equal(expected.GetProperty("lh").GetProperty("lh.ncsnr").EnumerateArray().Select(v => v.GetDouble()).ToArray(), NsdVoxelMetadata.Ncsnr(root, "lh"));
        Assert.Equal(expected.GetProperty("rh").GetProperty("rh.streams.label").EnumerateArray().Select(v => v.GetString()).ToArray(), NsdVoxelMetadata.Labels(root, "rh", "streams"));
    }

    [Fact]
    public void Dataframe_metadata_keeps_column_order()
    {
        var root = NumpyPickle.Load(NumpyPickleTests.Fixture("nsd_df_p4.pkl"));
        var frame = Assert.IsType<PandasDataFrame>(root.AsDict()["voxel_metadata"].AsDict()["rh"]);
        Assert.Equal(["rh.ncsnr", "rh.nsdgeneral.label", "rh.prf-visualrois.label", "rh.streams.label"], frame.ColumnNames);
        Assert.Equal(12, frame.RowCount);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i).ToArray(), frame.RowIndex.As<long>());
    }

    [Fact]
    public void A_missing_column_or_hemisphere_is_named()
    {
        var root = NumpyPickle.Load(NumpyPickleTests.Fixture("nsd_dict_p4.pkl"));
        var e = Assert.Throws<KeyNotFoundException>(() => NsdVoxelMetadata.Labels(root, "lh", "kastner"));
        Assert.Contains("lh.kastner.label", e.Message);
        Assert.Contains("lh.streams.label", e.Message);
        Assert.Throws<KeyNotFoundException>(() => NsdVoxelMetadata.Columns(root, "xh"));
    }
}
