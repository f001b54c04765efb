//! `POST /clinic/{clinic}/settings`: the clinic's settings form on the staff page — how long
//! records are kept, until what age a minor's record is kept, whether every therapist sees
//! every client, whether admins see clinical records. A value out of range is shown again
//! beside its field (422), nothing saved.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use knot_app::{AppError, ClinicAction};
use knot_record::clinic::ClinicSettings;
use knot_record::ClinicId;

use super::super::super::render;
use super::super::super::signed_in::see_other;
use super::super::frame::refused;
use super::staff::load;
use crate::auth::UserForm;
use crate::extract::PathParam;
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![Route::post("/clinic/{clinic}/settings", save)]
}

/// The settings form's values (as typed) and problems.
#[derive(Default)]
pub(super) struct SettingsForm {
    pub retention_years: String,
    pub minor_until_age: String,
    pub therapists_see_all: bool,
    pub admins_see_clinical: bool,
    pub retention_error: Option<String>,
    pub minor_error: Option<String>,
}

impl From<&ClinicSettings> for SettingsForm {
    fn from(settings: &ClinicSettings) -> SettingsForm {
        SettingsForm {
            retention_years: settings.retention_years.to_string(),
            minor_until_age: settings.minor_until_age.to_string(),
            therapists_see_all: settings.therapists_see_all,
            admins_see_clinical: settings.admins_see_clinical,
            ..SettingsForm::default()
        }
    }
}

/// A whole number from a field, or the problem to show beside it.
fn whole_number(value: &str, what: &str) -> Result<u32, String> {
    value
        .trim()
        .parse::<u32>()
        .map_err(|_| format!("Give {what} as a whole number, such as 10."))
}

async fn save(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(clinic): PathParam<ClinicId>,
    form: UserForm,
) -> Result<Response, WebError> {
    let ctx = state
        .app
        .clinic_ctx(&form.user.actor, clinic, ClinicAction::EditSettings)
        .await
        .map_err(refused)?;
    let mut typed = SettingsForm {
        retention_years: form.value("retention_years").trim().to_string(),
        minor_until_age: form.value("minor_until_age").trim().to_string(),
        therapists_see_all: !form.value("therapists_see_all").is_empty(),
        admins_see_clinical: !form.value("admins_see_clinical").is_empty(),
        ..SettingsForm::default()
    };
    let retention = whole_number(&typed.retention_years, "the years records are kept");
    let minor = whole_number(&typed.minor_until_age, "the age");
    let outcome = match (retention, minor) {
        (Ok(retention_years), Ok(minor_until_age)) => {
            let settings = ClinicSettings {
                retention_years,
                minor_until_age,
                therapists_see_all: typed.therapists_see_all,
                admins_see_clinical: typed.admins_see_clinical,
            };
            state.app.update_clinic_settings(&ctx, &settings).await
        }
        (retention, minor) => {
            typed.retention_error = retention.err();
            typed.minor_error = minor.err();
            Err(AppError::Invalid {
                problems: Vec::new(),
                hint: None,
            })
        }
    };
    match outcome {
        Ok(_) => Ok(see_other(&format!(
            "/clinic/{clinic}/staff?done=settings#settings"
        ))),
        Err(AppError::Invalid { problems, .. }) => {
            for problem in problems {
                let plain = problem
                    .replace("retention_years", "the years records are kept")
                    .replace("minor_until_age", "the age a minor's record is kept until");
                let sentence = format!("{}.", super::super::super::capitalized(&plain));
                if problem.starts_with("retention") {
                    typed.retention_error = Some(sentence);
                } else {
                    typed.minor_error = Some(sentence);
                }
            }
            let (_, mut page) = load(&state, &form.user, clinic, &headers).await?;
            page.settings = typed;
            page.chrome.title = format!("Staff: check the settings · {}", page.bar.clinic_name);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(other) => Err(refused(other)),
    }
}
