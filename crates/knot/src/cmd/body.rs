//! `knot body --svg out.svg [--mark TERM…]`: the body chart with marked regions filled.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use knot_body::chart::{Chart, RenderOptions};
use knot_body::Scheme;

use super::terms;
use crate::failure::Failure;

#[derive(Debug, Args)]
pub struct BodyArgs {
    /// Where to write the SVG (`-` for standard output).
    #[arg(long, value_name = "FILE")]
    svg: PathBuf,
    /// A place to fill, in words or as a region id; repeat for more.
    #[arg(long = "mark", value_name = "TERM")]
    marks: Vec<String>,
}

pub fn run(args: BodyArgs) -> Result<(), Failure> {
    let resolutions = terms::resolve_all(&args.marks)?;
    for note in resolutions.iter().filter_map(terms::ignored_warning) {
        eprintln!("{note}");
    }
    let mut opts = base_options("Body chart");
    for id in resolutions.iter().flat_map(|r| &r.regions) {
        opts.classes
            .entry(id.clone())
            .or_default()
            .push("marked".into());
    }
    if !args.marks.is_empty() {
        opts.legend.push(("marked".into(), "marked".into()));
    }
    write_svg(&args.svg, &render(&opts)?)
}

/// Render options with every region's accessible name filled in.
pub fn base_options(title: &str) -> RenderOptions {
    let names = Scheme::builtin()
        .regions()
        .iter()
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect();
    RenderOptions {
        title: title.to_string(),
        names,
        ..RenderOptions::default()
    }
}

/// Renders the built-in chart.
pub fn render(opts: &RenderOptions) -> Result<String, Failure> {
    let chart = Chart::builtin().context("loading the body chart")?;
    Ok(chart.render(opts))
}

/// Writes an SVG to a file, or to standard output for `-`.
pub fn write_svg(path: &PathBuf, svg: &str) -> Result<(), Failure> {
    if path.as_os_str() == "-" {
        print!("{svg}");
        return Ok(());
    }
    std::fs::write(path, svg).with_context(|| format!("writing {}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
