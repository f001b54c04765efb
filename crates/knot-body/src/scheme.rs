//! The body region scheme: every place on the body Knot can name.
//!
//! The scheme is data (`data/regions.toml`), loaded once and validated here. A *template* in the
//! file describes one place; a lateral template becomes two regions (`left-temple`,
//! `right-temple`), a midline one stays single (`sacrum`). Regions are numbered densely so that
//! the finder can work on small integer sets; ids are the stable, public names.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// A region's public id, e.g. `right-temple` or `sacrum`.
pub type RegionId = String;

/// Which side of the body a region is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Left,
    Right,
    Midline,
}

impl Side {
    /// The other side; the midline is its own mirror.
    pub fn mirror(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
            Side::Midline => Side::Midline,
        }
    }

    /// The word used in ids and names: `left`, `right`, `midline`.
    pub fn word(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
            Side::Midline => "midline",
        }
    }

    /// Parses the word of [`Side::word`] ("left", "right", "midline").
    pub fn parse(word: &str) -> Option<Side> {
        [Side::Left, Side::Right, Side::Midline]
            .into_iter()
            .find(|side| side.word() == word)
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// Which figure of the body chart a region is drawn on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    Front,
    Back,
}

/// One named place on the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Region {
    /// Public id: `right-temple`, `sacrum`.
    pub id: RegionId,
    /// The template id without the side: `temple`, `sacrum`.
    pub base: String,
    /// A person's name for it: "right temple", "back of the left knee".
    pub name: String,
    pub side: Side,
    pub view: View,
    /// Area id (middle level of the hierarchy), e.g. `scalp`.
    pub area: String,
    /// Body part id (coarse level), e.g. `head`.
    pub part: String,
}

/// A problem with the region data. Only reachable by editing the data files; the tests keep the
/// embedded scheme valid.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SchemeError {
    #[error("regions.toml is not valid TOML for the scheme: {0}")]
    Parse(String),
    #[error("region template `{0}` is defined twice")]
    DuplicateRegion(String),
    #[error("region `{region}` names unknown area `{area}`")]
    UnknownArea { region: String, area: String },
    #[error("area `{area}` names unknown part `{part}`")]
    UnknownPart { area: String, part: String },
    #[error("region `{region}` lists unknown neighbour `{neighbour}`")]
    UnknownNeighbour { region: String, neighbour: String },
    #[error("region `{0}` has a bad id: use lowercase letters, digits and hyphens")]
    BadId(String),
    #[error("region `{0}` touches nothing: give it at least one neighbour")]
    Isolated(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionFile {
    part: Vec<NamedEntry>,
    area: Vec<AreaEntry>,
    region: Vec<TemplateEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedEntry {
    id: String,
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AreaEntry {
    id: String,
    name: String,
    part: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateEntry {
    id: String,
    name: String,
    lateral: bool,
    view: View,
    area: String,
    neighbours: Vec<String>,
}

/// The loaded, validated region scheme.
#[derive(Debug)]
pub struct Scheme {
    regions: Vec<Region>,
    index: HashMap<String, usize>,
    neighbours: Vec<Vec<usize>>,
    mirror: Vec<usize>,
    area_names: HashMap<String, String>,
    part_names: HashMap<String, String>,
}

static BUILTIN: OnceLock<Scheme> = OnceLock::new();
const BUILTIN_TOML: &str = include_str!("../data/regions.toml");

impl Scheme {
    /// The scheme embedded in the binary. Validated by this crate's tests, so loading cannot
    /// fail at run time unless the data file was edited without running them.
    pub fn builtin() -> &'static Scheme {
        BUILTIN.get_or_init(|| {
            Scheme::parse(BUILTIN_TOML)
                .unwrap_or_else(|e| panic!("embedded regions.toml is invalid: {e}"))
        })
    }

    /// Parses and validates a scheme from TOML text in the format of `data/regions.toml`.
    pub fn parse(text: &str) -> Result<Scheme, SchemeError> {
        let file: RegionFile =
            toml::from_str(text).map_err(|e| SchemeError::Parse(e.message().to_string()))?;
        let part_names: HashMap<String, String> =
            file.part.into_iter().map(|p| (p.id, p.name)).collect();
        let mut area_part = HashMap::new();
        let mut area_names = HashMap::new();
        for area in file.area {
            if !part_names.contains_key(&area.part) {
                return Err(SchemeError::UnknownPart {
                    area: area.id,
                    part: area.part,
                });
            }
            area_part.insert(area.id.clone(), area.part);
            area_names.insert(area.id, area.name);
        }
        let templates = validate_templates(&file.region, &area_part)?;
        let regions = expand_sides(&file.region, &area_part);
        let index: HashMap<String, usize> = regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let mirror = regions
            .iter()
            .map(|r| index[&side_id(&r.base, r.side.mirror())])
            .collect();
        let neighbours = link_neighbours(&file.region, &templates, &regions, &index)?;
        Ok(Scheme {
            regions,
            index,
            neighbours,
            mirror,
            area_names,
            part_names,
        })
    }

    /// Every region, in a stable order (the order of the data file, right before left).
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// Number of regions.
    pub fn len(&self) -> usize {
        self.regions.len()
    }

    /// True if the scheme has no regions (never for the built-in one).
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    /// The dense index of a region id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The region at a dense index.
    pub fn region(&self, index: usize) -> &Region {
        &self.regions[index]
    }

    /// The region with this id.
    pub fn get(&self, id: &str) -> Option<&Region> {
        self.index_of(id).map(|i| &self.regions[i])
    }

    /// Indices of the regions that touch this one.
    pub fn neighbours(&self, index: usize) -> &[usize] {
        &self.neighbours[index]
    }

    /// The same place on the other side (a midline region is its own mirror).
    pub fn mirror(&self, index: usize) -> usize {
        self.mirror[index]
    }

    /// The region id for a template id on a side: `("temple", Right)` → `right-temple`.
    /// For a midline template the side is ignored. None if there is no such region.
    pub fn sided(&self, base: &str, side: Side) -> Option<usize> {
        self.index_of(&side_id(base, side))
            .or_else(|| self.index_of(base))
    }

    /// True if the template id names a lateral place (one region per side).
    pub fn is_lateral(&self, base: &str) -> bool {
        self.index_of(base).is_none() && self.index_of(&side_id(base, Side::Right)).is_some()
    }

    /// A readable name for an area, with the side where the region has one.
    pub fn area_name(&self, region: &Region) -> String {
        let name = self
            .area_names
            .get(&region.area)
            .map_or(region.area.as_str(), |s| s);
        with_side(name, region.side)
    }

    /// A readable name for a body part, with the side where the region has one.
    pub fn part_name(&self, region: &Region) -> String {
        let name = self
            .part_names
            .get(&region.part)
            .map_or(region.part.as_str(), |s| s);
        with_side(name, region.side)
    }

    /// The distinct template ids, in file order.
    pub fn bases(&self) -> Vec<&str> {
        let mut seen = BTreeSet::new();
        self.regions
            .iter()
            .filter(|r| seen.insert(r.base.as_str()))
            .map(|r| r.base.as_str())
            .collect()
    }
}

fn with_side(name: &str, side: Side) -> String {
    match side {
        Side::Midline => name.to_string(),
        s => format!("{s} {name}"),
    }
}

/// The public id of a template on a side.
pub fn side_id(base: &str, side: Side) -> String {
    match side {
        Side::Midline => base.to_string(),
        s => format!("{s}-{base}"),
    }
}

fn validate_templates<'a>(
    templates: &'a [TemplateEntry],
    area_part: &HashMap<String, String>,
) -> Result<HashMap<&'a str, &'a TemplateEntry>, SchemeError> {
    let mut by_id = HashMap::new();
    for t in templates {
        let well_formed = !t.id.is_empty()
            && t.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed || t.id.starts_with("left-") || t.id.starts_with("right-") {
            return Err(SchemeError::BadId(t.id.clone()));
        }
        if !area_part.contains_key(&t.area) {
            return Err(SchemeError::UnknownArea {
                region: t.id.clone(),
                area: t.area.clone(),
            });
        }
        if by_id.insert(t.id.as_str(), t).is_some() {
            return Err(SchemeError::DuplicateRegion(t.id.clone()));
        }
    }
    Ok(by_id)
}

fn expand_sides(templates: &[TemplateEntry], area_part: &HashMap<String, String>) -> Vec<Region> {
    let sides: &[Side] = &[Side::Right, Side::Left];
    let mut regions = Vec::new();
    for t in templates {
        let template_sides = if t.lateral { sides } else { &[Side::Midline] };
        for &side in template_sides {
            regions.push(Region {
                id: side_id(&t.id, side),
                base: t.id.clone(),
                name: side_name(&t.name, side),
                side,
                view: t.view,
                area: t.area.clone(),
                part: area_part[&t.area].clone(),
            });
        }
    }
    regions
}

fn side_name(template: &str, side: Side) -> String {
    match side {
        Side::Midline => template.replace("{side} ", "").replace("{side}", ""),
        s if template.contains("{side}") => template.replace("{side}", s.word()),
        s => format!("{s} {template}"),
    }
}

fn link_neighbours(
    templates: &[TemplateEntry],
    by_id: &HashMap<&str, &TemplateEntry>,
    regions: &[Region],
    index: &HashMap<String, usize>,
) -> Result<Vec<Vec<usize>>, SchemeError> {
    let mut links: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); regions.len()];
    for t in templates {
        for reference in &t.neighbours {
            let (opposite, base) = match reference.strip_prefix("opposite:") {
                Some(base) => (true, base),
                None => (false, reference.as_str()),
            };
            let Some(other) = by_id.get(base) else {
                return Err(SchemeError::UnknownNeighbour {
                    region: t.id.clone(),
                    neighbour: reference.clone(),
                });
            };
            for from in regions.iter().enumerate().filter(|(_, r)| r.base == t.id) {
                for to in neighbour_sides(from.1.side, other.lateral, opposite) {
                    let to_index = index[&side_id(base, to)];
                    links[from.0].insert(to_index);
                    links[to_index].insert(from.0);
                }
            }
        }
    }
    for (i, set) in links.iter().enumerate() {
        if set.is_empty() {
            return Err(SchemeError::Isolated(regions[i].id.clone()));
        }
    }
    Ok(links.into_iter().map(|s| s.into_iter().collect()).collect())
}

/// Which sides of a neighbour template a region on `from` touches.
fn neighbour_sides(from: Side, neighbour_lateral: bool, opposite: bool) -> Vec<Side> {
    match (from, neighbour_lateral) {
        (_, false) => vec![Side::Midline],
        (Side::Midline, true) => vec![Side::Left, Side::Right],
        (side, true) if opposite => vec![side.mirror()],
        (side, true) => vec![side],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_scheme_loads_with_expected_size() {
        let scheme = Scheme::builtin();
        assert!(
            (150..=250).contains(&scheme.len()),
            "{} regions",
            scheme.len()
        );
    }

    #[test]
    fn region_ids_are_unique() {
        let scheme = Scheme::builtin();
        let ids: BTreeSet<&str> = scheme.regions().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids.len(), scheme.len());
    }

    #[test]
    fn every_lateral_region_has_a_mirror_with_the_same_shape() {
        let scheme = Scheme::builtin();
        for (i, r) in scheme.regions().iter().enumerate() {
            let m = scheme.region(scheme.mirror(i));
            assert_eq!(m.base, r.base);
            assert_eq!(m.side, r.side.mirror());
            assert_eq!((m.view, &m.area, &m.part), (r.view, &r.area, &r.part));
            assert_eq!(scheme.mirror(scheme.mirror(i)), i);
        }
    }

    #[test]
    fn adjacency_is_symmetric_and_mirrored() {
        let scheme = Scheme::builtin();
        for i in 0..scheme.len() {
            for &j in scheme.neighbours(i) {
                assert_ne!(i, j, "{} touches itself", scheme.region(i).id);
                assert!(scheme.neighbours(j).contains(&i));
                let (mi, mj) = (scheme.mirror(i), scheme.mirror(j));
                assert!(scheme.neighbours(mi).contains(&mj));
            }
        }
    }

    #[test]
    fn every_region_is_reachable_from_every_other() {
        let scheme = Scheme::builtin();
        let mut seen = vec![false; scheme.len()];
        let mut stack = vec![0];
        while let Some(i) = stack.pop() {
            if !std::mem::replace(&mut seen[i], true) {
                stack.extend_from_slice(scheme.neighbours(i));
            }
        }
        let unreachable: Vec<_> = (0..scheme.len())
            .filter(|&i| !seen[i])
            .map(|i| &scheme.region(i).id)
            .collect();
        assert!(unreachable.is_empty(), "unreachable: {unreachable:?}");
    }

    #[test]
    fn names_carry_the_side_where_the_template_puts_it() {
        let scheme = Scheme::builtin();
        assert_eq!(
            scheme.get("right-temple").map(|r| r.name.as_str()),
            Some("right temple")
        );
        assert_eq!(
            scheme.get("left-back-of-knee").map(|r| r.name.as_str()),
            Some("back of the left knee")
        );
        assert_eq!(scheme.get("sacrum").map(|r| r.side), Some(Side::Midline));
    }

    #[test]
    fn region_hierarchy_reaches_part_names() {
        let scheme = Scheme::builtin();
        let temple = scheme.get("left-temple").expect("left temple");
        assert_eq!(temple.part, "head");
        assert_eq!(scheme.part_name(temple), "left head");
    }

    #[test]
    fn parse_rejects_unknown_neighbours_and_areas() {
        let head = "[[part]]\nid='p'\nname='p'\n[[area]]\nid='a'\nname='a'\npart='p'\n";
        let bad_neighbour = format!(
            "{head}[[region]]\nid='x'\nname='x'\nlateral=false\nview='front'\narea='a'\nneighbours=['nope']\n"
        );
        assert!(matches!(
            Scheme::parse(&bad_neighbour),
            Err(SchemeError::UnknownNeighbour { .. })
        ));
        let bad_area = format!(
            "{head}[[region]]\nid='x'\nname='x'\nlateral=false\nview='front'\narea='zz'\nneighbours=[]\n"
        );
        assert!(matches!(
            Scheme::parse(&bad_area),
            Err(SchemeError::UnknownArea { .. })
        ));
    }
}
