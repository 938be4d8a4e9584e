using System.Runtime.InteropServices;

namespace BBScore.Numerics.Blas;

/// <summary>The system's OpenBLAS (e.g. Debian's libopenblas0-pthread), loaded on first use if present.
/// libtorch's CPU build ships Intel oneMKL, whose sgemm takes a generic code path on AMD processors: on the
/// project's 2-core AMD EPYC it reached 155 GFLOP/s on the ridge solver's 900 × 899 × 5000 product where
/// OpenBLAS reached 330. Where OpenBLAS is missing (or <c>BBSCORE_BLAS=torch</c>), every product falls back
/// to libtorch, with identical results up to rounding.</summary>
internal static class OpenBlasLibrary
{
    const int RowMajor = 101, NoTrans = 111, Trans = 112, Upper = 121;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate void SgemmFunction(int order, int transA, int transB, int m, int n, int k,
        float alpha, IntPtr a, int lda, IntPtr b, int ldb, float beta, IntPtr c, int ldc);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate void DgemmFunction(int order, int transA, int transB, int m, int n, int k,
        double alpha, IntPtr a, int lda, IntPtr b, int ldb, double beta, IntPtr c, int ldc);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate void SsyrkFunction(int order, int uplo, int trans, int n, int k,
        float alpha, IntPtr a, int lda, float beta, IntPtr c, int ldc);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate void SetThreadsFunction(int threads);

    /// <summary>LAPACK's Fortran dsyevr: every argument by reference, then the three character arguments' hidden lengths.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal unsafe delegate void DsyevrFunction(byte* jobz, byte* range, byte* uplo, int* n, double* a, int* lda, double* vl, double* vu,
        int* il, int* iu, double* abstol, int* m, double* w, double* z, int* ldz, int* isuppz, double* work, int* lwork,
        int* iwork, int* liwork, int* info, nuint jobzLength, nuint rangeLength, nuint uploLength);

    /// <summary>LAPACK's Fortran ssyevd (divide and conquer, float32): arguments by reference, then the hidden lengths.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal unsafe delegate void SsyevdFunction(byte* jobz, byte* uplo, int* n, float* a, int* lda, float* w, float* work, int* lwork,
        int* iwork, int* liwork, int* info, nuint jobzLength, nuint uploLength);

    sealed record Exports(SgemmFunction Sgemm, DgemmFunction Dgemm, SsyrkFunction Ssyrk, DsyevrFunction? Dsyevr, SsyevdFunction? Ssyevd);

    static readonly Lazy<Exports?> Loaded = new(Load);

    /// <summary>Whether products go to OpenBLAS in this process.</summary>
    public static bool Available => Loaded.Value is not null;

    public static string Describe() => Available ? "OpenBLAS (system library) for large matrix products" : "libtorch for matrix products (no system OpenBLAS found)";

    /// <summary>C (m × n, row stride ldc) = alpha · op(A) · op(B) + beta · C, all row-major.</summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha, IntPtr a, int lda, IntPtr b, int ldb, float beta, IntPtr c, int ldc)
        => Require().Sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    public static void Dgemm(bool transA, bool transB, int m, int n, int k, double alpha, IntPtr a, int lda, IntPtr b, int ldb, double beta, IntPtr c, int ldc)
        => Require().Dgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary>Upper triangle of C (n × n) = alpha · op(A)·op(A)ᵀ + beta · C, with op(A) = A (row-major n × k) or,
    /// when <paramref name="transA"/>, Aᵀ for row-major A (k × n): half a GEMM's work.</summary>
    public static void SsyrkUpper(bool transA, int n, int k, float alpha, IntPtr a, int lda, float beta, IntPtr c, int ldc)
        => Require().Ssyrk(RowMajor, Upper, transA ? Trans : NoTrans, n, k, alpha, a, lda, beta, c, ldc);

    static Exports Require() => Loaded.Value ?? throw new InvalidOperationException("OpenBLAS is not loaded.");

    /// <summary>LAPACK's dsyevr from the same library (Debian's OpenBLAS includes LAPACK), or null: a BLAS-only build.</summary>
    internal static DsyevrFunction? Dsyevr => Loaded.Value?.Dsyevr;

    /// <summary>LAPACK's ssyevd from the same library, or null.</summary>
    internal static SsyevdFunction? Ssyevd => Loaded.Value?.Ssyevd;

    /// <summary>Loads OpenBLAS if present. Must run before libtorch loads (see <see cref="TorchRuntime"/>): the
    /// thread settings below are read by each library once, at load time.</summary>
    public static void Initialize() => _ = Loaded.Value;

    static Exports? Load()
    {
        if (!OperatingSystem.IsLinux()) return null;
        if (string.Equals(Environment.GetEnvironmentVariable("BBSCORE_BLAS"), "torch", StringComparison.OrdinalIgnoreCase)) return null;
        foreach (var name in new[] { "libopenblas.so.0", "libopenblas.so" })
        {
            // Idle OpenBLAS workers spin for ~2^28 cycles (~0.1 s) after each product, and libtorch's OpenMP workers
            // spin after each of its operations; on few cores the two pools then steal each other's time between
            // the alternating products and element-wise steps. Short spins on both sides measured 1.48 s → 1.15 s
            // on the ridge workload A (2 cores). A user's own settings win.
            NativeEnvironment.SetDefault("OPENBLAS_THREAD_TIMEOUT", "4");
            if (!NativeLibrary.TryLoad(name, out var handle)) continue;
            if (!NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var sgemm)
                || !NativeLibrary.TryGetExport(handle, "cblas_dgemm", out var dgemm)
                || !NativeLibrary.TryGetExport(handle, "cblas_ssyrk", out var ssyrk)) continue;
            // Same thread count as libtorch (all cores, see TorchRuntime) unless the user set OPENBLAS_NUM_THREADS.
            if (Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") is null
                && NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var setThreads))
                Marshal.GetDelegateForFunctionPointer<SetThreadsFunction>(setThreads)(Math.Max(1, Environment.ProcessorCount));
            NativeEnvironment.SetDefault("OMP_WAIT_POLICY", "PASSIVE");
            return new Exports(
                Marshal.GetDelegateForFunctionPointer<SgemmFunction>(sgemm),
                Marshal.GetDelegateForFunctionPointer<DgemmFunction>(dgemm),
                Marshal.GetDelegateForFunctionPointer<SsyrkFunction>(ssyrk),
                NativeLibrary.TryGetExport(handle, "dsyevr_", out var dsyevr) ? Marshal.GetDelegateForFunctionPointer<DsyevrFunction>(dsyevr) : null,
                NativeLibrary.TryGetExport(handle, "ssyevd_", out var ssyevd) ? Marshal.GetDelegateForFunctionPointer<SsyevdFunction>(ssyevd) : null);
        }
        return null;
    }
}
