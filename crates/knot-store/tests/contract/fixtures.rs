//! Records and people the contract checks share: fixed times (whole milliseconds, which every
//! backend keeps exactly), one example of each diary measure, a session, a plan, a screening.

use crate::local_ctx::OwnContext;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use knot_store::{
    HoldRecord, Measure, NewEntry, NewPlan, NewScreening, NewSession, PlanItem, SessionOutcome,
    Side, Store, TenantCtx,
};

/// 08:00 UTC on the given day of March 2025, plus `minutes`.
pub fn at(day: u32, minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, day, 8, 0, 0).unwrap() + Duration::minutes(minutes)
}

/// A pain entry.
pub fn pain(recorded_at: DateTime<Utc>, score: u8) -> NewEntry {
    NewEntry {
        recorded_at,
        measure: Measure::Pain {
            score,
            region: None,
        },
        note: None,
    }
}

/// One entry of every measure kind, with awkward values (fractions, negative degrees,
/// non-ASCII text, a note).
pub fn every_measure(recorded_at: DateTime<Utc>) -> Vec<NewEntry> {
    let measures = vec![
        Measure::Pain {
            score: 0,
            region: None,
        },
        Measure::Pain {
            score: 10,
            region: Some("temple-right".into()),
        },
        Measure::Threshold {
            trigger_point: "upper-trapezius-1".into(),
            side: Side::Right,
            kg_per_cm2: 0.1 + 0.2,
        },
        Measure::RangeOfMotion {
            movement: "cervical-extension".into(),
            degrees: -12.375,
        },
        Measure::Function {
            activity: "carrying the shopping".into(),
            score: 4,
        },
        Measure::Note {
            text: "Slept badly — «tight» neck 🙁\nsecond line".into(),
        },
    ];
    measures
        .into_iter()
        .enumerate()
        .map(|(index, measure)| NewEntry {
            recorded_at: recorded_at + Duration::milliseconds(index as i64 * 1_001),
            measure,
            note: (index % 2 == 0).then(|| format!("remark {index}")),
        })
        .collect()
}

/// A completed session with two holds.
pub fn session(started_at: DateTime<Utc>, plan_id: Option<i64>) -> NewSession {
    NewSession {
        started_at,
        ended_at: started_at + Duration::minutes(7),
        muscle_id: "upper-trapezius".into(),
        trigger_point_id: "upper-trapezius-1".into(),
        side: Side::Left,
        technique: "ischemic-compression".into(),
        tool: "massage-ball".into(),
        target_discomfort: 6,
        pain_before: Some(7),
        pain_after: None,
        holds: vec![
            HoldRecord {
                seconds: 60,
                discomfort: vec![7, 6, 5],
                softened: Some(true),
                skipped: false,
            },
            HoldRecord {
                seconds: 0,
                discomfort: vec![],
                softened: None,
                skipped: true,
            },
        ],
        stretch_done: true,
        outcome: SessionOutcome::Stopped,
        stop_reason: Some("a sharp sensation".into()),
        plan_id,
    }
}

/// A plan with one item per side.
pub fn plan(created_at: DateTime<Utc>, cap_seconds: u32) -> NewPlan {
    let item = |side, sitting| PlanItem {
        muscle_id: "gluteus-minimus".into(),
        trigger_point_id: "gluteus-minimus-anterior-1".into(),
        side,
        technique: "ischemic-compression".into(),
        tool: "massage-ball".into(),
        hold_seconds: 60,
        holds: 3,
        strokes: None,
        sitting,
    };
    NewPlan {
        created_at,
        items: vec![item(Side::Left, 1), item(Side::Right, 2)],
        sittings_per_day: 2,
        daily_pressure_cap_seconds: cap_seconds,
        reassess_on: NaiveDate::from_ymd_opt(2025, 4, 1).unwrap(),
        notes: vec!["Gentle pressure only over the varicose veins on the right calf.".into()],
    }
}

/// A screening taken at `taken_at`.
pub fn screening(taken_at: DateTime<Utc>, rules_version: &str) -> NewScreening {
    NewScreening {
        taken_at,
        answers: vec![
            ("fever".into(), "no".into()),
            ("anticoagulants".into(), "yes".into()),
        ],
        pain_regions: vec!["neck-back-left".into(), "shoulder-right".into()],
        local_regions: vec!["calf-back-right".into()],
        rules_version: rules_version.into(),
    }
}

/// A second, unrelated person: a fresh web account's context.
pub async fn other_person(store: &Arc<dyn Store>, email: &str) -> TenantCtx {
    store
        .create_account(email, "Other person", "$argon2id$v=19$fake-hash")
        .await
        .unwrap()
        .ctx()
}

/// A practice with an admin, a therapist (who joined by invitation) and a front-desk member,
/// one client the therapist treats, and a visit: what the clinic checks start from.
pub struct ClinicFixture {
    pub clinic: knot_store::clinic_records::Clinic,
    pub admin: knot_store::ClinicCtx,
    pub therapist: knot_store::ClinicCtx,
    pub front_desk: knot_store::ClinicCtx,
    pub client: knot_store::PersonId,
    /// The therapist acting for the client.
    pub treating: TenantCtx,
    pub visit: knot_store::clinic_records::Visit,
}

/// A stand-in for `knot-care`'s signature hash: the SHA-256 of what is signed, as JSON; it
/// refuses no visit.
pub fn seal() -> knot_store::Seal {
    Arc::new(|record, _consents, at, by| Ok(seal_hash(record, at, by)))
}

/// A seal that refuses while no consent is in force at `at`, with the reason it gives.
pub fn consent_seal() -> knot_store::Seal {
    Arc::new(|record, consents, at, by| {
        if consents.iter().any(|c| c.in_force_at(at)) {
            Ok(seal_hash(record, at, by))
        } else {
            Err("no consent in force".into())
        }
    })
}

pub fn seal_hash(
    record: &knot_store::clinic_records::VisitRecord,
    at: DateTime<Utc>,
    by: knot_store::UserId,
) -> String {
    use sha2::{Digest, Sha256};
    // What was signed had no signature yet.
    let mut visit = record.visit.clone();
    visit.signature = None;
    let signed = (&visit, &record.findings, &record.treatments, at, by);
    let text = serde_json::to_string(&signed).unwrap();
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// Joins `email` to the clinic of `admin` with `role`, through an invitation.
pub async fn join(
    store: &Arc<dyn Store>,
    admin: &knot_store::ClinicCtx,
    email: &str,
    role: knot_store::Role,
) -> knot_store::ClinicCtx {
    let account = store
        .create_account(email, email, "$argon2id$v=19$fake-hash")
        .await
        .unwrap();
    let token_hash = format!("hash-of-token-for-{email}");
    store
        .clinic()
        .create_invitation(
            admin,
            &knot_store::clinic_records::NewInvitation {
                role,
                email: email.into(),
                token_hash: token_hash.clone(),
                expires_at: Utc::now() + Duration::days(7),
            },
        )
        .await
        .unwrap();
    let joined = store
        .clinic()
        .accept_invitation(&token_hash, account.user_id, Utc::now())
        .await
        .unwrap();
    crate::local_ctx::clinic_ctx(joined.clinic_id, joined.user_id, joined.role)
}

pub async fn clinic_with_client(store: &Arc<dyn Store>) -> ClinicFixture {
    use knot_store::clinic_records::{ClientDetails, ClinicSettings, NewVisit};
    use knot_store::Role;
    let owner = store
        .create_account("owner@clinic.example", "Owner", "$argon2id$v=19$fake-hash")
        .await
        .unwrap();
    let clinic = store
        .clinic()
        .create_clinic(owner.user_id, "Knot Clinic", &ClinicSettings::default())
        .await
        .unwrap();
    let admin = crate::local_ctx::clinic_ctx(clinic.id, owner.user_id, Role::Admin);
    let therapist = join(store, &admin, "rmt@clinic.example", Role::Therapist).await;
    let front_desk = join(store, &admin, "desk@clinic.example", Role::FrontDesk).await;
    let client = store
        .clinic()
        .add_client(
            &front_desk,
            &ClientDetails {
                display_name: "Cleo Client".into(),
                email: Some("cleo@example.org".into()),
                phone: Some("+1 555 0100".into()),
                birth_date: NaiveDate::from_ymd_opt(1980, 5, 17),
                address: None,
                emergency_contact: Some("Sam, +1 555 0101".into()),
            },
        )
        .await
        .unwrap();
    store
        .clinic()
        .assign_therapist(&admin, client.person_id, therapist.user_id())
        .await
        .unwrap();
    let treating = crate::local_ctx::client_ctx(&therapist, client.person_id);
    let visit = store
        .clinic()
        .start_visit(
            &treating,
            &NewVisit {
                started_at: at(10, 0),
                health_change: "none".into(),
            },
        )
        .await
        .unwrap();
    ClinicFixture {
        clinic,
        admin,
        therapist,
        front_desk,
        client: client.person_id,
        treating,
        visit,
    }
}

/// A finding at the right upper trapezius.
pub fn finding(ppt_kpa: Option<u32>) -> knot_store::clinic_records::NewFinding {
    knot_store::clinic_records::NewFinding {
        trigger_point_id: "upper-trapezius-1".into(),
        side: Side::Right,
        tender: true,
        taut_band: true,
        referral_reproduced: true,
        referral_regions: vec!["temple-right".into()],
        twitch: false,
        jump_sign: true,
        ppt_kpa,
        note: Some("«tight» band".into()),
    }
}

/// A treatment of the right upper trapezius.
pub fn treatment(response: &str) -> knot_store::clinic_records::NewTreatment {
    knot_store::clinic_records::NewTreatment {
        trigger_point_id: "upper-trapezius-1".into(),
        side: Side::Right,
        technique: "ischemic-compression".into(),
        tool: "thumb".into(),
        discomfort: 6,
        hold_seconds: 60,
        passes: 2,
        response: response.into(),
    }
}
