//! Plane geometry for the body chart: point-in-polygon, a well-inside anchor point, and SVG
//! path text. Polygons are closed implicitly (the last point joins the first).

use std::fmt::Write as _;

/// A point in SVG user units.
pub(crate) type Pt = (f64, f64);

/// Whether `p` lies inside the polygon (even-odd rule).
pub(crate) fn contains(poly: &[Pt], p: Pt) -> bool {
    let mut inside = false;
    let mut j = poly.len().wrapping_sub(1);
    for (i, &(xi, yi)) in poly.iter().enumerate() {
        let (xj, yj) = poly[j];
        if (yi > p.1) != (yj > p.1) && p.0 < (xj - xi) * (p.1 - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Distance from `p` to the segment `a`–`b`.
fn segment_distance(p: Pt, a: Pt, b: Pt) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    ((a.0 + t * dx - p.0).powi(2) + (a.1 + t * dy - p.1).powi(2)).sqrt()
}

/// Distance from `p` to the polygon's border: positive inside, negative outside.
pub(crate) fn signed_depth(poly: &[Pt], p: Pt) -> f64 {
    let n = poly.len();
    let d = (0..n)
        .map(|i| segment_distance(p, poly[i], poly[(i + 1) % n]))
        .fold(f64::INFINITY, f64::min);
    if contains(poly, p) {
        d
    } else {
        -d
    }
}

/// A point well inside the polygon: (approximately) the one farthest from its border, found by
/// a grid search refined a few times around the best candidate.
pub(crate) fn anchor(poly: &[Pt]) -> Pt {
    let (mut x0, mut y0, mut x1, mut y1) = bounds(poly);
    let mut best = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let mut best_depth = signed_depth(poly, best);
    const N: usize = 16;
    for _ in 0..5 {
        let (sx, sy) = ((x1 - x0) / N as f64, (y1 - y0) / N as f64);
        for i in 0..=N {
            for j in 0..=N {
                let p = (x0 + sx * i as f64, y0 + sy * j as f64);
                let d = signed_depth(poly, p);
                if d > best_depth {
                    best = p;
                    best_depth = d;
                }
            }
        }
        (x0, x1) = (best.0 - 2.0 * sx, best.0 + 2.0 * sx);
        (y0, y1) = (best.1 - 2.0 * sy, best.1 + 2.0 * sy);
    }
    best
}

/// Bounding box: (min x, min y, max x, max y).
pub(crate) fn bounds(poly: &[Pt]) -> (f64, f64, f64, f64) {
    poly.iter().fold(
        (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ),
        |(a, b, c, d), &(x, y)| (a.min(x), b.min(y), c.max(x), d.max(y)),
    )
}

/// A number for SVG text: at most one decimal, no trailing `.0`.
pub(crate) fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0".to_string() // avoids "-0"
    } else {
        format!("{r}")
    }
}

/// The `d` attribute of a closed path through the points.
pub(crate) fn path_data(poly: &[Pt]) -> String {
    let mut d = String::with_capacity(poly.len() * 12);
    for (i, &(x, y)) in poly.iter().enumerate() {
        let cmd = if i == 0 { 'M' } else { 'L' };
        let _ = write!(d, "{cmd}{} {}", num(x), num(y));
    }
    d.push('Z');
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_contains_and_anchor() {
        let sq = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)];
        assert!(contains(&sq, (5.0, 5.0)));
        assert!(!contains(&sq, (11.0, 5.0)));
        let a = anchor(&sq);
        assert!((a.0 - 5.0).abs() < 0.5 && (a.1 - 5.0).abs() < 0.5, "{a:?}");
        assert_eq!(path_data(&sq[..2]), "M0 0L10 0Z");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(2.25), "2.3");
    }
}
