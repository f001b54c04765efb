//! Defence in depth: a signed visit's rows refuse UPDATE and DELETE in the database itself,
//! on both backends, even from a connection that bypasses the store; and an addendum is never
//! changed. The store's own refusals are in the contract suite.

#![allow(clippy::unwrap_used)]

#[allow(dead_code)] // the contract's fixtures; this suite uses some of them
#[path = "contract/fixtures.rs"]
mod fixtures;
mod local_ctx;

use std::sync::Arc;

use knot_store::testing::TempDatabase;
use knot_store::Store;
use sqlx::{Connection, Executor};

/// A signed visit with a finding, a treatment and an addendum; its id.
async fn signed_visit(store: &Arc<dyn Store>) -> i64 {
    let ours = fixtures::clinic_with_client(store).await;
    let (clinic, ctx, visit) = (store.clinic(), &ours.treating, ours.visit.id);
    clinic
        .add_finding(ctx, visit, &fixtures::finding(Some(300)))
        .await
        .unwrap();
    clinic
        .add_treatment(ctx, visit, &fixtures::treatment("softened"))
        .await
        .unwrap();
    clinic
        .sign_visit(ctx, visit, fixtures::at(10, 30), fixtures::seal())
        .await
        .unwrap();
    clinic
        .add_addendum(ctx, visit, fixtures::at(11, 0), "called back")
        .await
        .unwrap();
    visit
}

fn tampering(visit: i64) -> Vec<String> {
    vec![
        format!("UPDATE visits SET subjective = 'changed' WHERE id = {visit}"),
        format!("DELETE FROM visits WHERE id = {visit}"),
        format!("UPDATE visit_findings SET tender = FALSE WHERE visit_id = {visit}"),
        format!("DELETE FROM visit_findings WHERE visit_id = {visit}"),
        format!("UPDATE visit_treatments SET passes = 9 WHERE visit_id = {visit}"),
        format!("DELETE FROM visit_treatments WHERE visit_id = {visit}"),
        format!("UPDATE visit_addenda SET text = 'changed' WHERE visit_id = {visit}"),
    ]
}

#[tokio::test]
async fn sqlite_refuses_changes_to_a_signed_visit_from_outside_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("knot.db").display());
    let store = knot_store::open(&url).await.unwrap();
    let visit = signed_visit(&store).await;
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    for sql in tampering(visit) {
        let refused = conn.execute(sql.as_str()).await;
        assert!(refused.is_err(), "{sql} was allowed");
    }
}

#[tokio::test]
async fn postgres_refuses_changes_to_a_signed_visit_from_outside_the_store() {
    let db = TempDatabase::create().unwrap();
    let store = knot_store::open(db.url()).await.unwrap();
    let visit = signed_visit(&store).await;
    let mut conn = sqlx::PgConnection::connect(db.url()).await.unwrap();
    for sql in tampering(visit) {
        let refused = conn.execute(sql.as_str()).await;
        assert!(refused.is_err(), "{sql} was allowed");
    }
}
