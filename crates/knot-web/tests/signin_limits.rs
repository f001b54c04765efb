//! The sign-in limit under load: many guesses at once at one account from one address reach the
//! password check at most as often as the limit allows, and a right password sent among them
//! does not get in once the limit is reached.

mod signed_in;
mod support;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use axum::Router;

use signed_in::PASSWORD;
use support::{send, Reply};

/// Failed sign-ins to one account from one address before it waits (the documented limit).
const ALLOWED_FAILURES: u64 = 5;
const GUESSES: usize = 200;

struct Fixture {
    router: Router,
    state: knot_web::AppState,
    _db: knot_store::testing::TestDatabase,
}

async fn fixture() -> Fixture {
    let db = knot_store::testing::TestDatabase::from_env().expect("a test database");
    let store = knot_store::open(db.url())
        .await
        .expect("open the test store");
    let state = knot_web::AppState::new(store).expect("reference data loads");
    Fixture {
        router: knot_web::router(state.clone()),
        state,
        _db: db,
    }
}

const FROM: IpAddr = IpAddr::V4(Ipv4Addr::new(203, 0, 113, 7));

fn sign_in_request(email: &str, password: &str, from: IpAddr) -> Request<Body> {
    let body = serde_json::json!({"email": email, "password": password});
    let mut request = Request::post("/api/v1/account/signin")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("request");
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::new(from, 40_000)));
    request
}

async fn sign_up(router: &Router, email: &str) {
    let body = serde_json::json!({"email": email, "display_name": "Sam", "password": PASSWORD});
    let reply = send(
        router,
        Request::post("/api/v1/account/signup")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("request"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
}

/// Sends every (email, password) at once and returns the replies.
async fn all_at_once(router: &Router, guesses: Vec<(String, String)>) -> Vec<Reply> {
    let router = Arc::new(router.clone());
    let tasks: Vec<_> = guesses
        .into_iter()
        .map(|(email, password)| {
            let router = router.clone();
            tokio::spawn(
                async move { send(&router, sign_in_request(&email, &password, FROM)).await },
            )
        })
        .collect();
    let mut replies = Vec::with_capacity(tasks.len());
    for task in tasks {
        replies.push(task.await.expect("the request task finishes"));
    }
    replies
}

fn count(replies: &[Reply], status: StatusCode) -> usize {
    replies.iter().filter(|r| r.status == status).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_guesses_verify_at_most_the_allowed_number_of_passwords() {
    let app = fixture().await;
    let email = "target@example.org";
    sign_up(&app.router, email).await;
    let before = app.state.password_verifications();
    let guesses = (0..GUESSES)
        .map(|i| (email.to_string(), format!("wrong guess {i:04}")))
        .collect();
    let replies = all_at_once(&app.router, guesses).await;
    let verified = app.state.password_verifications() - before;
    assert!(
        verified <= ALLOWED_FAILURES,
        "{verified} passwords were verified; the limit allows {ALLOWED_FAILURES}"
    );
    assert_eq!(
        count(&replies, StatusCode::UNAUTHORIZED) as u64,
        verified,
        "each verified guess was refused as wrong"
    );
    assert_eq!(
        count(&replies, StatusCode::TOO_MANY_REQUESTS),
        GUESSES - verified as usize,
        "every other guess waits, with Retry-After"
    );
    assert!(replies
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .all(|r| !r.header("retry-after").is_empty()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_right_password_among_concurrent_guesses_does_not_get_in_once_the_limit_is_hit() {
    let app = fixture().await;
    let email = "right@example.org";
    sign_up(&app.router, email).await;
    let before = app.state.password_verifications();
    // Every tenth guess is the right password; the rest are wrong.
    let guesses = (0..GUESSES)
        .map(|i| {
            let password = if i % 10 == 9 {
                PASSWORD.to_string()
            } else {
                format!("wrong guess {i:04}")
            };
            (email.to_string(), password)
        })
        .collect();
    let replies = all_at_once(&app.router, guesses).await;
    let verified = app.state.password_verifications() - before;
    let answered = count(&replies, StatusCode::OK) + count(&replies, StatusCode::UNAUTHORIZED);
    assert_eq!(
        answered as u64, verified,
        "only verified guesses get an answer"
    );
    // A right password that gets in clears the account's failures at that address (the owner
    // signing in), so how many wrong guesses are verified depends on where in the burst it
    // lands; what holds in every order is the allowance per success.
    let signed_in = count(&replies, StatusCode::OK) as u64;
    let wrong = count(&replies, StatusCode::UNAUTHORIZED) as u64;
    assert!(
        wrong <= ALLOWED_FAILURES * (signed_in + 1),
        "{wrong} wrong guesses verified around {signed_in} sign-ins"
    );
    // Fill the limit with wrong guesses if the burst did not, then the right password waits.
    for i in 0..ALLOWED_FAILURES {
        send(
            &app.router,
            sign_in_request(email, &format!("more wrong {i}"), FROM),
        )
        .await;
    }
    let late = all_at_once(
        &app.router,
        vec![(email.to_string(), PASSWORD.to_string()); 20],
    )
    .await;
    assert_eq!(
        count(&late, StatusCode::TOO_MANY_REQUESTS),
        late.len(),
        "the right password waits like any other once the limit is hit"
    );
}
