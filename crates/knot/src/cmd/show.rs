//! `knot show MUSCLE [--svg FILE] [--side left|right]`: one muscle as a readable page, or its
//! referral chart — trigger points marked ×, essential zone solid, spillover hatched.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use knot_atlas::{Atlas, Muscle, TriggerPoint};
use knot_body::chart::Marker;
use knot_body::Side;

use super::body;
use super::terms::find_muscle;
use crate::failure::Failure;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Muscle name, synonym or id: "upper trapezius", "fibularis longus", "gluteus-minimus".
    #[arg(required = true, num_args = 1..)]
    muscle: Vec<String>,
    /// Draw the referral chart to this SVG file instead of printing the page.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// Which side to draw or describe.
    #[arg(long, value_enum, default_value_t = SideArg::Right)]
    side: SideArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SideArg {
    Left,
    Right,
}

pub fn run(args: ShowArgs) -> Result<(), Failure> {
    let atlas = Atlas::builtin();
    let muscle = find_muscle(atlas, &args.muscle.join(" "))?;
    let side = match args.side {
        SideArg::Left => Side::Left,
        SideArg::Right => Side::Right,
    };
    let points: Vec<&TriggerPoint> = atlas
        .trigger_points_of(&muscle.id)
        .filter(|tp| tp.side == side || tp.side == Side::Midline)
        .collect();
    match args.svg {
        Some(path) => body::write_svg(&path, &chart(muscle, &points)?),
        None => {
            print!("{}", super::page::render(atlas, muscle, &points));
            Ok(())
        }
    }
}

fn chart(muscle: &Muscle, points: &[&TriggerPoint]) -> Result<String, Failure> {
    let mut opts = body::base_options(&format!(
        "{}: trigger points and referral zones",
        muscle.name
    ));
    for tp in points {
        for id in &tp.spillover {
            opts.classes
                .entry(id.clone())
                .or_default()
                .push("spillover".into());
        }
    }
    // Essential wins where one trigger point's essential zone is another's spillover.
    for tp in points {
        for id in &tp.essential {
            let classes = opts.classes.entry(id.clone()).or_default();
            classes.retain(|c| c != "spillover");
            classes.push("essential".into());
        }
    }
    // Numbers on the chart; `knot show MUSCLE` lists the trigger points by the same numbers.
    for (n, tp) in points.iter().enumerate() {
        opts.markers.push(Marker {
            region: tp.location.clone(),
            label: (n + 1).to_string(),
        });
    }
    opts.legend = vec![
        ("essential".into(), "essential referral zone".into()),
        ("spillover".into(), "spillover zone".into()),
        ("marker".into(), "× trigger point".into()),
    ];
    body::render(&opts)
}
