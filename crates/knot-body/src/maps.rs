//! Clinical body maps (CHOIR, Michigan, the fibromyalgia Widespread Pain Index) expressed as
//! groupings of Knot's regions, so that a drawing made on Knot's chart can be reported in the
//! terms research and clinics use. The groupings are data: `data/maps.toml`.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::scheme::Scheme;

const BUILTIN_TOML: &str = include_str!("../data/maps.toml");

/// One area of a clinical map and the Knot regions it covers.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MapArea {
    /// The map's own code for the area, e.g. CHOIR `"101"`.
    pub code: String,
    pub name: String,
    pub side: String,
    /// For the WPI: which of the five generalised-pain regions the area counts toward
    /// (`left-upper`, `right-lower`, `axial`, … or `none`).
    #[serde(default)]
    pub group: Option<String>,
    pub regions: Vec<String>,
}

/// A clinical body map.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BodyMap {
    pub id: String,
    pub name: String,
    pub source: String,
    pub area: Vec<MapArea>,
}

#[derive(Debug, Deserialize)]
struct MapsFile {
    map: Vec<BodyMap>,
}

/// A problem with the maps data; the tests keep the embedded file valid.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MapsError {
    #[error("maps.toml is not valid: {0}")]
    Parse(String),
    #[error("map `{map}` area `{code}` names unknown region `{region}`")]
    UnknownRegion {
        map: String,
        code: String,
        region: String,
    },
}

/// All built-in maps.
#[derive(Debug)]
pub struct BodyMaps {
    maps: Vec<BodyMap>,
}

impl BodyMaps {
    /// The maps embedded in the binary.
    pub fn builtin() -> &'static BodyMaps {
        static BUILTIN: std::sync::OnceLock<BodyMaps> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            BodyMaps::parse(BUILTIN_TOML, Scheme::builtin())
                .unwrap_or_else(|e| panic!("embedded maps.toml is invalid: {e}"))
        })
    }

    /// Parses and checks maps against a scheme.
    pub fn parse(text: &str, scheme: &Scheme) -> Result<BodyMaps, MapsError> {
        let file: MapsFile =
            toml::from_str(text).map_err(|e| MapsError::Parse(e.message().to_string()))?;
        for map in &file.map {
            for area in &map.area {
                if let Some(bad) = area.regions.iter().find(|r| scheme.get(r).is_none()) {
                    return Err(MapsError::UnknownRegion {
                        map: map.id.clone(),
                        code: area.code.clone(),
                        region: bad.clone(),
                    });
                }
            }
        }
        Ok(BodyMaps { maps: file.map })
    }

    /// Every map.
    pub fn all(&self) -> &[BodyMap] {
        &self.maps
    }

    /// The map with this id (`choir`, `michigan`, `wpi`).
    pub fn get(&self, id: &str) -> Option<&BodyMap> {
        self.maps.iter().find(|m| m.id == id)
    }
}

impl BodyMap {
    /// The areas of this map that a drawing touches, in the map's order.
    pub fn areas_marked<'a>(&'a self, regions: &[String]) -> Vec<&'a MapArea> {
        let marked: BTreeSet<&str> = regions.iter().map(String::as_str).collect();
        self.area
            .iter()
            .filter(|a| a.regions.iter().any(|r| marked.contains(r.as_str())))
            .collect()
    }
}

/// The Widespread Pain Index of a drawing (2016 criteria): painful areas out of 19, and how
/// many of the five generalised-pain regions (left/right upper, left/right lower, axial) hold
/// pain. Knot reports these numbers; it never concludes a diagnosis from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WidespreadPain {
    pub index: usize,
    pub generalised_regions: usize,
    pub areas: Vec<String>,
}

/// Computes the Widespread Pain Index of a set of marked region ids.
pub fn widespread_pain(regions: &[String]) -> WidespreadPain {
    let Some(wpi) = BodyMaps::builtin().get("wpi") else {
        return WidespreadPain {
            index: 0,
            generalised_regions: 0,
            areas: Vec::new(),
        };
    };
    let areas = wpi.areas_marked(regions);
    let groups: BTreeSet<&str> = areas
        .iter()
        .filter_map(|a| a.group.as_deref())
        .filter(|g| *g != "none")
        .collect();
    WidespreadPain {
        index: areas.len(),
        generalised_regions: groups.len(),
        areas: areas.iter().map(|a| a.name.clone()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_have_their_published_sizes() {
        let maps = BodyMaps::builtin();
        assert_eq!(maps.get("choir").map(|m| m.area.len()), Some(74));
        assert_eq!(maps.get("michigan").map(|m| m.area.len()), Some(35));
        assert_eq!(maps.get("wpi").map(|m| m.area.len()), Some(19));
    }

    #[test]
    fn every_region_belongs_to_a_choir_area() {
        let choir = BodyMaps::builtin().get("choir").expect("choir");
        for region in Scheme::builtin().regions() {
            let found = choir.areas_marked(std::slice::from_ref(&region.id));
            assert!(!found.is_empty(), "{} has no CHOIR area", region.id);
        }
    }

    #[test]
    fn choir_codes_are_unique() {
        let choir = BodyMaps::builtin().get("choir").expect("choir");
        let codes: BTreeSet<&str> = choir.area.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes.len(), choir.area.len());
    }

    #[test]
    fn widespread_pain_counts_areas_and_generalised_regions() {
        let drawing: Vec<String> = [
            "left-top-of-shoulder",
            "right-calf",
            "left-low-back",
            "chin",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let wpi = widespread_pain(&drawing);
        // left shoulder girdle, right lower leg, lower back; the chin is no WPI area.
        assert_eq!(wpi.index, 3);
        assert_eq!(wpi.generalised_regions, 3);
    }
}
