//! Writes a preview of the body chart: every region named, a few marked, a legend.
//!
//! `cargo run -p knot-body --example chart_preview -- chart.svg [--pain]`
//! (`--pain` gives every region a pain class, cycling 1..10, so every tile shows.)

use knot_body::chart::{Chart, Marker, RenderOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: chart_preview <out.svg> [--pain]")?;
    let pain = args.next().as_deref() == Some("--pain");
    let chart = Chart::builtin()?;
    let mut opts = RenderOptions {
        title: "Knot body chart (preview)".into(),
        interactive: true,
        ..Default::default()
    };
    for (i, id) in chart.region_ids().into_iter().enumerate() {
        opts.names.insert(id.to_string(), id.replace('-', " "));
        if pain {
            opts.classes
                .insert(id.to_string(), vec![format!("pain-{}", i % 10 + 1)]);
        }
    }
    if !pain {
        for id in [
            "right-temple",
            "right-upper-teeth",
            "left-jaw-angle",
            "right-side-of-neck",
        ] {
            opts.classes.insert(id.into(), vec!["essential".into()]);
        }
        for id in [
            "right-top-of-shoulder",
            "right-supraspinous",
            "right-upper-arm-outer",
            "right-forearm-thumb-side",
            "right-index-finger-front",
            "left-big-toe-bottom",
        ] {
            opts.classes.insert(id.into(), vec!["spillover".into()]);
        }
        for id in [
            "left-low-back",
            "sacrum",
            "left-buttock-upper",
            "right-calf",
            "left-heel-sole",
        ] {
            opts.classes.insert(id.into(), vec!["marked".into()]);
        }
        for (region, label) in [("right-neck-angle", "1"), ("left-buttock-upper", "2")] {
            opts.markers.push(Marker {
                region: region.into(),
                label: label.into(),
            });
        }
        opts.legend = vec![
            ("essential".into(), "essential pain zone".into()),
            ("spillover".into(), "spillover zone".into()),
            ("marked".into(), "marked by you".into()),
        ];
    }
    std::fs::write(&path, chart.render(&opts))?;
    eprintln!("wrote {path}");
    Ok(())
}
