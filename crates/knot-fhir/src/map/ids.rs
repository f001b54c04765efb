//! Deterministic ids: every resource's `urn:uuid:` full URL (and its `id`) is derived from the
//! person's id, the kind of record and the record's id, so exporting the same record twice gives
//! the same bundle, and two people's records never share an id. No randomness.
//!
//! The UUID is the first 128 bits of SHA-256 over `knot-fhir/1/{person}/{kind}/{id}`, with the
//! version set to 8 (RFC 9562's custom, name-based-by-other-hash form) and the RFC variant bits.

use chrono::{DateTime, SecondsFormat, Utc};
use knot_record::PersonId;
use sha2::{Digest, Sha256};

/// The UUID (lower-case, hyphenated) of one record of one person.
pub fn uuid(person: PersonId, kind: &str, id: &str) -> String {
    let digest = Sha256::digest(format!("knot-fhir/1/{person}/{kind}/{id}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The `fullUrl` of a resource whose id is `uuid`.
pub fn full_url(uuid: &str) -> String {
    format!("urn:uuid:{uuid}")
}

/// A FHIR `dateTime`/`instant` in UTC: seconds, fractions only when there are some.
pub fn date_time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_stable_well_formed_and_differ_by_person_kind_and_id() {
        let a = uuid(1, "diary-entry", "7");
        assert_eq!(a, uuid(1, "diary-entry", "7"));
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "8", "version 8: {a}");
        assert!(
            matches!(&a[19..20], "8" | "9" | "a" | "b"),
            "RFC variant: {a}"
        );
        assert_ne!(a, uuid(2, "diary-entry", "7"));
        assert_ne!(a, uuid(1, "session", "7"));
        assert_ne!(a, uuid(1, "diary-entry", "8"));
    }
}
