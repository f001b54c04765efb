//! The safety keys of the atlas (clinical review 2026-12, corrections 3–5, 8 and 10): point-level
//! `self_treat` and `at_endangerment`, muscle-level `contraindicated_with`, the `screen` link of
//! red-flag symptoms, and the dose limits; the loader refuses unknown ids with a clear message.

use knot_atlas::Atlas;
use knot_body::Scheme;

fn muscle_with(point_extra: &str, care: &str, cautions_extra: &str) -> String {
    format!(
        r#"
[[endangerment]]
id = "femoral-triangle"
name = "groin"
[[muscle]]
id = "test-muscle"
prevalence = "common"
name = "Test"
part = "neck"
summary = "s"
source = "s"
[muscle.self_care]
self_treat = true
technique = ["sustained-compression"]
tools = []
position = "p"
how = "h"
hold_seconds = 60
{care}
sessions_per_day = 3
stretch = "s"
[muscle.cautions]
endangerment = ["femoral-triangle"]
avoid_if = []
stop_if = []
{cautions_extra}
[[muscle.trigger_point]]
id = "t-1"
label = "l"
location = "temple"
press_here = "p"
palpation = "p"
essential = ["temple"]
prevalence = "common"
source = "s"
{point_extra}
"#
    )
}

fn technique_file() -> (&'static str, &'static str) {
    (
        "vocab.toml",
        "[[technique]]\nid = \"sustained-compression\"\nname = \"pressure\"\n",
    )
}

fn load_error(text: &str) -> String {
    Atlas::from_files(&[technique_file(), ("bad.toml", text)], Scheme::builtin())
        .expect_err("the entry is invalid")
        .to_string()
}

#[test]
fn an_unknown_endangerment_site_on_a_trigger_point_is_a_load_error() {
    let text = muscle_with(r#"at_endangerment = ["no-such-site"]"#, "holds = 2", "");
    let error = load_error(&text);
    assert!(
        error.contains("at_endangerment `no-such-site` is not an endangerment site"),
        "{error}"
    );
    assert!(
        error.contains("femoral-triangle"),
        "lists the known sites: {error}"
    );
}

#[test]
fn a_site_the_knot_lies_on_must_also_be_a_site_of_the_muscle() {
    let text = muscle_with(r#"at_endangerment = ["femoral-triangle"]"#, "holds = 2", "").replace(
        "\nendangerment = [\"femoral-triangle\"]",
        "\nendangerment = []",
    );
    let error = load_error(&text);
    assert!(
        error.contains("not in the muscle's cautions.endangerment"),
        "{error}"
    );
}

#[test]
fn a_valid_entry_with_the_new_keys_loads() {
    let text = muscle_with(
        "self_treat = false\nat_endangerment = [\"femoral-triangle\"]",
        "holds = 1",
        r#"contraindicated_with = ["pregnancy"]"#,
    );
    let atlas = Atlas::from_files(&[technique_file(), ("ok.toml", &text)], Scheme::builtin())
        .expect("valid");
    let tp = &atlas.trigger_points()[0];
    assert!(
        !tp.self_treat,
        "the point's override wins over the muscle's"
    );
    assert_eq!(tp.at_endangerment, ["femoral-triangle"]);
    assert_eq!(
        atlas.muscles()[0].cautions.contraindicated_with,
        ["pregnancy"]
    );
}

#[test]
fn more_than_two_holds_is_refused() {
    let error = load_error(&muscle_with("", "holds = 3", ""));
    assert!(
        error.contains("self_care.holds = 3 is outside 1-2"),
        "{error}"
    );
}

#[test]
fn a_contraindication_must_look_like_a_question_id() {
    let error = load_error(&muscle_with(
        "",
        "holds = 2",
        r#"contraindicated_with = ["Pregnancy."]"#,
    ));
    assert!(error.contains("not a screening question id"), "{error}");
}

#[test]
fn the_femoral_triangle_point_of_iliopsoas_is_for_a_therapist_only() {
    let atlas = Atlas::builtin();
    let points: Vec<_> = atlas.trigger_points_of("iliopsoas").collect();
    for tp in &points {
        let expected = tp.id != "iliopsoas-distal";
        assert_eq!(tp.self_treat, expected, "{}", tp.key());
    }
    let distal = points
        .iter()
        .find(|tp| tp.id == "iliopsoas-distal")
        .unwrap();
    assert_eq!(distal.at_endangerment, ["femoral-triangle"]);
}

#[test]
fn every_knot_listed_by_the_review_lies_on_its_site() {
    let expected = [
        ("iliopsoas-distal", "femoral-triangle"),
        ("sartorius-upper", "femoral-triangle"),
        ("adductor-brevis-1", "femoral-triangle"),
        ("digastric-posterior", "below-ear"),
        ("sternocleidomastoid-sternal-middle", "anterior-neck"),
        ("scalene-anterior-1", "posterior-triangle"),
        ("subscapularis-1", "axilla"),
        ("pectoralis-minor-1", "axilla"),
        ("gastrocnemius-4", "popliteal-fossa"),
        ("popliteus-1", "popliteal-fossa"),
        ("piriformis-medial", "sciatic-notch"),
    ];
    let atlas = Atlas::builtin();
    for (id, site) in expected {
        let tp = atlas
            .trigger_points()
            .iter()
            .find(|tp| tp.id == id)
            .unwrap();
        assert!(tp.at_endangerment.iter().any(|s| s == site), "{id}");
    }
}

#[test]
fn the_dose_follows_davies_and_the_compression_literature() {
    for m in Atlas::builtin().muscles() {
        let care = &m.self_care;
        assert!(
            (1..=2).contains(&care.holds),
            "{}: {} holds",
            m.id,
            care.holds
        );
        assert!(care.hold_seconds <= 90, "{}", m.id);
        if care.technique.iter().any(|t| t == "short-deep-strokes") {
            assert!((6..=12).contains(&care.strokes), "{}", m.id);
        }
    }
    let vocabulary = Atlas::builtin().vocabulary();
    assert!(vocabulary.name("ischemic-compression").is_none());
    let release = vocabulary
        .name("pressure-release")
        .expect("renamed technique");
    assert!(release.how.contains("barrier"));
    let compression = vocabulary.name("sustained-compression").unwrap();
    assert!(compression.how.contains("softens or the discomfort halves"));
}

#[test]
fn red_flag_symptoms_name_their_screening_question() {
    let vocabulary = Atlas::builtin().vocabulary();
    for (symptom, question) in [
        ("foot-drop", "worsening-numbness-weakness"),
        ("dizziness", "neck-warning-signs"),
        ("blurred-vision", "neck-warning-signs"),
        ("difficulty-swallowing", "neck-warning-signs"),
        ("shortness-of-breath", "chest-pain"),
        ("ankle-swelling", "hot-swollen-calf"),
        ("bladder-urgency", "bladder-bowel"),
        ("numbness-leg", "worsening-numbness-weakness"),
    ] {
        let q = vocabulary.question(symptom).unwrap();
        assert_eq!(q.screen.as_deref(), Some(question), "{symptom}");
    }
    assert_eq!(vocabulary.question("tinnitus").unwrap().screen, None);
}

#[test]
fn the_coverage_gaps_of_correction_15_are_closed() {
    let atlas = Atlas::builtin();
    // Thoracic multifidi: a home treatment beside the spine, pain over the spine at its level.
    let thoracic: Vec<_> = atlas.trigger_points_of("multifidi-thoracic").collect();
    assert!(!thoracic.is_empty());
    for tp in &thoracic {
        assert!(tp.self_treat, "{}", tp.key());
        assert!(
            tp.essential.iter().any(|r| r == "thoracic-spine"),
            "{}",
            tp.key()
        );
    }
    // Longus colli: therapist-only, on the anterior neck, blocked by the carotid and
    // neck-instability questions.
    let longus: Vec<_> = atlas.trigger_points_of("longus-colli").collect();
    assert!(!longus.is_empty());
    for tp in &longus {
        assert!(!tp.self_treat, "{}", tp.key());
        assert_eq!(tp.at_endangerment, ["anterior-neck"], "{}", tp.key());
    }
    let muscle = atlas.muscle("longus-colli").unwrap();
    assert!(!muscle.self_care.self_treat);
    for question in ["carotid-stroke", "neck-instability-risk"] {
        assert!(
            muscle
                .cautions
                .contraindicated_with
                .iter()
                .any(|q| q == question),
            "{question}"
        );
    }
}
