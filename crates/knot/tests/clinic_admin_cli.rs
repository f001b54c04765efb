//! `knot clinic list` and `knot audit export` on the backend `KNOT_TEST_BACKEND` names: an
//! account lists the clinics it works in with its role (and counts where its role may see
//! them); a clinic's admin exports the whole audit log as CSV (header, rows, a formula-looking
//! name made inert) or JSON, to standard output or a file, and the export is itself in the log;
//! a therapist, an outsider and a bad --format get exit 2 and no log.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod support;

use chrono::Utc;
use knot_app::App;
use knot_record::clinic::ClientDetails;
use knot_record::Role;
use knot_store::testing::TestDatabase;
use support::{stderr, stdout};

use support::knot_on as knot;

/// `knot clinic init` for `email`; the clinic's id.
fn init(url: &str, name: &str, email: &str) -> String {
    let out = knot(
        url,
        &["clinic", "init", "--name", name, "--admin-email", email],
        &[("KNOT_ADMIN_PASSWORD", "correct horse battery")],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let rest = &text[text.find("Created clinic ").unwrap() + "Created clinic ".len()..];
    rest.chars().take_while(char::is_ascii_digit).collect()
}

/// Through the application layer, as the web would: `tom` joins `clinic` as a therapist and
/// the admin adds a client whose name looks like a spreadsheet formula.
fn join_and_add_client(url: &str, clinic: i64) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let app = App::new(knot_store::open(url).await.unwrap());
        let ada = app.operator_acting_as("ada@example.org").await.unwrap();
        let tom = app.operator_acting_as("tom@example.org").await.unwrap();
        let ctx = app
            .clinic_ctx(&ada, clinic, knot_app::ClinicAction::InviteStaff)
            .await
            .unwrap();
        let made = app
            .invite_staff(&ctx, Role::Therapist, "tom@example.org", Utc::now())
            .await
            .unwrap();
        app.accept_invitation(&tom, &made.token, Utc::now())
            .await
            .unwrap();
        let desk = app
            .clinic_ctx(&ada, clinic, knot_app::ClinicAction::EditContact)
            .await
            .unwrap();
        let details = ClientDetails {
            display_name: "=HYPERLINK(\"http://evil.example\",\"x\")".into(),
            email: None,
            phone: None,
            birth_date: None,
            address: None,
            emergency_contact: None,
        };
        app.add_client(&desk, &details).await.unwrap();
    });
}

#[test]
fn clinics_are_listed_and_admins_export_the_audit_log() {
    let db = TestDatabase::from_env().expect("a test database");
    let url = db.url().to_string();
    let clinic = init(&url, "Harbour Physio", "ada@example.org");
    // Tom's account comes with a clinic of his own.
    let own = init(&url, "Tom's Rooms", "tom@example.org");
    join_and_add_client(&url, clinic.parse().unwrap());

    let list = knot(&url, &["clinic", "list", "--as", "tom@example.org"], &[]);
    assert_eq!(list.status.code(), Some(0), "{}", stderr(&list));
    let text = stdout(&list);
    assert!(
        text.contains("Harbour Physio") && text.contains("Tom's Rooms"),
        "{text}"
    );
    let harbour = text.lines().find(|l| l.contains("Harbour")).unwrap();
    assert!(
        harbour.starts_with(&clinic) && harbour.contains("therapist"),
        "{harbour}"
    );
    assert!(
        harbour.contains(" - "),
        "a therapist sees no staff count: {harbour}"
    );
    let json = knot(
        &url,
        &["clinic", "list", "--as", "ada@example.org", "--json"],
        &[],
    );
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let listed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["name"], "Harbour Physio");
    assert_eq!(listed[0]["role"], "admin");
    assert_eq!(listed[0]["staff"], 2);
    assert_eq!(listed[0]["clients"], 1);
    let nobody = knot(&url, &["clinic", "list", "--as", "nobody@example.org"], &[]);
    assert_eq!(nobody.status.code(), Some(2));

    let export = |acting: &str, format: &str, extra: &[&str]| {
        let mut args = vec![
            "audit", "export", "--clinic", &clinic, "--as", acting, "--format", format,
        ];
        args.extend_from_slice(extra);
        knot(&url, &args, &[])
    };
    let csv = export("ada@example.org", "csv", &[]);
    assert_eq!(csv.status.code(), Some(0), "{}", stderr(&csv));
    let text = stdout(&csv);
    let mut lines = text.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("id,at,user_id,who,action,record,record_id,client_id,client,address,session")
    );
    let rows: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    assert!(rows.len() >= 4, "{text}");
    assert!(rows.iter().any(|r| r.contains(",create,client,")), "{text}");
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""),
        "{text}"
    );
    assert!(text.contains("(tom@example.org)"), "{text}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("audit.json");
    let to_file = export(
        "ada@example.org",
        "json",
        &["--out", file.to_str().unwrap()],
    );
    assert_eq!(to_file.status.code(), Some(0), "{}", stderr(&to_file));
    assert!(stdout(&to_file).is_empty());
    let rows: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let rows = rows.as_array().unwrap();
    // The CSV export before it read the log: that read is in the log.
    assert!(rows
        .iter()
        .any(|r| r["action"] == "read" && r["record"] == "audit"));

    for (acting, says) in [
        (
            "tom@example.org",
            "only the clinic's admins read and export",
        ),
        ("nobody@example.org", "no account"),
    ] {
        let refused = export(acting, "csv", &[]);
        assert_eq!(
            refused.status.code(),
            Some(2),
            "{acting}: {}",
            stderr(&refused)
        );
        assert!(stdout(&refused).is_empty());
        assert!(stderr(&refused).contains(says), "{}", stderr(&refused));
    }
    let elsewhere = knot(
        &url,
        &[
            "audit",
            "export",
            "--clinic",
            &own,
            "--as",
            "ada@example.org",
            "--format",
            "csv",
        ],
        &[],
    );
    assert_eq!(elsewhere.status.code(), Some(2));
    assert!(stderr(&elsewhere).contains("there is no clinic"));
    let odd = export("ada@example.org", "xlsx", &[]);
    assert_eq!(odd.status.code(), Some(2));
}
