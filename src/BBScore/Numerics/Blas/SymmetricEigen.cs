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

    /// <param name="matrix">Symmetric, float64, n × n, contiguous; consumed: overwritten and disposed.</param>
    /// <returns>Eigenvalues (n, ascending) and eigenvectors (n × n, column j for eigenvalue j).</returns>
    public static (Tensor Values, Tensor Vectors) Decompose(Tensor matrix)
    {
        if (matrix.dtype != ScalarType.Float64 || matrix.dim() != 2 || matrix.shape[0] != matrix.shape[1])
            throw new ArgumentException($"Expected a square float64 matrix, got {matrix.dtype} {string.Join("x", matrix.shape)}.", nameof(matrix));
        if (OpenBlasLibrary.Dsyevr is not { } dsyevr || matrix.shape[0] > int.MaxValue / 2)
        {
            using (matrix) return linalg.eigh(matrix);
        }
        using (matrix)
        {
            var source = matrix.is_contiguous() ? matrix : matrix.contiguous();
            try { return WithDsyevr(dsyevr, source); }
            finally { if (!ReferenceEquals(source, matrix)) source.Dispose(); }
        }
    }

    static unsafe (Tensor Values, Tensor Vectors) WithDsyevr(OpenBlasLibrary.DsyevrFunction dsyevr, Tensor a)
    {
        int n = (int)a.shape[0];
        var values = empty(n, ScalarType.Float64);
        // LAPACK writes Z column-major: eigenvector j is contiguous, i.e. row j of this row-major buffer; the
        // symmetric input reads the same in either order.
        var zt = empty(n, n, ScalarType.Float64);
        // Column-major 'U' is the row-major lower triangle, the one libtorch's eigh reads (UPLO='L').
        byte jobz = (byte)'V', range = (byte)'A', uplo = (byte)'U';
        int lda = Math.Max(1, n), ldz = lda, il = 0, iu = 0, found = 0, info = 0;
        double vl = 0, vu = 0, abstol = 0; // every eigenpair; abstol ≤ 0: LAPACK's default accuracy
        var support = new int[2 * Math.Max(1, n)];
        double* pa = (double*)MatrixProduct.Pointer(a), pw = (double*)MatrixProduct.Pointer(values), pz = (double*)MatrixProduct.Pointer(zt);
        double workSize = 0;
        int iworkSize = 0, query = -1;
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
        using (zt) return (values, zt.t());
    }

    static void Check(int info, int n, string stage)
    {
        if (info == 0) return;
        throw new InvalidOperationException(info < 0
            ? $"dsyevr ({stage}) rejected argument {-info} for a {n} x {n} matrix."
            : $"dsyevr ({stage}) failed to converge for a {n} x {n} matrix (info {info}); retry with BBSCORE_BLAS=torch to use libtorch's eigh.");
    }
}
