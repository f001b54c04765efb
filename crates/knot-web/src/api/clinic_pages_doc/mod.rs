//! The OpenAPI description of the clinic's HTML pages and their forms (`/clinic…`), one file
//! per group of pages, like the pages themselves. Each page answers HTML, sends a visitor
//! without a session to `/signin` (303), shows the 404 page outside the clinic and the 403 page
//! to a role that may not; each form needs the session's CSRF token.

mod admin;
mod home;
mod records;
mod visit;

use serde_json::Value;

pub(super) use super::signed_in_pages_doc::{page, post};

/// Adds the clinic pages to the document.
pub(in crate::api) fn extend(document: &mut Value) {
    if let Some(map) = document["paths"].as_object_mut() {
        let paths = home::paths()
            .into_iter()
            .chain(records::paths())
            .chain(visit::paths())
            .chain(admin::paths());
        for (path, item) in paths {
            map.insert(path.to_string(), item);
        }
    }
}
