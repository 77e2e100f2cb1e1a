#include "grid_builder.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace kpiform::extract {

namespace {

class UnionFind {
 public:
  explicit UnionFind(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  std::size_t find(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void unite(std::size_t a, std::size_t b) { parent_[find(a)] = find(b); }

 private:
  std::vector<std::size_t> parent_;
};

// Positions closer than `tolerance` become one, their mean.
std::vector<double> cluster(std::vector<double> positions, double tolerance) {
  std::sort(positions.begin(), positions.end());
  std::vector<double> centers;
  std::size_t first = 0;
  for (std::size_t i = 1; i <= positions.size(); ++i) {
    if (i == positions.size() || positions[i] - positions[i - 1] > tolerance) {
      if (i > first) {
        centers.push_back(std::accumulate(positions.begin() + static_cast<long>(first),
                                          positions.begin() + static_cast<long>(i), 0.0) /
                          static_cast<double>(i - first));
      }
      first = i;
    }
  }
  return centers;
}

std::size_t nearest(const std::vector<double>& edges, double position) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < edges.size(); ++i) {
    if (std::abs(edges[i] - position) < std::abs(edges[best] - position)) best = i;
  }
  return best;
}

// Length of [a0, a1] ∩ [b0, b1].
double overlap(double a0, double a1, double b0, double b1) {
  return std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
}

cells::Table build_table(const std::vector<HorizontalRule>& horizontal,
                         const std::vector<VerticalRule>& vertical, const GridOptions& options) {
  const double tol = options.tolerance;
  std::vector<double> xs, ys;
  double top = 1e300, bottom = -1e300;
  for (const VerticalRule& rule : vertical) {
    xs.push_back(rule.x);
    top = std::min(top, rule.y0);
    bottom = std::max(bottom, rule.y1);
  }
  for (const HorizontalRule& rule : horizontal) ys.push_back(rule.y);
  std::vector<double> col_edges = cluster(xs, tol);
  const double left = col_edges.front(), right = col_edges.back();
  const double width = right - left;

  // A full-width rule at the top or bottom closes the table; without one the
  // ends of the vertical rules are its edge.
  auto closed_at = [&](double y) {
    double covered = 0;
    for (const HorizontalRule& rule : horizontal) {
      if (std::abs(rule.y - y) <= tol) covered += overlap(rule.x0, rule.x1, left, right);
    }
    return covered >= 0.5 * width;
  };
  cells::Table table;
  table.open_top = !closed_at(top);
  table.open_bottom = !closed_at(bottom);
  ys.push_back(top);
  ys.push_back(bottom);
  std::vector<double> row_edges = cluster(ys, tol);
  row_edges.erase(std::remove_if(row_edges.begin(), row_edges.end(),
                                 [&](double y) { return y < top - tol || y > bottom + tol; }),
                  row_edges.end());
  // No row is lower than a line of print: edges closer than that are one
  // rule seen twice (a thick or doubled rule, or a rule and the ends of
  // the rules that meet it a little beyond).
  for (std::size_t i = 0; i + 1 < row_edges.size();) {
    if (row_edges[i + 1] - row_edges[i] < options.min_row_height) {
      row_edges[i] = (row_edges[i] + row_edges[i + 1]) / 2;
      row_edges.erase(row_edges.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    } else {
      ++i;
    }
  }
  table.row_edges = row_edges;
  table.col_edges = col_edges;
  table.rows = static_cast<int>(row_edges.size()) - 1;
  table.cols = static_cast<int>(col_edges.size()) - 1;
  table.box = {left, row_edges.front(), right, row_edges.back()};
  if (table.rows <= 0 || table.cols <= 0) return table;

  // Coverage of each grid side by rules.
  const auto rows = static_cast<std::size_t>(table.rows);
  const auto cols = static_cast<std::size_t>(table.cols);
  std::vector<std::vector<double>> vertical_cover(rows, std::vector<double>(cols + 1, 0));
  for (const VerticalRule& rule : vertical) {
    const std::size_t c = nearest(col_edges, rule.x);
    for (std::size_t r = 0; r < rows; ++r) {
      vertical_cover[r][c] += overlap(rule.y0, rule.y1, row_edges[r], row_edges[r + 1]);
    }
  }
  std::vector<std::vector<double>> horizontal_cover(rows + 1, std::vector<double>(cols, 0));
  for (const HorizontalRule& rule : horizontal) {
    const std::size_t r = nearest(row_edges, rule.y);
    if (std::abs(row_edges[r] - rule.y) > tol) continue;
    for (std::size_t c = 0; c < cols; ++c) {
      horizontal_cover[r][c] += overlap(rule.x0, rule.x1, col_edges[c], col_edges[c + 1]);
    }
  }

  // Grid cells not separated by a rule belong to one table cell.
  UnionFind groups(rows * cols);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      const double height = row_edges[r + 1] - row_edges[r];
      const double cell_width = col_edges[c + 1] - col_edges[c];
      if (c + 1 < cols && vertical_cover[r][c + 1] < options.min_coverage * height) {
        groups.unite(r * cols + c, r * cols + c + 1);
      }
      if (r + 1 < rows && horizontal_cover[r + 1][c] < options.min_coverage * cell_width) {
        groups.unite(r * cols + c, (r + 1) * cols + c);
      }
    }
  }
  struct Extent {
    std::size_t r0, c0, r1, c1;
  };
  std::map<std::size_t, Extent> extents;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      const std::size_t root = groups.find(r * cols + c);
      auto [it, inserted] = extents.try_emplace(root, Extent{r, c, r, c});
      if (!inserted) {
        Extent& e = it->second;
        e.r0 = std::min(e.r0, r);
        e.c0 = std::min(e.c0, c);
        e.r1 = std::max(e.r1, r);
        e.c1 = std::max(e.c1, c);
      }
    }
  }
  for (const auto& extent : extents) {
    const auto& e = extent.second;  // not a structured binding: the lambda captures it
    cells::Cell cell;
    cell.row = static_cast<int>(e.r0);
    cell.col = static_cast<int>(e.c0);
    cell.row_span = static_cast<int>(e.r1 - e.r0 + 1);
    cell.col_span = static_cast<int>(e.c1 - e.c0 + 1);
    cell.box = {col_edges[e.c0], row_edges[e.r0], col_edges[e.c1 + 1], row_edges[e.r1 + 1]};
    auto side_covered = [&](std::size_t edge) {
      double covered = 0;
      for (std::size_t c = e.c0; c <= e.c1; ++c) covered += horizontal_cover[edge][c];
      return covered >= options.min_coverage * cell.box.width();
    };
    cell.open_top = e.r0 == 0 && !side_covered(0);
    cell.open_bottom = e.r1 + 1 == rows && !side_covered(rows);
    table.cells.push_back(cell);
  }
  std::sort(table.cells.begin(), table.cells.end(), [](const cells::Cell& a, const cells::Cell& b) {
    return a.row != b.row ? a.row < b.row : a.col < b.col;
  });
  return table;
}

}  // namespace

std::vector<cells::Table> build_tables(const Rules& rules, const GridOptions& options) {
  const double tol = options.tolerance;
  const std::size_t nh = rules.horizontal.size();
  const std::size_t nv = rules.vertical.size();
  // Rules that touch or cross belong to one table.
  UnionFind groups(nh + nv);
  for (std::size_t h = 0; h < nh; ++h) {
    const HorizontalRule& a = rules.horizontal[h];
    for (std::size_t v = 0; v < nv; ++v) {
      const VerticalRule& b = rules.vertical[v];
      if (b.x >= a.x0 - tol && b.x <= a.x1 + tol && a.y >= b.y0 - tol && a.y <= b.y1 + tol) {
        groups.unite(h, nh + v);
      }
    }
  }
  // Vertical rules side by side over the same height are one table even
  // without a horizontal rule: a row split by page breaks, alone on a page.
  for (std::size_t a = 0; a < nv; ++a) {
    for (std::size_t b = a + 1; b < nv; ++b) {
      const VerticalRule& first = rules.vertical[a];
      const VerticalRule& second = rules.vertical[b];
      const double shorter = std::min(first.y1 - first.y0, second.y1 - second.y0);
      if (overlap(first.y0, first.y1, second.y0, second.y1) >= 0.8 * shorter) {
        groups.unite(nh + a, nh + b);
      }
    }
  }
  std::map<std::size_t, std::pair<std::vector<HorizontalRule>, std::vector<VerticalRule>>> parts;
  for (std::size_t h = 0; h < nh; ++h) parts[groups.find(h)].first.push_back(rules.horizontal[h]);
  for (std::size_t v = 0; v < nv; ++v) {
    parts[groups.find(nh + v)].second.push_back(rules.vertical[v]);
  }
  std::vector<cells::Table> tables;
  for (const auto& [root, part] : parts) {
    const auto& [horizontal, vertical] = part;
    // A table needs its left and right edges, and a third rule where no
    // horizontal rule confirms it (two glyph strokes are no table).
    std::vector<double> xs;
    for (const VerticalRule& rule : vertical) xs.push_back(rule.x);
    const std::vector<double> columns = cluster(xs, tol);
    if (columns.size() < (horizontal.empty() ? 3u : 2u)) continue;
    if (columns.back() - columns.front() < options.min_table_width) continue;
    cells::Table table = build_table(horizontal, vertical, options);
    if (table.rows > 0 && table.cols > 0) tables.push_back(std::move(table));
  }
  std::sort(tables.begin(), tables.end(),
            [](const cells::Table& a, const cells::Table& b) { return a.box.y0 < b.box.y0; });
  return tables;
}

}  // namespace kpiform::extract
