//! `knot atlas [--json]`: the whole trigger point atlas.

use clap::Args;

use knot_atlas::Atlas;

use crate::failure::Failure;

#[derive(Debug, Args)]
pub struct AtlasArgs {
    /// Print the whole atlas as JSON (muscles, trigger points per side, vocabulary).
    #[arg(long)]
    json: bool,
}

pub fn run(args: AtlasArgs) -> Result<(), Failure> {
    let atlas = Atlas::builtin();
    if args.json {
        let text = serde_json::to_string_pretty(&atlas.dump()).map_err(anyhow::Error::from)?;
        println!("{text}");
        return Ok(());
    }
    let mut part = "";
    for muscle in atlas.muscles() {
        if muscle.part != part {
            part = &muscle.part;
            println!("\n{}", part.to_uppercase());
        }
        let count = muscle.trigger_points.len();
        let plural = if count == 1 { "" } else { "s" };
        println!("  {:<40} {count} trigger point{plural}", muscle.name);
    }
    let specs: usize = atlas.muscles().iter().map(|m| m.trigger_points.len()).sum();
    println!(
        "\n{} muscles, {specs} trigger points ({} counting each side). Details: knot show MUSCLE",
        atlas.muscles().len(),
        atlas.trigger_points().len()
    );
    Ok(())
}
