//! Tests of the body chart against the region scheme's data file.

use std::collections::{BTreeMap, BTreeSet};

use super::geometry::contains;
use super::*;

/// (region id, view) for every region of `data/regions.toml`, sides expanded.
fn scheme_regions() -> BTreeMap<String, String> {
    let doc: toml::Value = toml::from_str(include_str!("../../data/regions.toml")).unwrap();
    let mut out = BTreeMap::new();
    for r in doc["region"].as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        let view = r["view"].as_str().unwrap().to_string();
        if r["lateral"].as_bool().unwrap() {
            out.insert(format!("right-{id}"), view.clone());
            out.insert(format!("left-{id}"), view);
        } else {
            out.insert(id.to_string(), view);
        }
    }
    out
}

fn chart() -> Chart {
    Chart::builtin().unwrap()
}

#[test]
fn every_scheme_region_is_drawn_exactly_once() {
    let chart = chart();
    let ids = chart.region_ids();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "a region is drawn twice");
    let scheme = scheme_regions();
    let expected: BTreeSet<&str> = scheme.keys().map(String::as_str).collect();
    let missing: Vec<_> = expected.difference(&unique).collect();
    let unknown: Vec<_> = unique.difference(&expected).collect();
    assert!(missing.is_empty(), "not drawn: {missing:?}");
    assert!(
        unknown.is_empty(),
        "drawn but not in regions.toml: {unknown:?}"
    );
    assert_eq!(ids.len(), 232);
}

#[test]
fn shapes_are_on_their_regions_view() {
    let chart = chart();
    let scheme = scheme_regions();
    for s in &chart.shapes {
        assert_eq!(
            chart.views[s.view].id, scheme[&s.id],
            "{} is on the wrong figure",
            s.id
        );
    }
}

#[test]
fn anchors_lie_inside_their_shapes() {
    let chart = chart();
    for s in &chart.shapes {
        assert!(
            contains(&s.points, s.anchor),
            "anchor of {} is outside it",
            s.id
        );
        assert_eq!(chart.anchor(&s.id), Some(s.anchor));
    }
    assert_eq!(chart.anchor("no-such-region"), None);
}

#[test]
fn left_and_right_are_mirror_images() {
    let chart = chart();
    let mut pairs = 0;
    for right in chart.shapes.iter().filter(|s| s.side == ShapeSide::Right) {
        let base = right.id.trim_start_matches("right-");
        let left = chart.shape(&format!("left-{base}")).unwrap();
        let mid = chart.views[right.view].midline;
        assert_eq!(left.points.len(), right.points.len());
        for (&(lx, ly), &(rx, ry)) in left.points.iter().zip(&right.points) {
            assert!(
                (lx - (2.0 * mid - rx)).abs() < 1e-9 && (ly - ry).abs() < 1e-9,
                "{base}"
            );
        }
        pairs += 1;
    }
    assert_eq!(pairs, 109);
}

#[test]
fn the_persons_right_is_on_the_correct_side_of_each_figure() {
    let chart = chart();
    for s in chart.shapes.iter().filter(|s| s.side == ShapeSide::Right) {
        let v = &chart.views[s.view];
        let on_viewers_left = s.anchor.0 < v.midline;
        assert_eq!(
            on_viewers_left,
            v.id == "front",
            "{} on the {} figure",
            s.id,
            v.id
        );
    }
}

#[test]
fn shapes_have_a_clickable_size() {
    // A disc of radius 3 user units (about 6 px across at 1000 px wide) fits in every shape.
    let chart = chart();
    for s in &chart.shapes {
        let depth = super::geometry::signed_depth(&s.points, s.anchor);
        assert!(depth >= 3.0, "{} is a sliver (depth {depth:.1})", s.id);
    }
}

#[test]
fn render_draws_every_region_with_classes_names_and_markers() {
    let chart = chart();
    let mut opts = RenderOptions {
        title: "Pain <map>".into(),
        interactive: true,
        ..Default::default()
    };
    opts.names
        .insert("right-temple".into(), "right temple".into());
    opts.classes.insert(
        "right-temple".into(),
        vec!["marked".into(), "pain-7".into()],
    );
    opts.markers.push(Marker {
        region: "sacrum".into(),
        label: "TrP 1".into(),
    });
    opts.markers.push(Marker {
        region: "nowhere".into(),
        label: String::new(),
    });
    opts.legend
        .push(("essential".into(), "essential zone".into()));
    let svg = chart.render(&opts);
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("<title id=\"knot-chart-title\">Pain &lt;map&gt;</title>"));
    for id in chart.region_ids() {
        assert_eq!(
            svg.matches(&format!("id=\"region-{id}\"")).count(),
            1,
            "{id}"
        );
    }
    assert!(svg.contains(
        "id=\"region-right-temple\" class=\"region front right marked pain-7\" \
         data-region=\"right-temple\" tabindex=\"0\" role=\"button\" aria-pressed=\"false\""
    ));
    assert!(svg.contains("<title>right temple</title>"));
    assert!(
        svg.contains("<title>left-temple</title>"),
        "falls back to the id"
    );
    assert!(svg.contains("class=\"region back midline\" data-region=\"vertex\""));
    assert_eq!(svg.matches("<g class=\"marker\"").count(), 1);
    assert!(svg.contains(">TrP 1</text>"));
    assert!(svg.contains("class=\"swatch essential\""));
    assert!(svg.contains(">FRONT</text>") && svg.contains(">BACK</text>"));
    assert_eq!(svg.matches("class=\"side-label\"").count(), 4);
    let plain = chart.render(&RenderOptions::default());
    assert!(!plain.contains("tabindex=\"0\"") && plain.contains("role=\"img\""));
}

#[test]
fn bad_data_is_an_error() {
    let base = "[canvas]\nwidth = 10.0\nheight = 10.0\n[[view]]\nid = \"front\"\nlabel = \"F\"\n\
                origin = [5.0, 0.0]\nright_on = \"left\"\noutline = [0.0, 0.0, 1.0, 0.0, 1.0, 1.0]\n";
    let shape = |view: &str, pts: &str| {
        format!("{base}[[shape]]\nview = \"{view}\"\nregion = \"x\"\nlateral = true\npoints = [{pts}]\n")
    };
    assert!(Chart::from_toml(&shape("front", "0.0, 0.0, 1.0, 0.0, 1.0, 1.0")).is_ok());
    assert!(matches!(
        Chart::from_toml(&shape("side", "0.0, 0.0, 1.0, 0.0, 1.0, 1.0")),
        Err(ChartError::UnknownView { .. })
    ));
    assert!(matches!(
        Chart::from_toml(&shape("front", "0.0, 0.0, 1.0, 0.0, 1.0")),
        Err(ChartError::BadPolygon(_))
    ));
    assert!(matches!(
        Chart::from_toml(&shape("front", "-3.0, 0.0, 1.0, 0.0, 1.0, 1.0")),
        Err(ChartError::CrossesMidline(_))
    ));
    assert!(matches!(
        Chart::from_toml("nonsense"),
        Err(ChartError::Parse(_))
    ));
}
