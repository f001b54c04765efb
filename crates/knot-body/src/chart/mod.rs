//! The body chart: Knot's front and back figures as one standalone SVG.
//!
//! The geometry is data (`data/chart.toml`): every region of the scheme is a closed polygon on
//! the figure named by its `view`, tiled so that neighbours share borders. Lateral regions are
//! stored once, for the person's right side, and mirrored here into `left-…` and `right-…`
//! shapes. [`Chart::render`] draws the figures with an embedded stylesheet: a region's look comes
//! from CSS classes (`marked`, `essential`, `spillover`, `pain-1` … `pain-10`), so callers only
//! say which class each region has, and pages may restyle the chart with their own CSS.

mod geometry;
mod svg;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;

use geometry::Pt;
pub use svg::esc as escape_xml;

/// The chart geometry, embedded at build time.
const CHART_TOML: &str = include_str!("../../data/chart.toml");

/// The body chart: every region's shape on the front or back figure, with full ids.
#[derive(Debug, Clone)]
pub struct Chart {
    width: f64,
    height: f64,
    views: Vec<ViewGeom>,
    shapes: Vec<Shape>,
}

/// One figure (front or back) and where it sits on the canvas.
#[derive(Debug, Clone)]
struct ViewGeom {
    id: String,
    label: String,
    /// Canvas x of the figure's midline.
    midline: f64,
    /// Canvas y of the top of the head.
    top: f64,
    /// +1 when the person's right appears on the viewer's right (back view), −1 otherwise.
    right_sign: f64,
    /// The silhouette, in canvas coordinates.
    outline: Vec<Pt>,
}

/// Which side of the body a drawn shape is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ShapeSide {
    Right,
    Left,
    Midline,
}

impl ShapeSide {
    fn word(self) -> &'static str {
        match self {
            ShapeSide::Right => "right",
            ShapeSide::Left => "left",
            ShapeSide::Midline => "midline",
        }
    }
}

/// One region's shape, in canvas coordinates.
#[derive(Debug, Clone)]
struct Shape {
    id: String,
    /// Index into `Chart::views`.
    view: usize,
    side: ShapeSide,
    points: Vec<Pt>,
    anchor: Pt,
}

/// A problem with the chart data. Only reachable by editing `data/chart.toml`; the tests keep the
/// embedded chart valid.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The file is not valid TOML or does not have the expected fields.
    #[error("chart data: {0}")]
    Parse(#[from] toml::de::Error),
    /// A point list has an odd number of coordinates or fewer than three points.
    #[error("chart data: shape of `{0}` is not a polygon (needs 3+ x,y pairs)")]
    BadPolygon(String),
    /// A shape names a view that is not defined.
    #[error("chart data: shape of `{region}` is on unknown view `{view}`")]
    UnknownView { region: String, view: String },
    /// A lateral shape reaches past the midline (its x must be >= 0).
    #[error("chart data: lateral shape of `{0}` crosses the midline")]
    CrossesMidline(String),
    /// The same region id is drawn twice.
    #[error("chart data: region `{0}` is drawn twice")]
    Duplicate(String),
}

#[derive(Deserialize)]
struct RawChart {
    canvas: RawCanvas,
    view: Vec<RawView>,
    shape: Vec<RawShape>,
}

#[derive(Deserialize)]
struct RawCanvas {
    width: f64,
    height: f64,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum ViewerSide {
    Left,
    Right,
}

#[derive(Deserialize)]
struct RawView {
    id: String,
    label: String,
    origin: [f64; 2],
    right_on: ViewerSide,
    outline: Vec<f64>,
}

#[derive(Deserialize)]
struct RawShape {
    view: String,
    region: String,
    lateral: bool,
    points: Vec<f64>,
}

/// Pairs up a flat `[x0, y0, x1, y1, …]` list.
fn pairs(flat: &[f64], what: &str) -> Result<Vec<Pt>, ChartError> {
    if !flat.chunks_exact(2).remainder().is_empty() || flat.len() < 6 {
        return Err(ChartError::BadPolygon(what.to_string()));
    }
    Ok(flat.chunks_exact(2).map(|c| (c[0], c[1])).collect())
}

impl Chart {
    /// The built-in chart: parses the embedded `data/chart.toml` and expands lateral shapes into
    /// their right and left instances.
    pub fn builtin() -> Result<Chart, ChartError> {
        Chart::from_toml(CHART_TOML)
    }

    fn from_toml(text: &str) -> Result<Chart, ChartError> {
        let raw: RawChart = toml::from_str(text)?;
        let mut views = Vec::with_capacity(raw.view.len());
        for v in &raw.view {
            let right_sign = match v.right_on {
                ViewerSide::Left => -1.0,
                ViewerSide::Right => 1.0,
            };
            let [midline, top] = v.origin;
            let outline = pairs(&v.outline, &format!("outline of {}", v.id))?
                .into_iter()
                .map(|(x, y)| (midline + right_sign * x, top + y))
                .collect();
            views.push(ViewGeom {
                id: v.id.clone(),
                label: v.label.clone(),
                midline,
                top,
                right_sign,
                outline,
            });
        }
        let mut shapes = Vec::new();
        let mut seen = HashSet::new();
        for s in &raw.shape {
            let view = views.iter().position(|v| v.id == s.view).ok_or_else(|| {
                ChartError::UnknownView {
                    region: s.region.clone(),
                    view: s.view.clone(),
                }
            })?;
            let local = pairs(&s.points, &s.region)?;
            let instances: Vec<(String, ShapeSide, f64)> = if s.lateral {
                if local.iter().any(|&(x, _)| x < -0.05) {
                    return Err(ChartError::CrossesMidline(s.region.clone()));
                }
                vec![
                    (format!("right-{}", s.region), ShapeSide::Right, 1.0),
                    (format!("left-{}", s.region), ShapeSide::Left, -1.0),
                ]
            } else {
                vec![(s.region.clone(), ShapeSide::Midline, 1.0)]
            };
            let g = &views[view];
            for (id, side, sign) in instances {
                if !seen.insert(id.clone()) {
                    return Err(ChartError::Duplicate(id));
                }
                let points: Vec<Pt> = local
                    .iter()
                    .map(|&(x, y)| (g.midline + g.right_sign * sign * x, g.top + y))
                    .collect();
                let anchor = geometry::anchor(&points);
                shapes.push(Shape {
                    id,
                    view,
                    side,
                    points,
                    anchor,
                });
            }
        }
        Ok(Chart {
            width: raw.canvas.width,
            height: raw.canvas.height,
            views,
            shapes,
        })
    }

    /// Every drawn region id (`right-temple`, `vertex`, …), in drawing order.
    pub fn region_ids(&self) -> Vec<&str> {
        self.shapes.iter().map(|s| s.id.as_str()).collect()
    }

    /// A point well inside the region's shape, in the SVG's user units (where [`Chart::render`]
    /// puts a marker); `None` for an id the chart does not draw.
    pub fn anchor(&self, region_id: &str) -> Option<(f64, f64)> {
        self.shape(region_id).map(|s| s.anchor)
    }

    /// The canvas size in the SVG's user units, for renderers other than [`Chart::render`]
    /// (the PDF progress report draws the same figures as vector paths).
    pub fn size(&self) -> (f64, f64) {
        (self.width, self.height)
    }

    /// Each figure's label ("Front", "Back"), the canvas x of its midline, and its silhouette
    /// as a closed polygon in the SVG's user units.
    pub fn figures(&self) -> impl Iterator<Item = (&str, f64, &[(f64, f64)])> {
        self.views
            .iter()
            .map(|v| (v.label.as_str(), v.midline, v.outline.as_slice()))
    }

    /// Every drawn region's id and closed polygon in the SVG's user units, in drawing order.
    pub fn region_shapes(&self) -> impl Iterator<Item = (&str, &[(f64, f64)])> {
        self.shapes
            .iter()
            .map(|s| (s.id.as_str(), s.points.as_slice()))
    }

    fn shape(&self, region_id: &str) -> Option<&Shape> {
        self.shapes.iter().find(|s| s.id == region_id)
    }

    /// The chart as a complete standalone `<svg>` document (it scales to its container's width).
    pub fn render(&self, opts: &RenderOptions) -> String {
        svg::render(self, opts)
    }
}

/// How to draw the chart: names, CSS classes, markers and legend.
#[derive(Debug, Default, Clone)]
pub struct RenderOptions {
    /// The `<title>` of the whole SVG.
    pub title: String,
    /// Region id → accessible name ("right temple"); regions without one are named by their id.
    pub names: BTreeMap<String, String>,
    /// Region id → extra CSS classes, e.g. `["marked"]`, `["essential"]`, `["spillover"]`,
    /// `["pain-7"]`. The embedded stylesheet knows these; others are left to the page's CSS.
    pub classes: BTreeMap<String, Vec<String>>,
    /// × marks drawn at regions' anchors; a marker on an unknown region is skipped.
    pub markers: Vec<Marker>,
    /// (CSS class, text) swatches drawn under the figures.
    pub legend: Vec<(String, String)>,
    /// If true, each region is focusable and acts as a toggle button: `tabindex="0"
    /// role="button" aria-pressed="false"` (a script flips `aria-pressed`).
    pub interactive: bool,
}

/// A × mark at the anchor of a region, e.g. where a trigger point sits.
#[derive(Debug, Clone)]
pub struct Marker {
    /// The region id it is drawn in.
    pub region: String,
    /// A short label drawn beside the × (and its tooltip); may be empty.
    pub label: String,
}
