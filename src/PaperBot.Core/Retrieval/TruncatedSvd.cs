namespace PaperBot.Core.Retrieval;

/// <summary>
/// The leading right singular vectors of a sparse matrix by randomized range finding (a Gaussian sketch, a few
/// power iterations, then an exact eigen-decomposition of the small projected Gram matrix by Jacobi rotations).
/// Enough for latent semantic analysis of a corpus without a linear-algebra package.
/// </summary>
public static class TruncatedSvd
{
    /// <summary>Columns × rank matrix whose columns are the right singular vectors, largest singular value first.</summary>
    public static double[,] RightSingularVectors(SparseRows matrix, int rank, int seed = 17, int powerIterations = 2, int oversampling = 10)
    {
        var sketch = Math.Min(rank + oversampling, Math.Min(matrix.Rows, matrix.Columns));
        rank = Math.Min(rank, sketch);
        var random = new Random(seed);
        var omega = new double[matrix.Columns, sketch];
        for (var i = 0; i < matrix.Columns; i++)
        {
            for (var j = 0; j < sketch; j++)
            {
                omega[i, j] = Gaussian(random);
            }
        }
        var y = matrix.Times(omega);
        Orthonormalise(y);
        for (var q = 0; q < powerIterations; q++)
        {
            var z = matrix.TransposeTimes(y);
            Orthonormalise(z);
            y = matrix.Times(z);
            Orthonormalise(y);
        }
        // B = Yᵀ A, stored transposed (columns × sketch) as Aᵀ Y.
        var bt = matrix.TransposeTimes(y);
        var gram = new double[sketch, sketch];
        for (var i = 0; i < sketch; i++)
        {
            for (var j = i; j < sketch; j++)
            {
                double sum = 0;
                for (var c = 0; c < matrix.Columns; c++)
                {
                    sum += bt[c, i] * bt[c, j];
                }
                gram[i, j] = sum;
                gram[j, i] = sum;
            }
        }
        var (values, vectors) = SymmetricEigen(gram);
        var order = Enumerable.Range(0, sketch).OrderByDescending(i => values[i]).Take(rank).ToArray();
        var v = new double[matrix.Columns, rank];
        for (var r = 0; r < rank; r++)
        {
            var e = order[r];
            var sigma = Math.Sqrt(Math.Max(values[e], 1e-12));
            for (var c = 0; c < matrix.Columns; c++)
            {
                double sum = 0;
                for (var i = 0; i < sketch; i++)
                {
                    sum += bt[c, i] * vectors[i, e];
                }
                v[c, r] = sum / sigma;
            }
        }
        return v;
    }

    /// <summary>Modified Gram–Schmidt on the columns, in place; a column that collapses is left at zero.</summary>
    internal static void Orthonormalise(double[,] m)
    {
        var rows = m.GetLength(0);
        var cols = m.GetLength(1);
        for (var j = 0; j < cols; j++)
        {
            for (var p = 0; p < j; p++)
            {
                double dot = 0;
                for (var i = 0; i < rows; i++)
                {
                    dot += m[i, j] * m[i, p];
                }
                for (var i = 0; i < rows; i++)
                {
                    m[i, j] -= dot * m[i, p];
                }
            }
            double norm = 0;
            for (var i = 0; i < rows; i++)
            {
                norm += m[i, j] * m[i, j];
            }
            norm = Math.Sqrt(norm);
            for (var i = 0; i < rows; i++)
            {
                m[i, j] = norm > 1e-12 ? m[i, j] / norm : 0;
            }
        }
    }

    /// <summary>Cyclic Jacobi rotations: eigenvalues and column eigenvectors of a small symmetric matrix.</summary>
    internal static (double[] Values, double[,] Vectors) SymmetricEigen(double[,] symmetric)
    {
        var n = symmetric.GetLength(0);
        var a = (double[,])symmetric.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            v[i, i] = 1;
        }
        for (var sweep = 0; sweep < 60; sweep++)
        {
            double off = 0;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    off += a[p, q] * a[p, q];
                }
            }
            if (off < 1e-18)
            {
                break;
            }
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-15)
                    {
                        continue;
                    }
                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0)
                    {
                        t = 1;
                    }
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[k, p];
                        var akq = a[k, q];
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[p, k];
                        var aqk = a[q, k];
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[k, p];
                        var vkq = v[k, q];
                        v[k, p] = c * vkp - s * vkq;
                        v[k, q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = a[i, i];
        }
        return (values, v);
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
