//! The OpenAPI description of the clinic's visit pages: opening a visit, the visit page, and
//! its forms (drawing, findings, range of motion, treatments, the note, signing, addenda).

use serde_json::{json, Value};

use super::{page, post};

/// The path parameters of a visit's addresses.
fn ids(with_visit: bool) -> Value {
    let names: &[&str] = if with_visit {
        &["clinic", "client", "visit"]
    } else {
        &["clinic", "client"]
    };
    names
        .iter()
        .map(|name| {
            json!({"name": name, "in": "path", "required": true,
                "description": format!("The {name}'s id."), "schema": {"type": "integer"}})
        })
        .collect()
}

/// A form post of the visit page: 409 when the visit is signed (or, for signing, while
/// consent is missing), besides the usual answers.
fn form(id: &str, summary: &str, fields: &[(&str, &str)], refused: &str) -> Value {
    let mut operation = post(id, summary, fields, refused);
    operation["parameters"] = ids(true);
    operation["responses"]["409"] = json!({"description": "The visit is signed (or consent \
        is missing, for signing): the page again with the reason; nothing stored.",
        "content": {"text/html": {"schema": {"type": "string"}}}});
    operation
}

/// These pages' paths.
pub(super) fn paths() -> Vec<(&'static str, Value)> {
    let mut start = post(
        "clinicVisitStart",
        "Open a visit (the health-change question first); to the visit page, with what must \
         be dealt with before treating",
        &[(
            "health_change",
            "Any change in health since the last visit? (\"none\" for none)",
        )],
        "",
    );
    start["parameters"] = ids(false);
    let mut visit = page(
        "clinicVisitPage",
        "The visit: pain drawing against the last, the finder's candidates to palpate, \
         findings, range of motion, treatment, the SOAP note, signing, addenda and history",
    );
    visit["parameters"] = ids(true);
    let bad = "The page again with the problem beside the form; nothing stored.";
    vec![
        (
            "/clinic/{clinic}/clients/{client}/visits",
            json!({"post": start}),
        ),
        (
            "/clinic/{clinic}/clients/{client}/visits/{visit}",
            json!({"get": visit}),
        ),
        (
            "/clinic/{clinic}/clients/{client}/visits/{visit}/drawing",
            json!({"post": form("clinicVisitDrawing", "Save the pain drawing",
                &[("region", "A marked place: region-id:level (1 mild, 2 moderate, 3 strong); repeated.")], bad)}),
        ),
        (
            "/clinic/{clinic}/clients/{client}/visits/{visit}/findings",
            json!({"post": form("clinicVisitFinding", "Chart a finding at one trigger point and side",
                &[("trigger_point", "The atlas trigger point id."), ("side", "left, right or midline."),
                  ("tender", "Checked: tender."), ("taut_band", "Checked: taut band."),
                  ("referral_reproduced", "Checked: referral reproduced."),
                  ("referral_regions", "Where the referral was felt (region ids; repeated)."),
                  ("twitch", "Checked: local twitch response."), ("jump_sign", "Checked: jump sign."),
                  ("ppt_kpa", "Pressure pain threshold in whole kPa, if measured."), ("note", "A note.")], bad)}),
        ),
        (
            "/clinic/{clinic}/clients/{client}/visits/{visit}/rom",
            json!({"post": form("clinicVisitRom", "Add a range-of-motion measurement",
                &[("movement", "A movement of the catalogue."), ("movement_other", "Or another movement, named."),
                  ("side", "left, right, midline or empty."), ("degrees", "Degrees reached.")], bad)}),
        ),
        (
            "/clinic/{clinic}/clients/{client}/visits/{visit}/treatments",
            json!({"post": form("clinicVisitTreatment", "Chart a treatment of one trigger point on one side",
                &[("trigger_point", "The atlas trigger point id."), ("side", "left, right or midline."),
                  ("technique", "A technique id knot-care accepts."), ("tool", "A tool id knot-care accepts."),
                  ("discomfort", "0–10."), ("hold_seconds", "Seconds per hold (empty: 0)."),
                  ("passes", "Passes (empty: 1)."), ("response", "The response.")], bad)}),
        ),
        (
            "/clinic/{clinic}/clients/{client}/visits/{visit}/soap",
            json!({"post": form("clinicVisitSoap", "Save the SOAP note, or (action=draft) show a draft from the chart without saving it (200)",
                &[("subjective", "S."), ("objective", "O."), ("assessment", "A."), ("plan", "P."),
                  ("action", "save, or draft.")], bad)}),
        ),
        (
            "/clinic/{clinic}/clients/{client}/visits/{visit}/sign",
            json!({"post": form("clinicVisitSign", "Sign the note (refused while consent is missing, and once signed)", &[], "")}),
        ),
        (
            "/clinic/{clinic}/clients/{client}/visits/{visit}/addenda",
            json!({"post": form("clinicVisitAddendum", "Add a dated addendum to a signed visit",
                &[("addendum", "The addendum's text.")], bad)}),
        ),
    ]
}
