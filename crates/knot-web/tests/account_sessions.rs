//! The account page's signed-in browsers and activity: every live session is listed (this one
//! marked), another can be signed out by its reference or all others at once, and the person
//! sees their own audit trail — sign-ins, reads and changes — with the browser that did it.

mod signed_in;
mod support;

use signed_in::{app, location, page, post, session_from, sign_in, sign_up, PASSWORD};

#[tokio::test]
async fn a_person_sees_their_browsers_and_signs_out_the_others() {
    let app = app().await;
    let laptop = sign_up(&app, "me@example.org").await;
    let phone = session_from(&sign_in(&app, "me@example.org", PASSWORD).await);
    let tablet = session_from(&sign_in(&app, "me@example.org", PASSWORD).await);
    let stranger = sign_up(&app, "stranger@example.org").await;

    let account = page(&app, "/account", &laptop).await;
    assert_eq!(account.status, 200);
    assert_eq!(
        account.body.matches("/account/sessions/").count(),
        3,
        "two other browsers and 'everywhere else'"
    );
    assert!(account.body.contains("(this browser)"));
    let reference = |html: &str, nth: usize| -> String {
        let marker = "/account/sessions/";
        let start = html
            .match_indices(marker)
            .nth(nth)
            .expect("a session form")
            .0
            + marker.len();
        html[start..]
            .split('/')
            .next()
            .expect("reference")
            .to_string()
    };
    let first_other = reference(&account.body, 0);

    // Another account cannot end this person's sessions, even knowing the reference.
    let refused = post(
        &app,
        &format!("/account/sessions/{first_other}/end"),
        &stranger,
        &[],
    )
    .await;
    assert_eq!(refused.status, 404);

    let ended = post(
        &app,
        &format!("/account/sessions/{first_other}/end"),
        &laptop,
        &[],
    )
    .await;
    assert_eq!(ended.status, 303);
    let mut signed_out = 0;
    for other in [&phone, &tablet] {
        if page(&app, "/account", other).await.status == 303 {
            signed_out += 1;
        }
    }
    assert_eq!(signed_out, 1, "exactly the browser named was signed out");
    let after = page(&app, &location(&ended), &laptop).await;
    assert_eq!(
        after.body.matches("/account/sessions/").count(),
        2,
        "one other browser left"
    );
    assert!(after.body.contains("That browser is signed out."));

    let all = post(&app, "/account/sessions/end-others", &laptop, &[]).await;
    assert_eq!(all.status, 303);
    for gone in [&phone, &tablet] {
        let reply = page(&app, "/account", gone).await;
        assert_eq!(reply.status, 303, "signed out: sent to sign in");
    }
    let mine = page(&app, &location(&all), &laptop).await;
    assert_eq!(mine.status, 200, "this browser stays signed in");
    assert!(mine.body.contains("Every other browser is signed out."));

    // The activity names the sign-ins and sign-outs, never another person's.
    assert!(mine.body.contains("Sign in"), "{}", mine.body);
    assert!(mine.body.contains("Sign out"));
    let theirs = page(&app, "/account", &stranger).await;
    assert!(
        !theirs.body.contains(&first_other),
        "another person's browsers are not theirs"
    );
}
