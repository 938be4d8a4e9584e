namespace BBScore.Report.Rendering;

/// <summary>The page's only script, inlined (no CDN, no network): clicking a column header sorts the leaderboard by
/// that column, clicking it again reverses the order. Cells carry their sort key in <c>data-sort</c> (numbers in
/// round-trip form); numeric columns compare as numbers and put empty keys (no value) last either way.</summary>
public static class TableSortScript
{
    public const string Source = """
        (function () {
          var table = document.getElementById('leaderboard');
          if (!table) return;
          var headers = table.tHead.rows[0].cells;
          function key(row, column) {
            var cell = row.cells[column];
            return cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent;
          }
          function sortBy(column) {
            var header = headers[column];
            var numeric = header.getAttribute('data-type') === 'number';
            var ascending = header.getAttribute('aria-sort') !== 'ascending';
            var body = table.tBodies[0];
            var rows = Array.prototype.slice.call(body.rows);
            rows.sort(function (a, b) {
              var x = key(a, column), y = key(b, column);
              if (numeric) {
                if (x === '' || y === '') return (x === '') - (y === '');
                var d = parseFloat(x) - parseFloat(y);
                return ascending ? d : -d;
              }
              var c = x.localeCompare(y, undefined, { numeric: true, sensitivity: 'base' });
              return ascending ? c : -c;
            });
            rows.forEach(function (row) { body.appendChild(row); });
            for (var i = 0; i < headers.length; i++) headers[i].removeAttribute('aria-sort');
            header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
          }
          Array.prototype.forEach.call(headers, function (header, column) {
            header.addEventListener('click', function () { sortBy(column); });
            header.addEventListener('keydown', function (e) {
              if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(column); }
            });
          });
        })();
        """;
}
