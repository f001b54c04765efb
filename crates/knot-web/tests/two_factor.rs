//! Two-factor sign-in (TOTP) through the router, on the test backend: turning it on (a wrong
//! code refused, the right one turns it on and shows 10 recovery codes once), signing in with
//! the password and then a code (the password alone gives no session), a code refused when
//! replayed, a recovery code working once, wrong codes counted by the sign-in limits, turning
//! off only with the password, the JSON API's two steps, and a challenge that is bound to its
//! account and expires.

mod signed_in;
mod support;

use axum::http::{Method, StatusCode};
use chrono::Utc;
use knot_app::account::totp;

use signed_in::{
    app, form, hidden, json, location, page, post, set_cookie, sign_in, sign_up, App, Session,
    PASSWORD,
};
use support::get;

/// The secret as the page shows it (`<code id="totp-secret">`, in groups of four).
fn shown_secret(html: &str) -> String {
    let marker = "id=\"totp-secret\">";
    let start = html.find(marker).expect("the secret is shown") + marker.len();
    html[start..]
        .split('<')
        .next()
        .unwrap_or_default()
        .replace(' ', "")
}

/// The code of the step `offset` steps from now.
fn code_at(secret: &str, offset: i64) -> String {
    totp::code(secret, totp::step_at(Utc::now().timestamp()) + offset)
}

/// Turns two-factor sign-in on through the page; the secret and the recovery codes.
async fn enrol(app: &App, session: &Session) -> (String, Vec<String>) {
    let offer = page(app, "/account/two-factor", session).await;
    assert_eq!(offer.status, StatusCode::OK, "{}", offer.body);
    let secret = shown_secret(&offer.body);
    assert_eq!(secret, hidden(&offer.body, "secret"));
    let tag = hidden(&offer.body, "tag");
    let code = code_at(&secret, 0);
    let on = post(
        app,
        "/account/two-factor",
        session,
        &[("secret", &secret), ("tag", &tag), ("code", &code)],
    )
    .await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.body);
    assert!(on.body.contains("Save these recovery codes"), "{}", on.body);
    let list = on
        .body
        .split("id=\"recovery-codes\">")
        .nth(1)
        .expect("codes");
    let list = list.split("</ol>").next().unwrap_or_default();
    let codes: Vec<String> = list
        .split("<code>")
        .skip(1)
        .map(|part| part.split('<').next().unwrap_or_default().to_string())
        .collect();
    (secret, codes)
}

/// The sign-in form posted with the password: the reply and the browser's cookies so far.
async fn password_step(app: &App, email: &str) -> (support::Reply, String) {
    let blank = get(&app.router, "/signin").await;
    let form_cookie = set_cookie(&blank, "knot_form").expect("form cookie");
    let token = hidden(&blank.body, "form_token");
    let reply = form(
        app,
        "/signin",
        &form_cookie,
        &[
            ("form_token", &token),
            ("email", email),
            ("password", PASSWORD),
            ("next", "/diary"),
        ],
    )
    .await;
    (reply, form_cookie)
}

/// The code page's form posted with `code`, carrying the challenge cookie.
async fn code_step(app: &App, challenge_cookie: &str, code: &str) -> support::Reply {
    let blank = page_with_cookie(app, "/signin/two-factor?next=/diary", challenge_cookie).await;
    assert_eq!(blank.status, StatusCode::OK, "{}", blank.body);
    assert!(blank
        .body
        .contains("Enter the 6-digit code from your authenticator app"));
    assert!(blank.body.contains("autocomplete=\"one-time-code\""));
    assert!(blank.body.contains("Use a recovery code instead"));
    let form_cookie = set_cookie(&blank, "knot_form").expect("form cookie");
    let token = hidden(&blank.body, "form_token");
    form(
        app,
        "/signin/two-factor",
        &format!("{form_cookie}; {challenge_cookie}"),
        &[("form_token", &token), ("code", code), ("next", "/diary")],
    )
    .await
}

async fn page_with_cookie(app: &App, uri: &str, cookie: &str) -> support::Reply {
    let session = Session {
        cookie: cookie.to_string(),
        csrf: String::new(),
    };
    page(app, uri, &session).await
}

/// Signs in through the forms with the password and `code`: the final reply.
async fn sign_in_with(app: &App, email: &str, code: &str) -> support::Reply {
    let (reply, _) = password_step(app, email).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert_eq!(location(&reply), "/signin/two-factor?next=%2Fdiary");
    assert!(
        set_cookie(&reply, "knot_session").is_none(),
        "the password alone starts no session"
    );
    let challenge = set_cookie(&reply, "knot_second_step").expect("the challenge cookie");
    code_step(app, &challenge, code).await
}

#[tokio::test]
async fn two_factor_is_turned_on_with_a_code_and_then_asked_for_at_sign_in() {
    let app = app().await;
    let session = sign_up(&app, "ana@example.org").await;
    // A wrong code turns nothing on, and the same key is offered again.
    let offer = page(&app, "/account/two-factor", &session).await;
    assert!(offer.body.contains("Turn on two-factor sign-in"));
    assert!(offer.body.contains("<svg"), "the QR code is inline SVG");
    assert!(offer.body.contains("Code from your app"));
    let secret = shown_secret(&offer.body);
    assert_eq!(secret.len(), 32);
    let wrong = post(
        &app,
        "/account/two-factor",
        &session,
        &[
            ("secret", &secret),
            ("tag", &hidden(&offer.body, "tag")),
            ("code", &code_at(&secret, 5)),
        ],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong.body.contains("That code is not right"),
        "{}",
        wrong.body
    );
    assert_eq!(shown_secret(&wrong.body), secret);
    let user = app
        .store
        .account_by_email("ana@example.org")
        .await
        .unwrap()
        .unwrap();
    assert!(app.store.two_factor(user.user_id).await.unwrap().is_none());
    // A secret the server did not offer (the tag does not match) is refused.
    let forged = post(
        &app,
        "/account/two-factor",
        &session,
        &[
            ("secret", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
            ("tag", &hidden(&offer.body, "tag")),
            ("code", &code_at("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", 0)),
        ],
    )
    .await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(app.store.two_factor(user.user_id).await.unwrap().is_none());

    let (secret, codes) = enrol(&app, &session).await;
    assert_eq!(codes.len(), 10);
    assert!(codes.iter().all(|c| c.len() == 11), "{codes:?}");
    let status = page(&app, "/account/two-factor", &session).await;
    assert!(status.body.contains("Two-factor sign-in is on"));
    assert!(status.body.contains("10 of 10 recovery codes left"));
    assert!(!status.body.contains(&codes[0]), "codes are shown once");

    // Signing in: the password, then the next step's code (this step's was used to turn on).
    let code = code_at(&secret, 1);
    let done = sign_in_with(&app, "ana@example.org", &code).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(location(&done), "/diary");
    let cookie = set_cookie(&done, "knot_session").expect("the code starts the session");
    assert!(
        set_cookie(&done, "knot_device").is_some(),
        "and renews the device"
    );
    let diary = page_with_cookie(&app, "/diary", &cookie).await;
    assert_eq!(diary.status, StatusCode::OK);

    // The same code again is refused, though still within its time.
    let replay = sign_in_with(&app, "ana@example.org", &code).await;
    assert_eq!(replay.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(replay.body.contains("used already"), "{}", replay.body);
    assert!(set_cookie(&replay, "knot_session").is_none());

    // A recovery code works once (typed in lower case, with a space).
    let typed = codes[3].to_lowercase().replace('-', " ");
    let recovered = sign_in_with(&app, "ana@example.org", &typed).await;
    assert_eq!(
        recovered.status,
        StatusCode::SEE_OTHER,
        "{}",
        recovered.body
    );
    assert!(set_cookie(&recovered, "knot_session").is_some());
    let again = sign_in_with(&app, "ana@example.org", &codes[3]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    let status = page(&app, "/account/two-factor", &session).await;
    assert!(status.body.contains("9 of 10 recovery codes left"));
}

#[tokio::test]
async fn wrong_codes_count_under_the_sign_in_limits() {
    let app = app().await;
    let session = sign_up(&app, "bo@example.org").await;
    let (secret, _) = enrol(&app, &session).await;
    let (reply, _) = password_step(&app, "bo@example.org").await;
    let challenge = set_cookie(&reply, "knot_second_step").expect("challenge");
    let mut statuses = Vec::new();
    for guess in 0..12 {
        let reply = code_step(
            &app,
            &challenge,
            &format!("{:06}", guess * 7919 % 1_000_000),
        )
        .await;
        statuses.push(reply.status);
        if reply.status == StatusCode::TOO_MANY_REQUESTS {
            break;
        }
    }
    assert_eq!(statuses[0], StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        statuses.last(),
        Some(&StatusCode::TOO_MANY_REQUESTS),
        "guessing codes is paused: {statuses:?}"
    );
    // Even the right code waits out the pause.
    let right = code_step(&app, &challenge, &code_at(&secret, 1)).await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn turning_two_factor_off_takes_the_password() {
    let app = app().await;
    let session = sign_up(&app, "cy@example.org").await;
    enrol(&app, &session).await;
    let wrong = post(
        &app,
        "/account/two-factor/off",
        &session,
        &[("password", "not the password at all")],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("That password is not right"));
    let no_csrf = form(
        &app,
        "/account/two-factor/off",
        &session.cookie,
        &[("password", PASSWORD)],
    )
    .await;
    assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);
    let off = post(
        &app,
        "/account/two-factor/off",
        &session,
        &[("password", PASSWORD)],
    )
    .await;
    assert_eq!(off.status, StatusCode::SEE_OTHER, "{}", off.body);
    let status = page(&app, "/account/two-factor", &session).await;
    assert!(status.body.contains("Turn on two-factor sign-in"));
    // The password alone signs in again.
    let (reply, _) = password_step(&app, "cy@example.org").await;
    assert_eq!(location(&reply), "/diary");
    assert!(set_cookie(&reply, "knot_session").is_some());
}

#[tokio::test]
async fn the_api_signs_in_in_two_steps_and_a_challenge_is_bound_to_its_account() {
    let app = app().await;
    let dee = sign_up(&app, "dee@example.org").await;
    let (secret, _) = enrol(&app, &dee).await;
    let eve = sign_up(&app, "eve@example.org").await;
    let (eve_secret, _) = enrol(&app, &eve).await;

    let first = sign_in(&app, "dee@example.org", PASSWORD).await;
    assert_eq!(first.status, StatusCode::ACCEPTED, "{}", first.body);
    assert!(set_cookie(&first, "knot_session").is_none());
    let body = first.json();
    assert_eq!(body["two_factor_required"], true);
    let challenge = body["challenge"].as_str().expect("challenge").to_string();

    let finish = |challenge: String, code: String| {
        let app = &app;
        async move {
            let body = serde_json::json!({"challenge": challenge, "code": code});
            json(
                app,
                Method::POST,
                "/api/v1/account/signin/two-factor",
                None,
                Some(&body.to_string()),
            )
            .await
        }
    };
    // Eve's code does not finish Dee's sign-in.
    let crossed = finish(challenge.clone(), code_at(&eve_secret, 1)).await;
    assert_eq!(
        crossed.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        crossed.body
    );
    // A challenge edited to name Eve is not ours.
    let (_, rest) = challenge.split_once('.').expect("user.expires.mac");
    let eve_id = app
        .store
        .account_by_email("eve@example.org")
        .await
        .unwrap()
        .unwrap()
        .user_id;
    let forged = finish(format!("{eve_id}.{rest}"), code_at(&eve_secret, 1)).await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED, "{}", forged.body);
    assert!(forged.body.contains("Sign in again"));
    // An expired challenge (an expiry in the past, however signed) is refused.
    let mut parts = challenge.splitn(3, '.');
    let (user, _, mac) = (parts.next().unwrap(), parts.next(), parts.next().unwrap());
    let stale = format!("{user}.{}.{mac}", Utc::now().timestamp() - 1);
    let expired = finish(stale, code_at(&secret, 1)).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    let junk = finish("junk".into(), code_at(&secret, 1)).await;
    assert_eq!(junk.status, StatusCode::UNAUTHORIZED);

    let done = finish(challenge.clone(), code_at(&secret, 1)).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.json()["csrf_token"].is_string());
    assert!(set_cookie(&done, "knot_session").is_some());
    let replay = finish(challenge, code_at(&secret, 1)).await;
    assert_eq!(replay.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A wrong password still says nothing of two factors.
    let wrong = sign_in(&app, "dee@example.org", "not the password at all").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(!wrong.body.contains("challenge"));
}

#[tokio::test]
async fn the_code_page_without_a_challenge_goes_back_to_sign_in() {
    let app = app().await;
    let reply = get(&app.router, "/signin/two-factor").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(location(&reply).starts_with("/signin"));
}

#[tokio::test]
async fn clinic_staff_turn_on_two_factor_before_clinic_work() {
    let app = app().await;
    let lead = sign_up(&app, "lead@example.org").await;
    let made = json(
        &app,
        Method::POST,
        "/api/v1/clinic",
        Some(&lead),
        Some(&serde_json::json!({"name": "Harbour Clinic"}).to_string()),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let id = made.json()["id"].as_i64().expect("clinic id");
    // Without two-factor sign-in: the API refuses, naming where to turn it on …
    let listed = json(
        &app,
        Method::GET,
        &format!("/api/v1/clinic/{id}/clients"),
        Some(&lead),
        None,
    )
    .await;
    assert_eq!(listed.status, StatusCode::FORBIDDEN, "{}", listed.body);
    assert!(
        listed.body.contains("/account/two-factor"),
        "{}",
        listed.body
    );
    // … and a page sends the member to turn it on, then back.
    let staff_page = format!("/clinic/{id}/staff");
    let sent = page(&app, &staff_page, &lead).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(
        location(&sent),
        format!("/account/two-factor?required=true&next=%2Fclinic%2F{id}%2Fstaff")
    );
    let offer = page(&app, &location(&sent), &lead).await;
    assert!(offer
        .body
        .contains("Clinic staff must sign in with two factors"));
    assert_eq!(hidden(&offer.body, "next"), staff_page);
    // A stranger still learns nothing of the clinic (404 before any two-factor talk).
    let stranger = sign_up(&app, "stranger@example.org").await;
    let hidden_clinic = json(
        &app,
        Method::GET,
        &format!("/api/v1/clinic/{id}/clients"),
        Some(&stranger),
        None,
    )
    .await;
    assert_eq!(hidden_clinic.status, StatusCode::NOT_FOUND);

    signed_in::turn_on_two_factor(&app, &lead).await;
    let listed = json(
        &app,
        Method::GET,
        &format!("/api/v1/clinic/{id}/clients"),
        Some(&lead),
        None,
    )
    .await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    assert_eq!(page(&app, &staff_page, &lead).await.status, StatusCode::OK);
}
