//! Refusals in the API's terms. The pure crates word their errors for the terminal ("`knot
//! regions` lists them", "run `knot screen`"); an API client needs the endpoint instead, and
//! one sentence joined to another must not end in a doubled full stop.

/// The CLI's commands and flags turned into the API's endpoints and fields.
pub(crate) fn api_words(text: &str) -> String {
    text.replace(" (e.g. --answer ", " in \"answers\" (e.g. ")
        .replace("--local:", "local:")
        .replace("run `knot screen`", "POST /api/v1/screening")
        .replace("(`knot screen`)", "(POST /api/v1/screening)")
        .replace("`knot regions` lists", "GET /api/v1/regions lists")
        .replace(
            "`knot show MUSCLE` lists a muscle's trigger points",
            "GET /api/v1/atlas/muscles/{id} lists a muscle's trigger points",
        )
        .replace(
            "`knot log movements` lists them",
            "the RangeOfMotion schema in GET /api/openapi.json lists them",
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_pointers_become_endpoints() {
        let text = api_words(
            "no trigger point \"x\" in the atlas. `knot show MUSCLE` lists a muscle's trigger \
             points. Take it first: run `knot screen`.",
        );
        assert!(!text.contains("`knot"), "{text}");
        assert!(text.contains("GET /api/v1/atlas/muscles/{id}"), "{text}");
        assert!(text.contains("POST /api/v1/screening"), "{text}");
    }
}
