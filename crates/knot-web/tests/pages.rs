//! The HTML pages through the router: the Find page and its no-script form, the atlas, error
//! pages, escaping, assets and headers.

mod support;

use axum::http::{Method, StatusCode};

use support::{app, get, post_form, request};

const NECK_HEADACHE: [(&str, &str); 3] = [
    ("region", "right-temple:2"),
    ("region", "right-side-of-neck:2"),
    ("region", "right-back-of-neck:2"),
];

/// The muscle ids of the result cards, in rank order.
fn ranked_muscles(html: &str) -> Vec<String> {
    html.split("<h3><span class=\"visually-hidden\">")
        .skip(1)
        .filter_map(|card| {
            let start = card.find("href=\"/atlas/")? + "href=\"/atlas/".len();
            let end = card[start..].find('"')?;
            Some(card[start..start + end].to_string())
        })
        .collect()
}

#[tokio::test]
async fn find_page_offers_every_region_as_a_named_focusable_button() {
    let (app, _db) = app().await;
    let reply = get(&app, "/").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.header("content-type").starts_with("text/html"));
    let html = &reply.body;
    let buttons = html.matches("tabindex=\"0\" role=\"button\"").count();
    assert_eq!(buttons, knot_body::Scheme::builtin().len());
    assert!(html.contains("aria-label=\"right temple\""));
    assert!(
        html.contains(">R</text>") && html.contains(">L</text>"),
        "side labels"
    );
    assert!(html.contains("Where does it hurt?"));
    assert!(html.contains("not a diagnosis"));
    assert_eq!(get(&app, "/find").await.body, reply.body);
}

#[tokio::test]
async fn find_page_loads_nothing_from_elsewhere_and_nothing_that_blocks_render() {
    let (app, _db) = app().await;
    let html = get(&app, "/find").await.body;
    assert!(!html.contains("<link rel=\"stylesheet\""), "CSS is inlined");
    assert!(html.contains("<script type=\"module\" src=\"/static/bodymap.js?v="));
    for external in ["src=\"http", "href=\"http", "src=\"//", "href=\"//"] {
        assert!(!html.contains(external), "external resource: {external}");
    }
}

#[tokio::test]
async fn find_form_without_script_ranks_and_renders_the_whole_page() {
    let (app, _db) = app().await;
    let reply = post_form(&app, "/find", &NECK_HEADACHE, false).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.starts_with("<!doctype html>"));
    assert_eq!(ranked_muscles(&reply.body)[0], "upper-trapezius");
    // Reasons as region names, not ids; the marks survive as hidden fields and chart classes.
    assert!(reply.body.contains("right temple, side of the right neck"));
    assert!(reply.body.contains("value=\"right-temple:2\""));
    assert!(reply.body.contains("level-2"));
    assert!(reply.body.contains("Questions that would settle it"));
}

#[tokio::test]
async fn find_form_for_the_script_answers_with_the_results_fragment_only() {
    let (app, _db) = app().await;
    let reply = post_form(&app, "/find", &NECK_HEADACHE, true).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.starts_with("<div class=\"results-body\""));
    assert!(!reply.body.contains("<html"));
    assert!(reply.body.contains("data-essential=\"right-"));
}

#[tokio::test]
async fn answering_a_question_re_ranks_and_is_kept_for_the_next_round() {
    let (app, _db) = app().await;
    let before = post_form(&app, "/find", &NECK_HEADACHE, true).await.body;
    let start = before.find("name=\"answer\" value=\"").unwrap() + "name=\"answer\" value=\"".len();
    let value = &before[start..start + before[start..].find('"').unwrap()];
    let question = value.split('=').next().unwrap().to_string();
    let no = format!("{question}=no");
    let mut pairs = NECK_HEADACHE.to_vec();
    pairs.push(("answer", &no));
    let after = post_form(&app, "/find", &pairs, true).await.body;
    assert_ne!(
        ranked_muscles(&before),
        ranked_muscles(&after),
        "{question}"
    );
    assert!(after.contains("Your answers"));
    assert!(after.contains(&format!(
        "type=\"hidden\" name=\"answer\" value=\"{question}=no\""
    )));
    pairs.push(("forget", "1"));
    let forgotten = post_form(&app, "/find", &pairs, true).await.body;
    assert_eq!(ranked_muscles(&forgotten), ranked_muscles(&before));
}

#[tokio::test]
async fn find_form_words_are_resolved_and_unknown_words_get_suggestions() {
    let (app, _db) = app().await;
    let pairs = [("where", "right temple, side of the right neck, tempel")];
    let reply = post_form(&app, "/find", &pairs, true).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply
        .body
        .contains("From your words: right temple, side of the right neck."));
    assert!(reply
        .body
        .contains("“tempel” names no place Knot knows — did you mean"));
    assert!(reply
        .body
        .contains("data-from-words=\"right-temple right-side-of-neck\""));
    let nothing = post_form(&app, "/find", &[("where", "blorp")], false).await;
    assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(nothing.body.contains("role=\"alert\""));
    assert!(
        nothing.body.contains("value=\"blorp\""),
        "the words typed stay in the box"
    );
}

#[tokio::test]
async fn find_form_shows_readings_and_points_widespread_pain_to_the_screening() {
    let (app, _db) = app().await;
    let reply = post_form(&app, "/find", &[("where", "tennis elbow")], true).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.body.contains("read as pain at the outer elbow"),
        "{}",
        reply.body
    );
    let reply = post_form(&app, "/find", &[("where", "everywhere")], true).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply.body.contains("fibromyalgia"), "{}", reply.body);
    assert!(reply.body.contains("href=\"/screen\""), "{}", reply.body);
}

#[tokio::test]
async fn find_form_with_nothing_marked_invites_marking() {
    let (app, _db) = app().await;
    let reply = post_form(&app, "/find", &[("where", "  ")], true).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("Results appear here"));
}

#[tokio::test]
async fn find_form_refuses_bad_levels_and_region_ids_in_words() {
    let (app, _db) = app().await;
    let reply = post_form(&app, "/find", &[("region", "right-temple:9")], true).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.body.contains("should be 1, 2 or 3"), "{}", reply.body);
    let reply = post_form(&app, "/find", &[("region", "right-nowhere")], true).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.body.contains("no body region with the id"),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn find_form_escapes_what_was_typed() {
    let (app, _db) = app().await;
    let typed = "<script>alert(1)</script> right temple";
    let reply = post_form(&app, "/find", &[("where", typed)], false).await;
    assert!(!reply.body.contains("<script>alert(1)</script>"));
    assert!(
        reply
            .body
            .contains("&#60;script&#62;alert(1)&#60;/script&#62;")
            || reply.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
}

#[tokio::test]
async fn find_form_must_be_a_form() {
    let (app, _db) = app().await;
    let reply = support::post_json(&app, "/find", "{}").await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(
        reply.header("content-type").starts_with("text/html"),
        "an HTML error page"
    );
}

#[tokio::test]
async fn atlas_lists_every_muscle_by_body_part() {
    let (app, _db) = app().await;
    let reply = get(&app, "/atlas").await;
    assert_eq!(reply.status, StatusCode::OK);
    let links = reply.body.matches("class=\"muscle-link\"").count();
    assert_eq!(links, knot_atlas::Atlas::builtin().muscles().len());
}

#[tokio::test]
async fn atlas_search_finds_muscles_by_name_and_by_where_they_send_pain() {
    let (app, _db) = app().await;
    let by_name = get(&app, "/atlas?q=trap").await.body;
    assert!(by_name.contains("href=\"/atlas/upper-trapezius\""));
    assert!(!by_name.contains("href=\"/atlas/soleus\""));
    let by_place = get(&app, "/atlas?q=temple").await.body;
    assert!(
        by_place.contains("href=\"/atlas/upper-trapezius\""),
        "refers to the temple"
    );
    let none = get(&app, "/atlas?q=zzzz").await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(none.body.contains("No muscle matches"));
}

#[tokio::test]
async fn atlas_search_text_is_escaped() {
    let (app, _db) = app().await;
    let reply = get(&app, "/atlas?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E").await;
    assert!(!reply.body.contains("<img src=x"));
    assert!(
        reply.body.contains("&#60;img src=x onerror=alert(1)&#62;")
            || reply.body.contains("&lt;img src=x onerror=alert(1)&gt;")
    );
}

#[tokio::test]
async fn muscle_page_has_chart_points_self_care_cautions_and_sources() {
    let (app, _db) = app().await;
    let reply = get(&app, "/atlas/upper-trapezius").await;
    assert_eq!(reply.status, StatusCode::OK);
    for section in [
        "Trigger points",
        "Self-treatment",
        "Cautions",
        "Sources",
        "Stretch",
        "Dose",
    ] {
        assert!(reply.body.contains(section), "missing {section}");
    }
    assert!(
        reply
            .body
            .contains("class=\"region front right essential\"")
            || reply
                .body
                .contains("essential\" data-region=\"right-temple\"")
    );
    assert!(reply.body.contains("Show left side"));
    let left = get(&app, "/atlas/upper-trapezius?side=left").await;
    assert!(left.body.contains("Referral pattern, left side"));
    let bad = get(&app, "/atlas/upper-trapezius?side=up").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("side=left or side=right"));
}

#[tokio::test]
async fn muscle_page_by_name_redirects_to_the_muscle() {
    let (app, _db) = app().await;
    let reply = get(&app, "/atlas/Upper%20Trapezius").await;
    assert_eq!(reply.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(reply.header("location"), "/atlas/upper-trapezius");
}

#[tokio::test]
async fn unknown_muscle_is_a_404_page_with_suggestions() {
    let (app, _db) = app().await;
    let reply = get(&app, "/atlas/upper-trapezus").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.header("content-type").starts_with("text/html"));
    assert!(reply.body.contains("href=\"/atlas/upper-trapezius\""));
    assert!(reply
        .body
        .contains("The atlas has no muscle called “upper-trapezus”"));
}

#[tokio::test]
async fn unknown_page_and_wrong_method_get_html_error_pages() {
    let (app, _db) = app().await;
    let reply = get(&app, "/nowhere/it's").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.body.contains("<h1>Not found</h1>"));
    assert!(
        reply.body.contains("/nowhere/it&#39;s"),
        "the path is escaped"
    );
    let reply = request(&app, Method::DELETE, "/atlas").await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(reply.header("content-type").starts_with("text/html"));
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let (app, _db) = app().await;
    for uri in ["/", "/atlas", "/api/v1/regions", "/nowhere"] {
        let reply = get(&app, uri).await;
        assert!(
            reply
                .header("content-security-policy")
                .contains("script-src 'self'"),
            "{uri}"
        );
        assert_eq!(reply.header("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(reply.header("x-frame-options"), "DENY", "{uri}");
    }
}

#[tokio::test]
async fn assets_are_embedded_cached_by_version_and_revalidated_otherwise() {
    let (app, _db) = app().await;
    let html = get(&app, "/").await.body;
    let start = html.find("/static/bodymap.js?v=").unwrap();
    let link = &html[start..start + html[start..].find('"').unwrap()];
    let versioned = get(&app, link).await;
    assert_eq!(versioned.status, StatusCode::OK);
    assert!(versioned
        .header("content-type")
        .starts_with("text/javascript"));
    assert!(versioned.header("cache-control").contains("immutable"));
    assert!(versioned.body.contains("X-Knot-Fragment"));
    let plain = get(&app, "/static/bodymap.js").await;
    assert_eq!(plain.header("cache-control"), "no-cache");
    let etag = plain.header("etag").to_string();
    let revalidated = support::send(
        &app,
        axum::http::Request::get("/static/bodymap.js")
            .header("if-none-match", etag)
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(revalidated.status, StatusCode::NOT_MODIFIED);
    assert_eq!(
        get(&app, "/static/secrets.txt").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn find_form_flooded_with_places_is_refused_briefly() {
    let (app, _db) = app().await;
    let ids: Vec<String> = (0..2000).map(|n| format!("nowhere-{n}:9")).collect();
    let pairs: Vec<(&str, &str)> = ids.iter().map(|id| ("region", id.as_str())).collect();
    let reply = post_form(&app, "/find", &pairs, true).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.body.len() < 5_000,
        "a short answer, not one line per value"
    );
    let ids: Vec<String> = (0..400).map(|n| format!("nowhere-{n}")).collect();
    let pairs: Vec<(&str, &str)> = ids.iter().map(|id| ("region", id.as_str())).collect();
    let reply = post_form(&app, "/find", &pairs, true).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply.body.contains("more than 300 places"),
        "{}",
        reply.body
    );
}
