//! The region scheme as a listing: each region with its readable area and part names and its
//! neighbours' ids. `knot regions --json` and `GET /api/v1/regions` both print this shape.

use serde::Serialize;

use crate::scheme::{Region, Scheme};

/// One region with its area, body part and neighbours.
#[derive(Debug, Clone, Serialize)]
pub struct RegionListing<'a> {
    #[serde(flatten)]
    pub region: &'a Region,
    pub area_name: String,
    pub part_name: String,
    pub neighbours: Vec<&'a str>,
}

/// Every region of the scheme, in scheme order, with its names and neighbours.
pub fn region_listing(scheme: &Scheme) -> Vec<RegionListing<'_>> {
    scheme
        .regions()
        .iter()
        .enumerate()
        .map(|(i, region)| RegionListing {
            region,
            area_name: scheme.area_name(region),
            part_name: scheme.part_name(region),
            neighbours: scheme
                .neighbours(i)
                .iter()
                .map(|&n| scheme.region(n).id.as_str())
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_has_every_region_with_its_scheme_neighbours() {
        let scheme = Scheme::builtin();
        let rows = region_listing(scheme);
        assert_eq!(rows.len(), scheme.len());
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(row.region.id, scheme.region(i).id);
            let expected: Vec<&str> = scheme
                .neighbours(i)
                .iter()
                .map(|&n| scheme.region(n).id.as_str())
                .collect();
            assert_eq!(row.neighbours, expected);
        }
    }
}
