namespace BBScore.Numerics.Transport;

/// <summary>
/// Exact (unregularised) optimal transport, POT's <c>ot.emd(a, b, M)</c>: the plan with row sums a and
/// column sums b minimising Σ P ∘ M, for any positive marginals (n ≠ m allowed).
/// </summary>
/// <remarks>
/// Algorithm: successive shortest paths on the transport network (source → rows → columns → sink, row→column
/// arcs uncapacitated with cost M, column→row residual arcs carrying back existing flow at cost −M). Each
/// round runs a dense Dijkstra over reduced costs, kept non-negative by node potentials (the LP duals), and
/// pushes the largest amount the cheapest path allows; every round empties a row's supply, fills a
/// column's demand or cancels a residual arc. Unlike network simplex (POT's solver) it needs no spanning-tree
/// bookkeeping, and costs O((n + m)² + n·m) per round. The optimal cost equals POT's to rounding; when
/// several plans are optimal the plan returned may differ from POT's.
/// </remarks>
public static class ExactTransport
{
    /// <summary>POT's tolerance for the two marginals' totals (its check to 6 decimals).</summary>
    const double MassTolerance = 1e-6;

    public static ExactTransportResult Solve(double[] a, double[] b, double[,] cost)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(cost);
        TransportInputs.Check(a, b, cost);
        double massA = a.Sum(), massB = b.Sum();
        if (Math.Abs(massA - massB) > MassTolerance * Math.Max(1.0, Math.Max(massA, massB)))
            throw new ArgumentException($"The marginals must carry the same mass; they sum to {massA} and {massB}.");

        var network = new TransportNetwork(a, b, cost);
        // Mass left below this is rounding residue from the two totals, not transport.
        double negligible = 1e-14 * Math.Max(massA, massB);
        while (network.Augment(negligible)) { }
        return new ExactTransportResult(network.Plan(), network.TotalCost());
    }

    /// <summary>Flows, residual supplies/demands and node potentials of the transport network.</summary>
    sealed class TransportNetwork
    {
        readonly double[,] _cost;
        readonly int _rows, _columns;
        readonly double[] _flow; // row-major rows × columns
        readonly double[] _supplyLeft, _demandLeft;
        readonly double[] _rowPotential, _columnPotential;
        double _sinkPotential; // the source's potential stays 0: its distance is always 0
        readonly double[] _rowDistance, _columnDistance;
        readonly int[] _rowParent, _columnParent; // column a row was reached from (−1: the source); row a column was reached from
        readonly bool[] _rowDone, _columnDone;

        public TransportNetwork(double[] a, double[] b, double[,] cost)
        {
            _cost = cost;
            _rows = a.Length;
            _columns = b.Length;
            _flow = new double[(long)_rows * _columns];
            _supplyLeft = (double[])a.Clone();
            _demandLeft = (double[])b.Clone();
            _rowPotential = new double[_rows];
            _columnPotential = new double[_columns];
            // Feasible start: reduced costs M[i,j] − π(j) ≥ 0 and π(j) − π(sink) ≥ 0.
            for (int j = 0; j < _columns; j++)
            {
                double lowest = double.PositiveInfinity;
                for (int i = 0; i < _rows; i++) lowest = Math.Min(lowest, cost[i, j]);
                _columnPotential[j] = lowest;
            }
            _sinkPotential = _columnPotential.Min();
            _rowDistance = new double[_rows];
            _columnDistance = new double[_columns];
            _rowParent = new int[_rows];
            _columnParent = new int[_columns];
            _rowDone = new bool[_rows];
            _columnDone = new bool[_columns];
        }

        /// <summary>Pushes flow along one cheapest source→sink path; false when no supply or demand is left.</summary>
        public bool Augment(double negligible)
        {
            int lastColumn = ShortestPath(negligible);
            if (lastColumn < 0) return false;

            // Bottleneck: the first row's supply, the last column's demand, and every flow sent back.
            double amount = _demandLeft[lastColumn];
            int firstRow = -1;
            for (int column = lastColumn; ;)
            {
                int row = _columnParent[column];
                int previous = _rowParent[row];
                if (previous < 0) { firstRow = row; break; }
                amount = Math.Min(amount, _flow[(long)row * _columns + previous]);
                column = previous;
            }
            amount = Math.Min(amount, _supplyLeft[firstRow]);

            for (int column = lastColumn; ;)
            {
                int row = _columnParent[column];
                _flow[(long)row * _columns + column] += amount;
                int previous = _rowParent[row];
                if (previous < 0) break;
                _flow[(long)row * _columns + previous] -= amount;
                column = previous;
            }
            _supplyLeft[firstRow] -= amount;
            _demandLeft[lastColumn] -= amount;
            return true;
        }

        /// <summary>Dense Dijkstra from the source over reduced costs, stopping at the sink; updates the
        /// potentials and returns the column that reached the sink (−1 when there is nothing left to move).</summary>
        int ShortestPath(double negligible)
        {
            Array.Fill(_rowDistance, double.PositiveInfinity);
            Array.Fill(_columnDistance, double.PositiveInfinity);
            Array.Clear(_rowDone);
            Array.Clear(_columnDone);
            bool anySupply = false, anyDemand = false;
            for (int i = 0; i < _rows; i++)
                if (_supplyLeft[i] > negligible)
                {
                    _rowDistance[i] = -_rowPotential[i]; // arc source → row: cost 0, source potential 0
                    _rowParent[i] = -1;
                    anySupply = true;
                }
            for (int j = 0; j < _columns && !anyDemand; j++) anyDemand = _demandLeft[j] > negligible;
            if (!anySupply || !anyDemand) return -1;

            double sinkDistance = double.PositiveInfinity;
            int sinkParent = -1;
            while (true)
            {
                var (isRow, node, distance) = ClosestOpenNode();
                if (sinkDistance <= distance || node < 0) break;
                if (isRow)
                {
                    _rowDone[node] = true;
                    double offset = distance + _rowPotential[node];
                    for (int j = 0; j < _columns; j++)
                    {
                        if (_columnDone[j]) continue;
                        double through = offset + _cost[node, j] - _columnPotential[j];
                        if (through < _columnDistance[j])
                        {
                            _columnDistance[j] = through;
                            _columnParent[j] = node;
                        }
                    }
                }
                else
                {
                    _columnDone[node] = true;
                    double offset = distance + _columnPotential[node];
                    if (_demandLeft[node] > negligible && offset - _sinkPotential < sinkDistance)
                    {
                        sinkDistance = offset - _sinkPotential;
                        sinkParent = node;
                    }
                    for (int i = 0; i < _rows; i++)
                    {
                        if (_rowDone[i] || _flow[(long)i * _columns + node] <= 0) continue;
                        double through = offset - _cost[i, node] - _rowPotential[i];
                        if (through < _rowDistance[i])
                        {
                            _rowDistance[i] = through;
                            _rowParent[i] = node;
                        }
                    }
                }
            }
            if (sinkParent < 0) throw new InvalidOperationException("No augmenting path although supply and demand remain (internal error).");

            // π += min(distance, distance to sink) keeps every residual reduced cost non-negative.
            for (int i = 0; i < _rows; i++) _rowPotential[i] += Math.Min(_rowDistance[i], sinkDistance);
            for (int j = 0; j < _columns; j++) _columnPotential[j] += Math.Min(_columnDistance[j], sinkDistance);
            _sinkPotential += sinkDistance;
            return sinkParent;
        }

        (bool IsRow, int Node, double Distance) ClosestOpenNode()
        {
            int best = -1;
            bool bestIsRow = false;
            double lowest = double.PositiveInfinity;
            for (int i = 0; i < _rows; i++)
                if (!_rowDone[i] && _rowDistance[i] < lowest) { lowest = _rowDistance[i]; best = i; bestIsRow = true; }
            for (int j = 0; j < _columns; j++)
                if (!_columnDone[j] && _columnDistance[j] < lowest) { lowest = _columnDistance[j]; best = j; bestIsRow = false; }
            return (bestIsRow, best, lowest);
        }

        public double[,] Plan()
        {
            var plan = new double[_rows, _columns];
            Buffer.BlockCopy(_flow, 0, plan, 0, _flow.Length * sizeof(double));
            return plan;
        }

        public double TotalCost()
        {
            double total = 0;
            for (int i = 0; i < _rows; i++)
                for (int j = 0; j < _columns; j++) total += _flow[(long)i * _columns + j] * _cost[i, j];
            return total;
        }
    }
}
