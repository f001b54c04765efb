//! `knot-body`: where things are on the body.
//!
//! Everything in Knot speaks about places on the body. This crate owns that common ground:
//!
//! - [`scheme`]: the region scheme — every named place, its side, view, area and body part, and
//!   which regions touch — loaded from `data/regions.toml` and validated;
//! - [`listing`]: the scheme as a listing with readable names and neighbours, as the CLI and the
//!   API print it;
//! - [`lexicon`]: plain words ("back of my left knee", "tennis elbow spot") to region ids;
//! - [`maps`]: the clinical body maps (CHOIR, Michigan, the fibromyalgia WPI) as groupings of
//!   Knot's regions;
//! - [`chart`]: the body-chart SVG, front and back.
//!
//! It knows nothing about muscles.

pub mod chart;
pub mod lexicon;
pub mod listing;
pub mod maps;
pub mod scheme;

pub use lexicon::{Lexicon, Placement, Reading, Resolution, Unplaced};
pub use listing::{region_listing, RegionListing};
pub use scheme::{Region, RegionId, Scheme, SchemeError, Side, View};
