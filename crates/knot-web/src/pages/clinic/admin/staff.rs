//! `GET /clinic/{clinic}/staff`: the staff list with a Remove form per member, the invitation
//! form and the settings form (for admins). `POST /clinic/{clinic}/invitations` answers the same
//! page with the one-time link shown this once (never put in a redirect, so it stays out of
//! history and logs); `POST /clinic/{clinic}/staff/{user}/remove` takes someone off the staff.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use knot_app::{AppError, ClinicAction};
use knot_record::clinic::StaffMember;
use knot_record::{ClinicCtx, ClinicId, Role, UserId};
use serde::Deserialize;

use super::super::super::signed_in::{local_offset, local_time, see_other};
use super::super::super::{render, Chrome};
use super::super::frame::{chrome, clinic_page, refused, role_label, ClinicBar, Tab};
use super::settings::SettingsForm;
use crate::auth::{PageUser, SignedIn, UserForm};
use crate::extract::{PathParam, QueryParams};
use crate::routes::Route;
use crate::{AppState, WebError};

pub(super) fn routes() -> Vec<Route> {
    vec![
        Route::get("/clinic/{clinic}/staff", staff_page),
        Route::post("/clinic/{clinic}/invitations", invite),
        Route::post("/clinic/{clinic}/staff/{user}/remove", remove),
    ]
}

/// The roles an invitation may give, as the form offers them.
const ROLES: [(&str, Role); 3] = [
    ("therapist", Role::Therapist),
    ("front_desk", Role::FrontDesk),
    ("admin", Role::Admin),
];

/// One member in the list.
pub(super) struct MemberRow {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub role: &'static str,
    pub joined: String,
    pub is_me: bool,
}

/// The invitation just made: shown on this answer only.
pub(super) struct MadeInvitation {
    pub link: String,
    pub email: String,
    pub role: &'static str,
    pub expires: String,
    /// Whether the link is on its way by e-mail too (the server has a mail relay).
    pub mailed: bool,
}

/// The invitation form's values and problems.
#[derive(Default)]
pub(super) struct InviteForm {
    pub email: String,
    pub role: String,
    pub email_error: Option<String>,
    pub role_error: Option<String>,
}

/// One option of the role select.
pub(super) struct RoleChoice {
    pub value: &'static str,
    pub label: &'static str,
    pub chosen: bool,
}

impl InviteForm {
    pub fn role_choices(&self) -> Vec<RoleChoice> {
        ROLES
            .iter()
            .map(|(value, role)| RoleChoice {
                value,
                label: role_label(*role),
                chosen: self.role == *value,
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "clinic_staff.html")]
pub(super) struct StaffPage {
    pub chrome: Chrome,
    pub bar: ClinicBar,
    pub csrf: String,
    pub members: Vec<MemberRow>,
    pub former: Vec<MemberRow>,
    pub invite: InviteForm,
    pub made: Option<MadeInvitation>,
    pub settings: SettingsForm,
    pub notice: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Notice {
    done: Option<String>,
}

/// The staff page for `user` as it stands, with its context.
pub(super) async fn load(
    state: &AppState,
    user: &SignedIn,
    clinic: ClinicId,
    headers: &HeaderMap,
) -> Result<(ClinicCtx, StaffPage), WebError> {
    let (ctx, bar) =
        clinic_page(state, user, clinic, ClinicAction::ManageStaff, Tab::Staff).await?;
    let staff = state.app.list_staff(&ctx).await.map_err(refused)?;
    let settings = state.app.clinic_info(&ctx).await.map_err(refused)?.settings;
    let offset = local_offset(headers);
    let row = |member: &StaffMember| MemberRow {
        id: member.user_id,
        name: member.display_name.clone(),
        email: member.email.clone().unwrap_or_default(),
        role: role_label(member.role),
        joined: local_time(member.added_at, offset),
        is_me: member.user_id == ctx.user_id(),
    };
    let page = StaffPage {
        chrome: chrome(format!("Staff · {}", bar.clinic_name)),
        csrf: user.csrf().to_string(),
        members: staff
            .iter()
            .filter(|m| m.removed_at.is_none())
            .map(row)
            .collect(),
        former: staff
            .iter()
            .filter(|m| m.removed_at.is_some())
            .map(row)
            .collect(),
        invite: InviteForm {
            role: "therapist".into(),
            ..InviteForm::default()
        },
        made: None,
        settings: SettingsForm::from(&settings),
        notice: None,
        bar,
    };
    Ok((ctx, page))
}

async fn staff_page(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    headers: HeaderMap,
    PathParam(clinic): PathParam<ClinicId>,
    QueryParams(query): QueryParams<Notice>,
) -> Result<Response, WebError> {
    let (_, mut page) = load(&state, &user, clinic, &headers).await?;
    page.notice = match query.done.as_deref() {
        Some("removed") => Some("Removed from the staff. What they wrote keeps their name.".into()),
        Some("settings") => Some("Settings saved.".into()),
        _ => None,
    };
    Ok(render(&page)?.into_response())
}

async fn invite(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    PathParam(clinic): PathParam<ClinicId>,
    form: UserForm,
) -> Result<Response, WebError> {
    let (ctx, mut page) = load(&state, &form.user, clinic, &headers).await?;
    let email = form.value("email").trim().to_string();
    let role_word = form.value("role").trim().to_string();
    page.invite.email = email.clone();
    page.invite.role = role_word.clone();
    // Admins only: the staff page's check was ManageStaff; inviting has its own entry.
    let ctx = if knot_app::clinic::permissions::allows(ctx.role(), ClinicAction::InviteStaff) {
        ctx
    } else {
        return Err(refused(AppError::Forbidden));
    };
    let Some(role) = ROLES
        .iter()
        .find(|(value, _)| *value == role_word)
        .map(|(_, role)| *role)
    else {
        page.invite.role_error = Some("Choose Therapist, Front desk or Admin.".into());
        return invalid(page);
    };
    match state.app.invite_staff(&ctx, role, &email, Utc::now()).await {
        Ok(made) => {
            let link = format!(
                "{}/clinic/join?token={}",
                crate::pages::link_base(&state, &headers, &uri),
                made.token
            );
            let role = role_label(made.invitation.role);
            let mailed = send_invitation(
                &state,
                &made.invitation.email,
                &page.bar.clinic_name,
                role,
                &link,
            );
            page.made = Some(MadeInvitation {
                link,
                email: made.invitation.email,
                role,
                expires: local_time(made.invitation.expires_at, local_offset(&headers)),
                mailed,
            });
            page.invite = InviteForm {
                role: "therapist".into(),
                ..InviteForm::default()
            };
            page.chrome.title = format!("Invitation made · {}", page.bar.clinic_name);
            Ok((StatusCode::CREATED, render(&page)?).into_response())
        }
        Err(AppError::Invalid { problems, .. }) => {
            page.invite.email_error = Some(problems.join("; "));
            invalid(page)
        }
        Err(other) => Err(refused(other)),
    }
}

/// The page again with the invitation's problems beside its fields.
fn invalid(mut page: StaffPage) -> Result<Response, WebError> {
    page.chrome.title = format!("Staff: check the invitation · {}", page.bar.clinic_name);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// Sends the invitation link by e-mail when the server has a mail relay, after the answer (a
/// slow relay never holds the page; a failure is logged without the link). Whether it was sent
/// off: the page still shows the link, for the admin to pass on if the mail goes astray.
fn send_invitation(state: &AppState, to: &str, clinic: &str, role: &str, link: &str) -> bool {
    let Some(mailer) = state.mailer.clone() else {
        return false;
    };
    let (to, subject) = (to.to_string(), format!("Join {clinic} on Knot"));
    let body = format!(
        "Hello,\n\nYou are invited to join {clinic} on Knot as {role}. Open this link, sign in \
         or create an account, and accept the invitation:\n\n{link}\n\nThe link works once and \
         expires in seven days. If you did not expect this, ignore this message.\n"
    );
    tokio::spawn(async move {
        if let Err(error) = mailer.send(&to, &subject, body).await {
            eprintln!("knot-web: an invitation e-mail was not sent: {error}");
        }
    });
    true
}

async fn remove(
    State(state): State<AppState>,
    PathParam((clinic, member)): PathParam<(ClinicId, UserId)>,
    form: UserForm,
) -> Result<Response, WebError> {
    let ctx = state
        .app
        .clinic_ctx(&form.user.actor, clinic, ClinicAction::ManageStaff)
        .await
        .map_err(refused)?;
    if member == ctx.user_id() {
        return Err(WebError::Conflict(
            "you cannot remove yourself from the staff; ask another admin to".into(),
        ));
    }
    state
        .app
        .remove_staff(&ctx, member)
        .await
        .map_err(refused)?;
    Ok(see_other(&format!("/clinic/{clinic}/staff?done=removed")))
}
