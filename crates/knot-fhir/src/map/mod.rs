//! Knot's records to FHIR resources: one file per kind of record, sharing [`Ctx`] (whose record
//! it is, and the ids and references derived from that).

pub mod body_site;
mod care;
pub mod codes;
mod diary;
pub mod ids;
mod screening;

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use knot_record::{PersonId, RecordId};

use crate::fhir::{
    Bundle, BundleEntry, ContactPoint, HumanName, Identifier, Patient, Reference, Resource,
};
use crate::PersonRecord;

/// Whose record is being written, and what it holds that references may point to.
#[derive(Debug)]
pub struct Ctx {
    person: PersonId,
    patient_url: String,
    plans: BTreeSet<RecordId>,
}

impl Ctx {
    /// A record's UUID and `urn:uuid:` full URL.
    pub fn ids(&self, kind: &str, key: &str) -> (String, String) {
        let uuid = ids::uuid(self.person, kind, key);
        let full_url = ids::full_url(&uuid);
        (uuid, full_url)
    }

    /// The same for a resource that is not the person's own record (the questionnaire): the
    /// same in every person's bundle.
    pub fn shared_ids(&self, kind: &str, key: &str) -> (String, String) {
        let uuid = ids::uuid(0, kind, key);
        let full_url = ids::full_url(&uuid);
        (uuid, full_url)
    }

    /// A reference to the Patient.
    pub fn patient(&self) -> Reference {
        Reference::to(&self.patient_url)
    }

    /// Whether the bundle holds this plan (so a session may point to it).
    pub fn has_plan(&self, id: RecordId) -> bool {
        self.plans.contains(&id)
    }
}

/// The whole bundle; see the crate docs for the order and the mapping.
pub fn bundle(record: &PersonRecord, generated_at: DateTime<Utc>) -> Bundle {
    let person = record.person.id;
    let mut ctx = Ctx {
        person,
        patient_url: String::new(),
        plans: record.plans.iter().map(|p| p.id).collect(),
    };
    let patient = patient(&ctx, record);
    ctx.patient_url = patient.full_url.clone();

    let mut entry = vec![patient];
    let mut screenings: Vec<_> = record.screenings.iter().collect();
    screenings.sort_by_key(|s| (s.screening.taken_at, s.id));
    if !screenings.is_empty() {
        entry.push(screening::questionnaire(&ctx));
    }
    entry.extend(screenings.iter().map(|s| screening::response(&ctx, s)));

    let mut entries: Vec<_> = record.entries.iter().collect();
    entries.sort_by_key(|e| (e.entry.recorded_at, e.id));
    entry.extend(entries.iter().filter_map(|e| diary::observation(&ctx, e)));

    let mut plans: Vec<_> = record.plans.iter().collect();
    plans.sort_by_key(|p| (p.plan.created_at, p.id));
    entry.extend(plans.iter().map(|p| care::plan(&ctx, p)));

    let mut sessions: Vec<_> = record.sessions.iter().collect();
    sessions.sort_by_key(|s| (s.session.started_at, s.id));
    entry.extend(sessions.iter().flat_map(|s| care::session(&ctx, s)));

    let stamp = ids::date_time(generated_at);
    Bundle {
        identifier: Identifier {
            system: "urn:ietf:rfc:3986".into(),
            value: ids::full_url(&ids::uuid(person, "bundle", &stamp)),
        },
        kind: "collection".into(),
        timestamp: stamp,
        entry,
    }
}

fn patient(ctx: &Ctx, record: &PersonRecord) -> BundleEntry {
    let person = &record.person;
    let (uuid, full_url) = ctx.ids("person", &person.id.to_string());
    BundleEntry {
        full_url,
        resource: Resource::Patient(Patient {
            id: uuid,
            identifier: vec![Identifier {
                system: codes::identifier_system("person"),
                value: person.id.to_string(),
            }],
            name: non_empty(&person.display_name)
                .map(|text| HumanName { text })
                .into_iter()
                .collect(),
            telecom: person
                .email
                .as_deref()
                .and_then(non_empty)
                .map(|email| ContactPoint {
                    system: "email".into(),
                    value: email,
                })
                .into_iter()
                .collect(),
        }),
    }
}

/// Free text (a name, a note, a reason) as a FHIR string, or nothing when it is blank. FHIR
/// strings hold no control characters and, as the R4 JSON schema checks them (`[ \r\n\t\S]+`
/// in JavaScript), no whitespace but space, tab and line breaks: any other whitespace (a
/// non-breaking space, a form feed) becomes a space and control characters are dropped.
pub fn non_empty(text: &str) -> Option<String> {
    let cleaned: String = text
        .chars()
        .filter_map(|c| match c {
            ' ' | '\t' | '\r' | '\n' => Some(c),
            _ if c.is_whitespace() || c == '\u{feff}' => Some(' '),
            _ if c.is_control() => None,
            _ => Some(c),
        })
        .collect();
    let trimmed = cleaned.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::non_empty;

    #[test]
    fn free_text_loses_odd_whitespace_and_control_characters() {
        assert_eq!(non_empty("  \u{a0}\n "), None);
        assert_eq!(non_empty("a\u{a0}b\u{7}c\u{c}d").as_deref(), Some("a bc d"));
        assert_eq!(
            non_empty("line one\nline two").as_deref(),
            Some("line one\nline two")
        );
    }
}
