//! `knot demo seed --clinic`: a made-up practice whose accounts can sign in — an admin, two
//! therapists and a front desk (one demo password for all), and twenty clients with intake,
//! consent, a screening and one to four signed visits each (pain drawing, findings and
//! treatments on the atlas points for their complaint, SOAP text), two of them with an addendum.
//!
//! Everything goes through the application layer as the staff member whose job it is (the
//! front desk adds clients, the admin assigns therapists, the therapist charts and signs), so
//! the access checks and the audit log see the demo as they would see real work. The content
//! is fixed (no randomness); dates run over the twelve weeks before today. A database that
//! already has the demo admin's account is refused (exit 2), so a second run changes nothing.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use knot_app::account::SignUp;
use knot_app::{Actor, App, AppError, ClinicAction};
use knot_atlas::{Atlas, TriggerPoint};
use knot_record::clinic::{
    Client, ClientDetails, ClientHealth, NewConsent, NewFinding, NewTreatment, NewVisit, PainMark,
    SoapText,
};
use knot_record::{ClinicId, Role, Side, TenantCtx};

use super::db::{block_on, Db};
use super::demo::plain_screening;
use super::demo_clinic_people::{Complaint, DemoClient, CLIENTS, COMPLAINTS, STAFF};
use super::password::hash_password;
use crate::failure::{bad_input, Failure};

/// The password of every demo account (printed at the end; a demo, not a secret).
pub const DEMO_PASSWORD: &str = "knot-demo-clinic-2026";
const CLINIC_NAME: &str = "Knot Demo Clinic";
/// Clients whose first visit gets an addendum.
const ADDENDUM_CLIENTS: [usize; 2] = [3, 11];

/// The demo's staff once they have accounts: admin, two therapists, front desk.
struct Staff {
    clinic: ClinicId,
    admin: Actor,
    therapists: [Actor; 2],
    desk: Actor,
}

/// Seeds the clinic demo into `db` and prints how to sign in.
pub fn run(db: &Db) -> Result<(), Failure> {
    block_on(async {
        let app = db.open().await?.app;
        if app.operator_acting_as(STAFF[0].0).await.is_ok() {
            return Err(bad_input(format!(
                "this database already has the clinic demo ({} is registered); nothing was \
                 changed. Use --db sqlite:/tmp/knot-clinic-demo.db for a fresh one.",
                STAFF[0].0
            )));
        }
        let now = Utc::now();
        let start = now.date_naive() - Duration::days(84);
        let staff = make_staff(&app, now).await.map_err(demo_failure)?;
        let atlas = Atlas::builtin();
        let mut visits = 0;
        for (index, person) in CLIENTS.iter().enumerate() {
            visits += seed_client(&app, atlas, &staff, index, person, start, now).await?;
        }
        print_summary(staff.clinic, visits);
        Ok(())
    })
}

fn demo_failure(error: AppError) -> Failure {
    Failure::Other(anyhow::anyhow!("the clinic demo was refused: {error}"))
}

async fn make_staff(app: &App, now: DateTime<Utc>) -> Result<Staff, AppError> {
    let mut actors = Vec::new();
    for (email, name, _) in STAFF {
        let form = SignUp {
            email: email.into(),
            display_name: name.into(),
            password: DEMO_PASSWORD.into(),
            confirm: None,
        };
        let hash = hash_password(DEMO_PASSWORD).map_err(|e| AppError::Internal(e.to_string()))?;
        let account = app.register(&form, &hash).await?;
        actors.push(app.operator_acting_as(&account.email).await?);
    }
    let admin = actors[0];
    let clinic = app.create_clinic(&admin, CLINIC_NAME).await?.id;
    let invite = app
        .clinic_ctx(&admin, clinic, ClinicAction::InviteStaff)
        .await?;
    for ((email, _, role), actor) in STAFF.iter().zip(&actors).skip(1) {
        let role = Role::parse(role).unwrap_or(Role::Therapist);
        let made = app.invite_staff(&invite, role, email, now).await?;
        app.accept_invitation(actor, &made.token, now).await?;
    }
    Ok(Staff {
        clinic,
        admin,
        therapists: [actors[1], actors[2]],
        desk: actors[3],
    })
}

/// Adds one client with their records; gives the number of visits written.
async fn seed_client(
    app: &App,
    atlas: &Atlas,
    staff: &Staff,
    index: usize,
    person: &DemoClient,
    start: NaiveDate,
    now: DateTime<Utc>,
) -> Result<usize, Failure> {
    let complaint = &COMPLAINTS[index % COMPLAINTS.len()];
    let therapist = &staff.therapists[index % 2];
    let sides: &[Side] = match (complaint.both_sides, index % 3) {
        (true, _) => &[Side::Right, Side::Left],
        (false, 0) => &[Side::Left],
        _ => &[Side::Right],
    };
    let points = points_of(atlas, complaint, sides)?;
    let first_day = start + Duration::days(2 * index as i64);
    let client = add_client(app, staff, index, person)
        .await
        .map_err(demo_failure)?;
    let ctx = app
        .client_ctx(
            therapist,
            staff.clinic,
            client.person_id,
            ClinicAction::WriteClinical,
        )
        .await
        .map_err(demo_failure)?;
    let intake_at = at(first_day, 9, 30);
    intake(app, &ctx, person, &points, intake_at, index)
        .await
        .map_err(demo_failure)?;
    let visits = 1 + (index * 7) % 4;
    for visit in 0..visits {
        let started = at(first_day + Duration::days(14 * visit as i64), 10, 0);
        let id = chart_visit(app, &ctx, complaint, &points, visit, started, now)
            .await
            .map_err(demo_failure)?;
        let sign = app
            .client_ctx(
                therapist,
                staff.clinic,
                client.person_id,
                ClinicAction::SignVisit,
            )
            .await
            .map_err(demo_failure)?;
        let signed_at = started + Duration::minutes(50);
        app.sign_visit(&sign, id, signed_at)
            .await
            .map_err(demo_failure)?;
        if visit == 0 && ADDENDUM_CLIENTS.contains(&index) {
            app.add_addendum(
                &sign,
                id,
                signed_at + Duration::days(2),
                "Client phoned: soreness settled within a day, as expected. No new symptoms.",
            )
            .await
            .map_err(demo_failure)?;
        }
    }
    Ok(visits)
}

/// The complaint's trigger points on the sides treated, as the atlas has them.
fn points_of<'a>(
    atlas: &'a Atlas,
    complaint: &Complaint,
    sides: &[Side],
) -> Result<Vec<&'a TriggerPoint>, Failure> {
    let mut points = Vec::new();
    for side in sides {
        for id in complaint.points {
            let point = atlas
                .trigger_points()
                .iter()
                .find(|point| point.id == *id && point.side == *side)
                .ok_or_else(|| anyhow::anyhow!("the demo names {id}, which the atlas lacks"))?;
            points.push(point);
        }
    }
    Ok(points)
}

fn at(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN);
    day.and_time(time).and_utc()
}

/// The front desk adds the client; the admin assigns their therapist.
async fn add_client(
    app: &App,
    staff: &Staff,
    index: usize,
    person: &DemoClient,
) -> Result<Client, AppError> {
    let desk = app
        .clinic_ctx(&staff.desk, staff.clinic, ClinicAction::EditContact)
        .await?;
    let email = format!(
        "{}@example.net",
        person.name.to_lowercase().replace(' ', ".")
    );
    let details = ClientDetails {
        display_name: person.name.into(),
        email: Some(email),
        phone: Some(format!("+44 7700 900{index:03}")),
        birth_date: NaiveDate::parse_from_str(person.born, "%Y-%m-%d").ok(),
        address: Some(format!(
            "{}, Lakeside LS{} 4QT",
            person.address,
            1 + index % 9
        )),
        emergency_contact: Some(format!(
            "{}: +44 7700 901{index:03}",
            guardian_or_partner(index)
        )),
    };
    let client = app.add_client(&desk, &details).await?;
    let admin = app
        .clinic_ctx(&staff.admin, staff.clinic, ClinicAction::AssignTherapist)
        .await?;
    let therapist = staff.therapists[index % 2].principal().user_id;
    app.assign_therapist(&admin, client.person_id, therapist)
        .await?;
    Ok(client)
}

/// The minor among the clients (index 4) signs through a parent.
fn guardian_or_partner(index: usize) -> &'static str {
    if index == 4 {
        "Parent, Marco Rossi"
    } else {
        "Next of kin"
    }
}

/// Intake, consent (general, and each sensitive area the points lie in) and the screening.
async fn intake(
    app: &App,
    ctx: &TenantCtx,
    person: &DemoClient,
    points: &[&TriggerPoint],
    when: DateTime<Utc>,
    index: usize,
) -> Result<(), AppError> {
    let health = ClientHealth {
        health_history: person.history.into(),
        medications: person.medications.into(),
    };
    app.record_intake(ctx, &health).await?;
    let given_by = if index == 4 {
        "Marco Rossi (father)".to_owned()
    } else {
        person.name.to_owned()
    };
    let mut kinds = vec!["general".to_owned()];
    for point in points {
        for area in knot_care::clinic::sensitive_areas_of_trigger_point(point) {
            let kind = area.as_str().to_owned();
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
    }
    for kind in kinds {
        let consent = NewConsent {
            kind,
            given_by: given_by.clone(),
            given_at: when,
        };
        app.record_consent(ctx, &consent).await?;
    }
    let born = NaiveDate::parse_from_str(person.born, "%Y-%m-%d").unwrap_or(when.date_naive());
    let age = when.date_naive().years_since(born).unwrap_or(30);
    let regions: Vec<String> = points.iter().map(|point| point.location.clone()).collect();
    let screening = plain_screening(&regions, when, age)
        .map_err(|failure| AppError::Internal(failure.to_string()))?;
    app.save_screening(ctx, &screening).await?;
    Ok(())
}

/// Opens and charts one visit (`number` from 0); gives its id.
async fn chart_visit(
    app: &App,
    ctx: &TenantCtx,
    complaint: &Complaint,
    points: &[&TriggerPoint],
    number: usize,
    started: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let health_change = if number == 0 { "first visit" } else { "none" };
    let new = NewVisit {
        started_at: started,
        health_change: health_change.into(),
    };
    let visit = app.start_visit(ctx, &new, now).await?.visit.id;
    // Pain eases over the visits, as it does for most who come back.
    let intensity = 7u8.saturating_sub(2 * number as u8).max(2);
    let mut drawing: Vec<PainMark> = Vec::new();
    for point in points {
        for region in &point.essential {
            if !drawing.iter().any(|mark| &mark.region == region) {
                drawing.push(PainMark {
                    region: region.clone(),
                    intensity,
                });
            }
        }
    }
    app.save_pain_drawing(ctx, visit, &drawing).await?;
    let (low, high) = knot_care::clinic::threshold_kpa_range();
    for (n, point) in points.iter().enumerate() {
        let finding = NewFinding {
            trigger_point_id: point.id.clone(),
            side: point.side,
            tender: true,
            taut_band: true,
            referral_reproduced: n == 0,
            referral_regions: if n == 0 {
                point.essential.clone()
            } else {
                Vec::new()
            },
            twitch: n == 0 && number == 0,
            jump_sign: false,
            ppt_kpa: Some((low + (high - low) * (0.3 + 0.1 * number as f64)).round() as u32),
            note: None,
        };
        app.record_finding(ctx, visit, &finding).await?;
        let treatment = NewTreatment {
            trigger_point_id: point.id.clone(),
            side: point.side,
            technique: "sustained-compression".into(),
            tool: "hands".into(),
            discomfort: 6,
            hold_seconds: 60,
            passes: 3,
            response: "tenderness eased; referral faded by the third hold".into(),
        };
        app.record_treatment(ctx, visit, &treatment).await?;
    }
    let muscles: Vec<&str> = points
        .iter()
        .map(|point| point.muscle_id.as_str())
        .collect();
    let soap = SoapText {
        subjective: format!("{} Pain {intensity}/10 today.", complaint.subjective),
        objective: format!(
            "Tender taut bands in {}; referral reproduced from the first point.",
            dedup(&muscles).join(", ")
        ),
        assessment: format!("Myofascial pain consistent with {}.", complaint.name),
        plan: "Sustained compression as today; home stretching twice daily; review in two weeks."
            .into(),
    };
    app.set_soap(ctx, visit, &soap).await?;
    Ok(visit)
}

fn dedup<'a>(words: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for word in words {
        if !out.contains(word) {
            out.push(word);
        }
    }
    out
}

fn print_summary(clinic: ClinicId, visits: usize) {
    println!(
        "Made the clinic demo: clinic {clinic} ({CLINIC_NAME:?}), 4 staff, {} clients, {visits} \
         signed visits.\n\nSign in: run `knot serve` with the same --db, open \
         http://127.0.0.1:7878/signin and use one of these accounts.\nThe password of every \
         account is the demo password {DEMO_PASSWORD} (a demo password: do not use it for real \
         records).\n",
        CLIENTS.len()
    );
    for (email, name, role) in STAFF {
        println!("  {role:<11} {email:<28} {name}");
    }
    println!(
        "\nStaff list: knot clinic staff --clinic {clinic} --as {}",
        STAFF[0].0
    );
}
