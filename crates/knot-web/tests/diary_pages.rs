//! The diary a page at a time: `GET /api/v1/diary?limit=&order=&after=` walks every current
//! entry once either way, refuses unusable paging values with a 400 that says what to send, and
//! shows no one else's entries; the Diary page lists 60 entries newest first with Older and
//! Newer links, and a damaged link is a 400 page.

mod signed_in;
mod support;

use axum::http::{Method, StatusCode};
use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use signed_in::{app, json, page, sign_up, App, Session};
use support::Reply;

async fn get(app: &App, session: &Session, uri: &str) -> Reply {
    json(app, Method::GET, uri, Some(session), None).await
}

/// Logs a note "entry-NNN" at `at` and gives its id.
async fn note(app: &App, session: &Session, n: usize, at: DateTime<Utc>) -> i64 {
    let body = serde_json::json!({"measure": {"kind": "note", "text": format!("entry-{n:03}")},
        "recorded_at": at.to_rfc3339()});
    let reply = json(
        app,
        Method::POST,
        "/api/v1/diary",
        Some(session),
        Some(&body.to_string()),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.json()["id"].as_i64().expect("id")
}

fn ids(entries: &Value) -> Vec<i64> {
    entries
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["id"].as_i64().expect("id"))
        .collect()
}

/// The ids of every page from the first, following `next`, and the number of pages.
async fn walk(app: &App, session: &Session, limit: u32, order: &str) -> (Vec<i64>, usize) {
    let (mut all, mut pages) = (Vec::new(), 0);
    let mut uri = format!("/api/v1/diary?limit={limit}&order={order}");
    loop {
        let reply = get(app, session, &uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
        let page = reply.json();
        let shown = ids(&page["entries"]);
        assert!(shown.len() <= limit as usize);
        pages += 1;
        all.extend(shown);
        match page["next"].as_str() {
            Some(next) => uri = format!("/api/v1/diary?limit={limit}&order={order}&after={next}"),
            None => return (all, pages),
        }
        assert!(pages < 100, "the pages never end");
    }
}

#[tokio::test]
async fn pages_walk_every_current_entry_once_either_way() {
    let app = app().await;
    let session = sign_up(&app, "pages@example.org").await;
    let start = Utc::now() - Duration::days(2);
    // Written out of order, three at one moment.
    for n in (0..20).rev() {
        note(&app, &session, n, start + Duration::minutes(n as i64 * 7)).await;
    }
    for n in 20..23 {
        note(&app, &session, n, start + Duration::minutes(30)).await;
    }
    let deleted = note(&app, &session, 23, start + Duration::minutes(3)).await;
    let reply = json(
        &app,
        Method::DELETE,
        &format!("/api/v1/diary/{deleted}"),
        Some(&session),
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    let whole = get(&app, &session, "/api/v1/diary").await.json();
    assert_eq!(
        whole["next"],
        Value::Null,
        "the whole list has no next page"
    );
    let current = ids(&whole["entries"]);
    assert_eq!(current.len(), 23);
    for limit in [1, 5, 23, 500] {
        let (oldest, pages) = walk(&app, &session, limit, "oldest").await;
        assert_eq!(oldest, current, "oldest first, limit {limit}");
        assert_eq!(pages, 23_usize.div_ceil(limit as usize), "limit {limit}");
        let (mut newest, _) = walk(&app, &session, limit, "newest").await;
        newest.reverse();
        assert_eq!(newest, current, "newest first, limit {limit}");
    }
    // Any one paging value asks for a page: the limit defaults to 100, the order to oldest.
    let page = get(&app, &session, "/api/v1/diary?order=newest")
        .await
        .json();
    assert_eq!(ids(&page["entries"]).first(), current.last());
    let page = get(&app, &session, "/api/v1/diary?limit=2").await.json();
    assert_eq!(ids(&page["entries"]), current[..2]);
    assert!(page["next"].is_string());
}

#[tokio::test]
async fn unusable_paging_values_are_400_saying_what_to_send() {
    let app = app().await;
    let session = sign_up(&app, "bad-pages@example.org").await;
    note(&app, &session, 1, Utc::now() - Duration::hours(1)).await;
    for (query, says) in [
        ("limit=0", "1 to 500"),
        ("limit=501", "1 to 500"),
        ("limit=ten", "from 1 to 500"),
        ("limit=-3", "from 1 to 500"),
        ("order=latest", "order=newest"),
        ("after=k1_nope", "`next` value"),
        ("after=k1_1_2_3_4", "`next` value"),
        ("limit=10&after=k2_1_2_3", "`next` value"),
        ("limit=10&since=2026-01-01", "leave out the filters"),
        ("order=newest&history=true", "leave out the filters"),
        ("after=k1_1_0_1&kind=pain", "leave out the filters"),
    ] {
        let reply = get(&app, &session, &format!("/api/v1/diary?{query}")).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{query}: {}",
            reply.body
        );
        assert!(reply.error().contains(says), "{query}: {}", reply.error());
    }
    // A limit and a cursor both wrong: both are named at once.
    let reply = get(&app, &session, "/api/v1/diary?limit=0&after=bad").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.error().contains("1 to 500") && reply.error().contains("\"bad\""));
}

#[tokio::test]
async fn a_persons_pages_never_hold_anyone_elses_entries() {
    let app = app().await;
    let mine = sign_up(&app, "mine-pages@example.org").await;
    let theirs = sign_up(&app, "theirs-pages@example.org").await;
    let start = Utc::now() - Duration::days(1);
    let mut my_ids = Vec::new();
    for n in 0..6 {
        my_ids.push(note(&app, &mine, n, start + Duration::minutes(n as i64 * 2)).await);
        note(
            &app,
            &theirs,
            100 + n,
            start + Duration::minutes(n as i64 * 2 + 1),
        )
        .await;
    }
    let (walked, _) = walk(&app, &mine, 4, "oldest").await;
    assert_eq!(walked, my_ids);
    let first = get(&app, &mine, "/api/v1/diary?limit=2").await.json();
    let cursor = first["next"].as_str().expect("a next page");
    // My cursor in their hands reads their own entries after that point, never mine.
    let borrowed = get(&app, &theirs, &format!("/api/v1/diary?after={cursor}"))
        .await
        .json();
    let shown = borrowed["entries"].as_array().expect("entries");
    assert_eq!(shown.len(), 5);
    assert!(shown
        .iter()
        .all(|e| !my_ids.contains(&e["id"].as_i64().unwrap_or(0))));
    let other = sign_up(&app, "nobody-pages@example.org").await;
    let empty = get(&app, &other, "/api/v1/diary?order=newest").await.json();
    assert_eq!(empty["entries"], serde_json::json!([]));
    assert_eq!(empty["next"], Value::Null);
}

/// The href of the link with this `rel` on a page, if there is one.
fn link(html: &str, rel: &str) -> Option<String> {
    let end = html.find(&format!("\" rel=\"{rel}\""))?;
    let start = html[..end].rfind("href=\"")? + "href=\"".len();
    Some(html[start..end].to_string())
}

/// The "entry-NNN" numbers listed on a Diary page, in order.
fn listed(html: &str) -> Vec<usize> {
    html.split("entry-")
        .skip(1)
        .filter_map(|rest| rest.get(..3).and_then(|n| n.parse().ok()))
        .collect()
}

#[tokio::test]
async fn the_diary_page_lists_sixty_newest_first_and_links_older_and_newer_pages() {
    let app = app().await;
    let session = sign_up(&app, "diary-pages@example.org").await;
    let start = Utc::now() - Duration::days(3);
    for n in 0..130 {
        note(&app, &session, n, start + Duration::minutes(n as i64)).await;
    }
    let newest: Vec<usize> = (70..130).rev().collect();
    let middle: Vec<usize> = (10..70).rev().collect();
    let oldest: Vec<usize> = (0..10).rev().collect();

    let first = page(&app, "/diary", &session).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(listed(&first.body), newest);
    assert!(first
        .body
        .contains("<nav class=\"pager\" aria-label=\"Diary pages\">"));
    assert_eq!(
        link(&first.body, "prev"),
        None,
        "no newer page than the first"
    );
    let older = link(&first.body, "next").expect("an Older entries link");
    assert!(older.starts_with("/diary?after=k1_"), "{older}");

    let second = page(&app, &older, &session).await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(listed(&second.body), middle);
    assert!(second.body.contains("Older entries") && second.body.contains("Newer entries"));
    let third = page(&app, &link(&second.body, "next").expect("older"), &session).await;
    assert_eq!(listed(&third.body), oldest);
    assert_eq!(
        link(&third.body, "next"),
        None,
        "the oldest page is the last"
    );

    let back = link(&third.body, "prev").expect("a Newer entries link");
    assert!(back.starts_with("/diary?before=k1_"), "{back}");
    let second_again = page(&app, &back, &session).await;
    assert_eq!(listed(&second_again.body), middle);
    let top = link(&second_again.body, "prev").expect("newer");
    let first_again = page(&app, &top, &session).await;
    assert_eq!(listed(&first_again.body), newest);
    assert_eq!(link(&first_again.body, "prev"), None);

    // The history view still lists as before paging, with its count of older entries.
    let history = page(&app, "/diary?history=1", &session).await;
    assert!(history
        .body
        .contains("70 older entries are not listed here"));
    assert!(!history.body.contains("aria-label=\"Diary pages\""));
}

#[tokio::test]
async fn a_damaged_link_on_the_diary_page_is_a_friendly_400() {
    let app = app().await;
    let session = sign_up(&app, "damaged@example.org").await;
    note(&app, &session, 1, Utc::now() - Duration::hours(1)).await;
    for uri in [
        "/diary?after=k1_1700000000_0",
        "/diary?before=nonsense",
        "/diary?after=k1_99999999999999_0_1",
        "/diary?after=k1_1_0_1&before=k1_1_0_2",
    ] {
        let reply = page(&app, uri, &session).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{uri}: {}",
            reply.body
        );
        assert!(reply.body.contains("<h1>"), "an HTML page: {}", reply.body);
        assert!(reply.body.contains("is damaged"), "{uri}: {}", reply.body);
        assert!(reply.body.contains("newest entries"), "{}", reply.body);
    }
    // A cursor past the oldest entry is no error: nothing older, and a way back.
    let past = page(&app, "/diary?after=k1_0_0_0", &session).await;
    assert_eq!(past.status, StatusCode::OK);
    assert!(past.body.contains("No older entries."));
    assert_eq!(link(&past.body, "prev").as_deref(), Some("/diary"));
}
