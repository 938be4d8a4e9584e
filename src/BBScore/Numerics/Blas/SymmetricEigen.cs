using static TorchSharp.torch;

namespace BBScore.Numerics.Blas;

/// <summary>Every eigenpair of a symmetric float64 matrix, as <c>linalg.eigh</c> gives them (eigenvalues ascending,
/// eigenvectors as columns), in bounded memory. With the system OpenBLAS, LAPACK's dsyevr (relatively robust
/// representations) runs on the matrix's own buffer, which it overwrites, and writes the eigenvectors into one new
/// n × n buffer; its workspace is about 36 n numbers. libtorch's eigh (syevd) instead copies its input to column-major
/// order and needs a workspace of about 2 n² doubles, so that at its peak it holds about five n × n buffers: for the
/// 22,248-stimulus TVSD training set 18 GiB against 7.4 GiB here. dsyevr's eigenvalues and vectors agree with syevd's to
/// rounding (checked in the tests against both the reconstruction and libtorch's eigh); on this project's 2-core
/// machine it took as long as syevd through the same OpenBLAS (scipy.linalg.eigh, n = 3000). Without OpenBLAS's
/// LAPACK the decomposition falls back to libtorch's eigh.</summary>
public static class SymmetricEigen
{
    /// <summary>Whether decompositions go to LAPACK's dsyevr (the system OpenBLAS has it) rather than libtorch's eigh.</summary>
    public static bool UsesLapack => OpenBlasLibrary.Dsyevr is not null;

    /// <param name="matrix">Symmetric, float64, n × n; consumed: overwritten and disposed.</param>
    /// <returns>Eigenvalues (n, ascending) and eigenvectors (n × n, column j for eigenvalue j).</returns>
    public static (Tensor Values, Tensor Vectors) Decompose(Tensor matrix)
    {
        long n = RequireSquare(matrix);
        var rows = empty(n, n, ScalarType.Float64);
        try
        {
            var values = DecomposeIntoRows(matrix, rows, column: 0);
            using (rows) return (values, rows.t());
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    /// <summary>As <see cref="Decompose"/>, with eigenvector j written into row j of <paramref name="destination"/>,
    /// columns <paramref name="column"/> … <paramref name="column"/> + n − 1 (the rest of the buffer is left as it is):
    /// a caller that pads or transforms the vectors needs no buffer beside them.</summary>
    /// <param name="destination">Contiguous float64, at least n rows of at least <paramref name="column"/> + n values.</param>
    /// <returns>The eigenvalues (n, ascending).</returns>
    public static Tensor DecomposeIntoRows(Tensor matrix, Tensor destination, long column)
    {
        long n = RequireSquare(matrix);
        if (destination.dtype != ScalarType.Float64 || destination.dim() != 2 || !destination.is_contiguous()
            || destination.shape[0] < n || column < 0 || destination.shape[1] < column + n)
            throw new ArgumentException($"Expected a contiguous float64 destination of at least {n} x {column + n}, got {destination.dtype} {string.Join("x", destination.shape)}.", nameof(destination));
        using (matrix)
        {
            if (OpenBlasLibrary.Dsyevr is not { } dsyevr || n > int.MaxValue / 2 || destination.shape[1] > int.MaxValue)
            {
                var (values, vectors) = linalg.eigh(matrix);
                using (vectors)
                using (var columns = vectors.t())
                using (var rows = destination.narrow(0, 0, n))
                using (var target = rows.narrow(1, column, n))
                    target.copy_(columns);
                return values;
            }
            var source = matrix.is_contiguous() ? matrix : matrix.contiguous();
            try { return WithDsyevr(dsyevr, source, destination, column); }
            finally { if (!ReferenceEquals(source, matrix)) source.Dispose(); }
        }
    }

    /// <summary>Whether <see cref="DecomposeSingleInPlace"/> goes to LAPACK's ssyevd rather than libtorch's eigh.</summary>
    public static bool UsesLapackSingle => OpenBlasLibrary.Ssyevd is not null;

    /// <summary>Every eigenpair of a symmetric float32 matrix, in its own buffer: LAPACK's ssyevd (divide and conquer)
    /// overwrites <paramref name="matrix"/> with the eigenvectors, vector j in row j, beside a workspace of about 2 n²
    /// floats: 1.5 n² doubles in all, against dsyevr's 2 (its float64 input and eigenvectors), and 2.4 times faster than
    /// dsyevr on this project's machine (n = 4,000: 3.0 against 7.2 s). Float32 rounding costs the eigenvectors about
    /// 1e-7 of accuracy; see docs/PERFORMANCE.md for what that does to a ridge fit.</summary>
    /// <param name="matrix">Symmetric, contiguous float32, n × n; overwritten with the eigenvectors (row j: vector j).</param>
    /// <returns>The eigenvalues (n, ascending, float64).</returns>
    public static Tensor DecomposeSingleInPlace(Tensor matrix)
    {
        if (matrix.dtype != ScalarType.Float32 || matrix.dim() != 2 || matrix.shape[0] != matrix.shape[1] || !matrix.is_contiguous())
            throw new ArgumentException($"Expected a contiguous square float32 matrix, got {matrix.dtype} {string.Join("x", matrix.shape)}.", nameof(matrix));
        long n = matrix.shape[0];
        if (OpenBlasLibrary.Ssyevd is not { } ssyevd || n > 30_000)
        {
            // libtorch's eigh (also beyond 30,000 rows, where ssyevd's 1 + 6n + 2n² workspace overflows a 32-bit count).
            var (values, vectors) = linalg.eigh(matrix);
            using (vectors)
            using (var rows = vectors.t())
                matrix.copy_(rows);
            using (values) return values.to_type(ScalarType.Float64);
        }
        return WithSsyevd(ssyevd, matrix);
    }

    static unsafe Tensor WithSsyevd(OpenBlasLibrary.SsyevdFunction ssyevd, Tensor a)
    {
        int n = (int)a.shape[0];
        using var values = empty(n, ScalarType.Float32);
        byte jobz = (byte)'V', uplo = (byte)'U';
        int lda = Math.Max(1, n), info = 0, query = -1, iworkSize = 0;
        float workSize = 0;
        float* pa = (float*)MatrixProduct.Pointer(a), pw = (float*)MatrixProduct.Pointer(values);
        ssyevd(&jobz, &uplo, &n, pa, &lda, pw, &workSize, &query, &iworkSize, &query, &info, 1, 1);
        CheckSingle(info, n, "workspace query");
        // The float reported can round the size down: ask for LAPACK's documented minimum when it is larger.
        long minimum = 1 + 6L * n + 2L * n * n;
        long lwork = Math.Max(minimum, (long)Math.Ceiling(workSize));
        if (lwork > int.MaxValue) throw new InvalidOperationException($"ssyevd's workspace for a {n} x {n} matrix exceeds LAPACK's 32-bit sizes.");
        int lworkInt = (int)lwork, liwork = Math.Max(3 + 5 * n, iworkSize);
        using (var work = empty(lwork, ScalarType.Float32))
        {
            var iwork = new int[liwork];
            float* pwork = (float*)MatrixProduct.Pointer(work);
            fixed (int* piwork = iwork)
                ssyevd(&jobz, &uplo, &n, pa, &lda, pw, pwork, &lworkInt, piwork, &liwork, &info, 1, 1);
        }
        CheckSingle(info, n, "decomposition");
        return values.to_type(ScalarType.Float64);
    }

    static void CheckSingle(int info, int n, string stage)
    {
        if (info == 0) return;
        throw new InvalidOperationException(info < 0
            ? $"ssyevd ({stage}) rejected argument {-info} for a {n} x {n} matrix."
            : $"ssyevd ({stage}) failed to converge for a {n} x {n} matrix (info {info}); retry with --ridge-precision double.");
    }

    static long RequireSquare(Tensor matrix)
    {
        if (matrix.dtype != ScalarType.Float64 || matrix.dim() != 2 || matrix.shape[0] != matrix.shape[1])
            throw new ArgumentException($"Expected a square float64 matrix, got {matrix.dtype} {string.Join("x", matrix.shape)}.", nameof(matrix));
        return matrix.shape[0];
    }

    static unsafe Tensor WithDsyevr(OpenBlasLibrary.DsyevrFunction dsyevr, Tensor a, Tensor destination, long column)
    {
        int n = (int)a.shape[0];
        var values = empty(n, ScalarType.Float64);
        // Column-major 'U' is the row-major lower triangle, the one libtorch's eigh reads (UPLO='L'). LAPACK writes Z
        // column-major: eigenvector j is contiguous, i.e. a row of the row-major destination (leading dimension = its
        // row length).
        byte jobz = (byte)'V', range = (byte)'A', uplo = (byte)'U';
        int lda = Math.Max(1, n), ldz = (int)destination.shape[1], il = 0, iu = 0, found = 0, info = 0;
        double vl = 0, vu = 0, abstol = 0; // every eigenpair; abstol ≤ 0: LAPACK's default accuracy
        var support = new int[2 * Math.Max(1, n)];
        double* pa = (double*)MatrixProduct.Pointer(a), pw = (double*)MatrixProduct.Pointer(values);
        double* pz = (double*)MatrixProduct.Pointer(destination) + column;
        double workSize = 0;
        int iworkSize = 0, query = -1;
        try
        {
            fixed (int* isuppz = support)
            {
                dsyevr(&jobz, &range, &uplo, &n, pa, &lda, &vl, &vu, &il, &iu, &abstol, &found, pw, pz, &ldz, isuppz,
                    &workSize, &query, &iworkSize, &query, &info, 1, 1, 1);
                Check(info, n, "workspace query");
                int lwork = Math.Max(1, (int)Math.Ceiling(workSize)), liwork = Math.Max(1, iworkSize);
                var work = new double[lwork];
                var iwork = new int[liwork];
                fixed (double* pwork = work)
                fixed (int* piwork = iwork)
                    dsyevr(&jobz, &range, &uplo, &n, pa, &lda, &vl, &vu, &il, &iu, &abstol, &found, pw, pz, &ldz, isuppz,
                        pwork, &lwork, piwork, &liwork, &info, 1, 1, 1);
            }
            Check(info, n, "decomposition");
            if (found != n) throw new InvalidOperationException($"dsyevr returned {found} of {n} eigenpairs.");
            return values;
        }
        catch
        {
            values.Dispose();
            throw;
        }
    }

    static void Check(int info, int n, string stage)
    {
        if (info == 0) return;
        throw new InvalidOperationException(info < 0
            ? $"dsyevr ({stage}) rejected argument {-info} for a {n} x {n} matrix."
            : $"dsyevr ({stage}) failed to converge for a {n} x {n} matrix (info {info}); retry with BBSCORE_BLAS=torch to use libtorch's eigh.");
    }
}
