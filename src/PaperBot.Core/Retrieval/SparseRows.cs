namespace PaperBot.Core.Retrieval;

/// <summary>A sparse matrix stored row by row (compressed sparse rows): rows are documents, columns are terms.</summary>
public sealed class SparseRows(int columns)
{
    private readonly List<int> _rowStart = [0];
    private readonly List<int> _columns = [];
    private readonly List<float> _values = [];

    public int Rows => _rowStart.Count - 1;

    public int Columns { get; } = columns;

    public void AddRow(IEnumerable<(int Column, float Value)> entries)
    {
        foreach (var (column, value) in entries)
        {
            _columns.Add(column);
            _values.Add(value);
        }
        _rowStart.Add(_columns.Count);
    }

    public IEnumerable<(int Column, float Value)> Row(int row)
    {
        for (var i = _rowStart[row]; i < _rowStart[row + 1]; i++)
        {
            yield return (_columns[i], _values[i]);
        }
    }

    /// <summary>this (rows × columns) times dense (columns × k).</summary>
    public double[,] Times(double[,] dense)
    {
        var k = dense.GetLength(1);
        var result = new double[Rows, k];
        for (var r = 0; r < Rows; r++)
        {
            for (var i = _rowStart[r]; i < _rowStart[r + 1]; i++)
            {
                var c = _columns[i];
                var v = _values[i];
                for (var j = 0; j < k; j++)
                {
                    result[r, j] += v * dense[c, j];
                }
            }
        }
        return result;
    }

    /// <summary>The transpose of this (columns × rows) times dense (rows × k).</summary>
    public double[,] TransposeTimes(double[,] dense)
    {
        var k = dense.GetLength(1);
        var result = new double[Columns, k];
        for (var r = 0; r < Rows; r++)
        {
            for (var i = _rowStart[r]; i < _rowStart[r + 1]; i++)
            {
                var c = _columns[i];
                var v = _values[i];
                for (var j = 0; j < k; j++)
                {
                    result[c, j] += v * dense[r, j];
                }
            }
        }
        return result;
    }
}
