using BBScore.Models.Text;
using BBScore.Stimuli;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace BBScore.Models.Onnx;

/// <summary>Feeds a decoder language-model export (GPT-2 style): each text stimulus is its context followed
/// by its text, tokenized and fitted to the model's context length (<see cref="TextWindow"/>: by default the
/// most recent tokens, right-padded with masked end-of-text into one batch); hidden states (B, tokens, D) are
/// read back one row per stimulus at its last word (<see cref="TextReadout"/>). Key/value cache inputs, if
/// any, get no past.</summary>
public sealed class OnnxTextFeeder : IOnnxInputFeeder
{
    /// <summary>Short text for measuring layer shapes.</summary>
    const string ProbeText = "The quick brown fox";

    readonly TextGraphInputs _inputs;
    readonly ITextTokenizer _tokenizer;
    readonly int _maxTokens;
    readonly TextReadout _readout;
    readonly TextWindow _window;

    public OnnxTextFeeder(TextGraphInputs inputs, ITextTokenizer tokenizer, int maxTokens,
        TextReadout readout = TextReadout.LastWordLastToken, TextWindow window = TextWindow.RecentTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        _inputs = inputs;
        _tokenizer = tokenizer;
        // A graph exported with a fixed token axis cannot take more than that.
        _maxTokens = inputs.FixedLength is int fixedLength ? Math.Min(maxTokens, fixedLength) : maxTokens;
        _readout = readout;
        _window = window;
    }

    /// <summary>The feeder for a decoder export: the GPT-2 tokenizer, or Llama 3's for the <c>llama3</c> key (its
    /// <c>tokenizer.model</c> beside the file); context length from a <c>config.json</c> beside the file, else GPT-2's 1024.</summary>
    public static OnnxTextFeeder Create(GraphProto graph, string modelPath, string? modelKey = null,
        TextReadout readout = TextReadout.LastWordLastToken, TextWindow window = TextWindow.RecentTokens)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
        int maxTokens = LanguageModelConfig.MaxTokens(folder) ?? LanguageModelConfig.Gpt2MaxTokens;
        ITextTokenizer tokenizer = modelKey == "llama3" ? Llama3Tokenizer.Load(folder) : Gpt2Tokenizer.Instance;
        return new OnnxTextFeeder(TextGraphInputs.Find(graph), tokenizer, maxTokens, readout, window);
    }

    public int MaxTokens => _maxTokens;

    public string Description =>
        $"text: {_tokenizer.Name} tokenizer; {_window.Describe(_maxTokens, _tokenizer.EndOfText)}" +
        $"{(_inputs.PositionIds != null ? "; position_ids fed" : "")}; readout: {_readout.Describe()}";

    public IReadOnlyList<string> InputNames => _inputs.BatchedNames;

    public Stimulus Probe() => new TextStimulus(ProbeText);

    public OnnxFeed Prepare(IReadOnlyList<Stimulus> batch)
    {
        var texts = batch.Select(s => s as TextStimulus
            ?? throw new NotSupportedException($"A language model takes text; this batch holds {StimulusBatch.KindsOf(batch)}.")).ToList();
        // The original pads every text to the whole window; otherwise rows are as long as the batch needs
        // (or as a graph with a fixed token axis takes).
        int? length = _inputs.FixedLength ?? (_window == TextWindow.OriginalFixedWindow ? _maxTokens : null);
        var tokenized = texts.Select(t => TokenizedText.From(t, _tokenizer, _maxTokens, _readout, _window)).ToList();
        // Right-padded rows keep every text at positions 0..n-1, so a text that begins another reads its rows from that
        // one's causal pass (the original's left padding moves positions with the length: no sharing there).
        var sharing = _window == TextWindow.RecentTokens ? CausalPrefixSharing.Group(tokenized) : null;
        var tokens = new TokenBatch(sharing?.Carriers ?? tokenized, _tokenizer.EndOfText, length, _window);

        var names = new List<string>();
        var values = new List<OrtValue>();
        try
        {
            long[] shape = [tokens.Count, tokens.Length];
            Add(_inputs.InputIds, OrtValue.CreateTensorValueFromMemory(tokens.InputIds, shape));
            if (_inputs.AttentionMask is string mask) Add(mask, OrtValue.CreateTensorValueFromMemory(tokens.AttentionMask, shape));
            if (_inputs.PositionIds is string positions) Add(positions, OrtValue.CreateTensorValueFromMemory(tokens.PositionIds, shape));
            foreach (var past in _inputs.Past)
                Add(past.Name, OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, past.ElementType, [tokens.Count, past.Heads, 0, past.HeadSize]));
            if (_inputs.UseCacheBranch is string useCache) Add(useCache, OrtValue.CreateTensorValueFromMemory(new[] { false }, [1]));
        }
        catch
        {
            foreach (var value in values) value.Dispose();
            throw;
        }
        return new OnnxFeed(names, values, tokens.Count, output => TokenRowReadout.Restore(output, tokens, sharing));

        void Add(string name, OrtValue value)
        {
            names.Add(name);
            values.Add(value);
        }
    }

    public void Dispose() { }
}
