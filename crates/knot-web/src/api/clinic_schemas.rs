//! JSON Schemas of the clinic API's request bodies, for the OpenAPI document's `components`:
//! what each body holds, so a client (and the property-based tests) can build one without
//! reading the prose. Bodies the handlers read with unknown fields refused are `closed`.

use serde_json::{json, Value};

fn text(description: &str) -> Value {
    json!({"type": "string", "description": description})
}

fn optional_text(description: &str) -> Value {
    json!({"type": ["string", "null"], "description": description})
}

fn flag(description: &str) -> Value {
    json!({"type": "boolean", "description": description})
}

fn whole(description: &str) -> Value {
    json!({"type": "integer", "minimum": 0, "description": description})
}

fn instant(description: &str) -> Value {
    json!({"type": "string", "format": "date-time", "description": description})
}

fn side() -> Value {
    json!({"type": "string", "enum": ["left", "right", "midline"],
        "description": "The person's side."})
}

/// An object with these properties, of which `required` must be given.
fn object(required: &[&str], properties: Value) -> Value {
    json!({"type": "object", "required": required, "properties": properties})
}

/// Unknown fields are refused, so the schema lists every field there is.
fn closed(mut schema: Value) -> Value {
    schema["additionalProperties"] = json!(false);
    schema
}

/// Every clinic body schema, by name.
pub(super) fn all() -> Vec<(&'static str, Value)> {
    vec![
        (
            "ClinicName",
            closed(object(
                &["name"],
                json!({"name": text("The clinic's name.")}),
            )),
        ),
        (
            "ClinicSettingsChange",
            closed(object(
                &[],
                json!({
                    "retention_years": whole("Years a record is kept after the last visit."),
                    "minor_until_age": whole("A minor's record is kept at least until this age."),
                    "therapists_see_all": flag("Every therapist sees every client."),
                    "admins_see_clinical": flag("Admins may read and write clinical records."),
                }),
            )),
        ),
        (
            "StaffInvitation",
            closed(object(
                &["email", "role"],
                json!({
                    "email": text("Who is invited."),
                    "role": {"type": "string", "enum": ["admin", "therapist", "front_desk"]},
                }),
            )),
        ),
        (
            "InvitationToken",
            closed(object(
                &["token"],
                json!({"token": text("The token of the invitation link.")}),
            )),
        ),
        (
            "ClientDetails",
            object(
                &["display_name"],
                json!({
                    "display_name": text("The client's name."),
                    "email": optional_text("E-mail."),
                    "phone": optional_text("Phone."),
                    "birth_date": {"type": ["string", "null"], "format": "date", "description": "YYYY-MM-DD."},
                    "address": optional_text("Postal address."),
                    "emergency_contact": optional_text("Who to call, and how."),
                }),
            ),
        ),
        (
            "ClientContactChange",
            closed(object(
                &[],
                json!({
                    "display_name": text("The client's name."),
                    "email": optional_text("E-mail."),
                    "phone": optional_text("Phone."),
                    "birth_date": {"type": ["string", "null"], "format": "date", "description": "YYYY-MM-DD."},
                    "address": optional_text("Postal address."),
                    "emergency_contact": optional_text("Who to call, and how."),
                }),
            )),
        ),
        (
            "ClientHealth",
            object(
                &["health_history", "medications"],
                json!({
                    "health_history": text("Conditions, injuries, surgeries."),
                    "medications": text("Current medications (anticoagulants matter for pressure)."),
                }),
            ),
        ),
        (
            "TherapistAssignment",
            closed(object(
                &["therapist"],
                json!({"therapist": whole("The therapist's user id.")}),
            )),
        ),
        (
            "NewConsent",
            object(
                &["kind", "given_by", "given_at"],
                json!({
                    "kind": {"type": "string", "description": "general, or a sensitive area: breast, chest-wall, upper-inner-thigh, buttocks."},
                    "given_by": text("The client, or a guardian by name."),
                    "given_at": instant("When it was signed."),
                }),
            ),
        ),
        (
            "ConsentWithdrawal",
            closed(object(
                &[],
                json!({"note": text("What happened (e.g. withdrawn mid-visit).")}),
            )),
        ),
        (
            "VisitStart",
            closed(object(
                &["health_change"],
                json!({
                    "health_change": text("The answer to: any change in health since the last visit?"),
                    "started_at": instant("When the visit began; now when left out."),
                }),
            )),
        ),
        (
            "VisitPainDrawing",
            json!({"type": "array", "items": object(&["region", "intensity"], json!({
                "region": text("A body region id (GET /api/v1/regions)."),
                "intensity": {"type": "integer", "minimum": 0, "maximum": 10},
            }))}),
        ),
        (
            "VisitRangeOfMotion",
            json!({"type": "array", "items": object(&["movement", "degrees"], json!({
                "movement": text("The movement measured."),
                "side": {"oneOf": [side(), {"type": "null"}]},
                "degrees": {"type": "number"},
            }))}),
        ),
        (
            "NewFinding",
            object(
                &[
                    "trigger_point_id",
                    "side",
                    "tender",
                    "taut_band",
                    "referral_reproduced",
                    "referral_regions",
                    "twitch",
                    "jump_sign",
                ],
                json!({
                    "trigger_point_id": text("A trigger point id of the atlas."),
                    "side": side(),
                    "tender": flag("Spot tenderness."),
                    "taut_band": flag("A palpable taut band."),
                    "referral_reproduced": flag("Pressure reproduced the referred pain."),
                    "referral_regions": {"type": "array", "items": text("A body region id."),
                        "description": "Where the referred pain was felt."},
                    "twitch": flag("A local twitch response."),
                    "jump_sign": flag("A jump sign."),
                    "ppt_kpa": {"type": ["integer", "null"], "minimum": 0, "description": "Pressure pain threshold, whole kPa."},
                    "note": optional_text("Anything else."),
                }),
            ),
        ),
        (
            "NewTreatment",
            object(
                &[
                    "trigger_point_id",
                    "side",
                    "technique",
                    "tool",
                    "discomfort",
                    "hold_seconds",
                    "passes",
                    "response",
                ],
                json!({
                    "trigger_point_id": text("A trigger point id of the atlas."),
                    "side": side(),
                    "technique": text("e.g. sustained-compression, stripping, stretching."),
                    "tool": text("e.g. thumb, massage ball."),
                    "discomfort": {"type": "integer", "minimum": 0, "maximum": 10},
                    "hold_seconds": whole("Seconds held."),
                    "passes": whole("Passes."),
                    "response": text("How the tissue and the pain responded."),
                }),
            ),
        ),
        (
            "SoapText",
            object(
                &["subjective", "objective", "assessment", "plan"],
                json!({
                    "subjective": text("What the client reports."),
                    "objective": text("What was found."),
                    "assessment": text("What it suggests (not a diagnosis by Knot)."),
                    "plan": text("Treatment and home care."),
                }),
            ),
        ),
        (
            "AddendumText",
            closed(object(&["text"], json!({"text": text("The addendum.")}))),
        ),
    ]
}

/// The body schema of a clinic operation, by its operationId.
pub(super) fn of_operation(id: &str) -> Option<&'static str> {
    Some(match id {
        "createClinic" => "ClinicName",
        "screenClient" => "ScreeningRequest",
        "joinClinic" => "InvitationToken",
        "changeClinicSettings" => "ClinicSettingsChange",
        "inviteStaff" => "StaffInvitation",
        "addClient" => "ClientDetails",
        "changeClient" => "ClientContactChange",
        "recordIntake" => "ClientHealth",
        "assignTherapist" => "TherapistAssignment",
        "recordConsent" => "NewConsent",
        "withdrawConsent" => "ConsentWithdrawal",
        "startVisit" => "VisitStart",
        "savePainDrawing" => "VisitPainDrawing",
        "saveRangeOfMotion" => "VisitRangeOfMotion",
        "recordFinding" => "NewFinding",
        "recordTreatment" => "NewTreatment",
        "saveSoap" => "SoapText",
        "addAddendum" => "AddendumText",
        _ => return None,
    })
}
