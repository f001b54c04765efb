//! `knot clinic` and `knot demo seed --clinic` from the command line: an admin made by
//! `clinic init` invites staff with a printed one-time link; an account that is not the
//! clinic's admin gets exit 2 and no token; the clinic demo writes twenty clients with signed
//! visits on SQLite and on PostgreSQL, its audit chain verifies whole, a second seed is
//! refused, and its printed accounts sign in to `knot serve` with the printed password.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod support;

use knot_store::testing::TempDatabase;
use support::http::try_http;
use support::serve::{free_port, serve};
use support::{stderr, stdout, TempDb};

use support::knot_on as knot;

/// The number after `word ` in `text` (e.g. the clinic id after "clinic ").
fn number_after(text: &str, word: &str) -> String {
    let rest = &text[text.find(word).unwrap() + word.len()..];
    rest.chars().take_while(char::is_ascii_digit).collect()
}

fn init_clinic(url: &str) -> String {
    let out = knot(
        url,
        &[
            "clinic",
            "init",
            "--name",
            "Harbour Physio",
            "--admin-email",
            "ada@example.org",
            "--admin-name",
            "Ada",
        ],
        &[("KNOT_ADMIN_PASSWORD", "correct horse battery")],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("/signin"), "{text}");
    assert!(!text.contains("correct horse battery"), "{text}");
    number_after(&text, "Created clinic ")
}

#[test]
fn an_admin_invites_staff_with_a_one_time_link_and_others_get_exit_2_without_a_token() {
    let db = TempDb::new();
    let url = format!("sqlite:{}", db.path.display());
    let clinic = init_clinic(&url);

    let invite = |acting: &str, email: &str, role: &str| {
        knot(
            &url,
            &[
                "clinic", "invite", "--clinic", &clinic, "--as", acting, "--email", email,
                "--role", role,
            ],
            &[],
        )
    };
    let out = invite("ada@example.org", "tom@example.org", "therapist");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let link = stdout(&out)
        .lines()
        .find(|line| line.contains("/clinic/join?token="))
        .unwrap()
        .to_string();
    let token = link.split("token=").nth(1).unwrap();
    assert!(
        link.starts_with("http://127.0.0.1:7878/clinic/join?token="),
        "{link}"
    );
    assert_eq!(token.len(), 64, "{link}");

    // Another account, admin of its own clinic only.
    let other = knot(
        &url,
        &[
            "clinic",
            "init",
            "--name",
            "Elsewhere",
            "--admin-email",
            "eve@example.org",
        ],
        &[("KNOT_ADMIN_PASSWORD", "another long passphrase")],
    );
    assert_eq!(other.status.code(), Some(0), "{}", stderr(&other));
    for (acting, email, role, says) in [
        ("eve@example.org", "x@example.org", "therapist", "no clinic"),
        (
            "nobody@example.org",
            "x@example.org",
            "therapist",
            "no account",
        ),
        ("ada@example.org", "x@example.org", "boss", "--role"),
        (
            "ada@example.org",
            "not-an-address",
            "admin",
            "e-mail address",
        ),
    ] {
        let out = invite(acting, email, role);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{acting} {role}: {}",
            stderr(&out)
        );
        assert!(!stdout(&out).contains("token="), "{}", stdout(&out));
        assert!(stderr(&out).contains(says), "{}", stderr(&out));
    }

    // A common password is refused as the web's sign-up refuses it; an existing account needs
    // no password.
    let out = knot(
        &url,
        &[
            "clinic",
            "init",
            "--name",
            "X",
            "--admin-email",
            "bob@example.org",
        ],
        &[("KNOT_ADMIN_PASSWORD", "password123")],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("common"), "{}", stderr(&out));
    let out = knot(
        &url,
        &[
            "clinic",
            "init",
            "--name",
            "Second",
            "--admin-email",
            "ada@example.org",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// Seeds the clinic demo into `url` and checks what it wrote; gives the printed output.
fn seed_and_check(url: &str) -> String {
    let out = knot(url, &["demo", "seed", "--clinic"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("20 clients"), "{text}");
    assert!(
        text.contains("demo password knot-demo-clinic-2026"),
        "{text}"
    );
    let visits: usize = number_after(&text, "clients, ").parse().unwrap();
    assert!((20..=80).contains(&visits), "{text}");

    let verify = knot(url, &["audit", "verify"], &[]);
    assert_eq!(verify.status.code(), Some(0), "{}", stderr(&verify));

    let clinic = number_after(&text, "demo: clinic ");
    let staff = knot(
        url,
        &[
            "clinic",
            "staff",
            "--clinic",
            &clinic,
            "--as",
            "admin@demo-clinic.example",
        ],
        &[],
    );
    assert_eq!(staff.status.code(), Some(0), "{}", stderr(&staff));
    assert_eq!(stdout(&staff).lines().count(), 4, "{}", stdout(&staff));

    let clinic: i64 = clinic.parse().unwrap();
    let signed = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(signed_visits_per_client(url, clinic));
    assert_eq!(signed.len(), 20, "{signed:?}");
    assert!(signed.iter().all(|&n| (1..=4).contains(&n)), "{signed:?}");
    assert_eq!(signed.iter().sum::<usize>(), visits);

    let again = knot(url, &["demo", "seed", "--clinic"], &[]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(stderr(&again).contains("already has the clinic demo"));
    text
}

/// Through the app layer, as each demo therapist: for every client they treat, the number of
/// visits, each of which must be signed and verify against its hash.
async fn signed_visits_per_client(url: &str, clinic: i64) -> Vec<usize> {
    use knot_app::{App, ClinicAction};
    let app = App::new(knot_store::open(url).await.unwrap());
    let mut counts = Vec::new();
    for therapist in ["mira@demo-clinic.example", "jonas@demo-clinic.example"] {
        let actor = app.operator_acting_as(therapist).await.unwrap();
        let list = app
            .clinic_ctx(&actor, clinic, ClinicAction::ViewClients)
            .await
            .unwrap();
        for client in app.list_clients(&list).await.unwrap() {
            let ctx = app
                .client_ctx(&actor, clinic, client.person_id, ClinicAction::ViewClinical)
                .await
                .unwrap();
            let visits = app.store().clinic().visits(&ctx).await.unwrap();
            for record in &visits {
                assert!(record.visit.signature.is_some(), "{record:?}");
                let check = app.verify_visit(&ctx, record.visit.id).await.unwrap();
                assert!(check.matches(), "{check:?}");
                assert!(!record.findings.is_empty() && !record.treatments.is_empty());
            }
            counts.push(visits.len());
        }
    }
    counts
}

#[test]
fn the_clinic_demo_seeds_twenty_clients_with_signed_visits_and_its_accounts_sign_in() {
    let db = TempDb::new();
    let url = format!("sqlite:{}", db.path.display());
    let text = seed_and_check(&url);

    let port = free_port();
    let mut server = serve(&url, port);
    let emails: Vec<&str> = text
        .lines()
        .filter_map(|line| line.split_whitespace().nth(1))
        .filter(|word| word.ends_with("@demo-clinic.example"))
        .collect();
    assert_eq!(emails.len(), 4, "{text}");
    for email in emails {
        let body = serde_json::json!({"email": email, "password": "knot-demo-clinic-2026"});
        let (status, head, reply) =
            try_http(port, "POST /api/v1/account/signin", &[], &body.to_string()).unwrap();
        assert_eq!(status, 200, "{email}: {head}\n{reply}");
    }
    server.kill().unwrap();
    server.wait().unwrap();
}

#[test]
fn the_clinic_demo_seeds_on_postgres() {
    let db = TempDatabase::create().expect("a test database");
    seed_and_check(db.url());
}
