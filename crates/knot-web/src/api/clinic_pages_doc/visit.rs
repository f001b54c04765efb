//! The OpenAPI description of the clinic's visit pages.

use serde_json::Value;

/// These pages' paths.
pub(super) fn paths() -> Vec<(&'static str, Value)> {
    Vec::new()
}
